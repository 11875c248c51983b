"""A stand-in for oauth2-proxy in the browser tests: a reverse proxy on its own thread that forwards every request
to a Streamlit server, WebSocket included, and sets the signed-in user's header on each, replacing any the browser
sent (as a real signing-in proxy must). Which user it signs in is set per test with :meth:`HeaderProxy.sign_in`.

Tornado (a Streamlit dependency) does the HTTP and WebSocket forwarding; nothing is installed for it.
"""

from __future__ import annotations

import asyncio
import threading

from tornado import httpclient, httpserver, web, websocket

__all__ = ["HeaderProxy"]

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "content-length", "content-encoding"}


class HeaderProxy:
    """Forwards ``http://127.0.0.1:<port>`` to ``upstream``, with ``header: <user>`` on every request."""

    def __init__(self, upstream: str, header: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.header = header
        self.user: str | None = None
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sign_in(self, email: str | None) -> None:
        """The user the proxy vouches for from now on (None: it passes requests with no user header)."""
        self.user = email

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HeaderProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the header proxy did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _headers(self, incoming) -> dict[str, str]:
        headers = {k: v for k, v in incoming.get_all() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
        headers = {k: v for k, v in headers.items() if k.lower() != self.header.lower()}  # the browser's is dropped
        if self.user is not None:
            headers[self.header] = self.user
        return headers

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        proxy = self
        ws_upstream = "ws" + self.upstream.removeprefix("http")

        class Socket(websocket.WebSocketHandler):
            async def open(self, *args) -> None:
                request = httpclient.HTTPRequest(
                    ws_upstream + self.request.uri,
                    headers=proxy._headers(self.request.headers),
                )
                self.upstream = await websocket.websocket_connect(
                    request, on_message_callback=self._from_upstream, subprotocols=self._subprotocols()
                )

            def _subprotocols(self) -> list[str] | None:
                wanted = self.request.headers.get("Sec-WebSocket-Protocol")
                return [p.strip() for p in wanted.split(",")] if wanted else None

            def select_subprotocol(self, subprotocols):
                return subprotocols[0] if subprotocols else None

            def _from_upstream(self, message) -> None:
                if message is None:
                    self.close()
                else:
                    self.write_message(message, binary=isinstance(message, bytes))

            async def on_message(self, message) -> None:
                await self.upstream.write_message(message, binary=isinstance(message, bytes))

            def on_close(self) -> None:
                if getattr(self, "upstream", None) is not None:
                    self.upstream.close()

            def check_origin(self, origin: str) -> bool:
                return True

        class Http(web.RequestHandler):
            SUPPORTED_METHODS = ("GET", "POST", "PUT", "HEAD", "OPTIONS", "DELETE")

            async def _forward(self) -> None:
                body = self.request.body if self.request.method in ("POST", "PUT") else None
                response = await httpclient.AsyncHTTPClient().fetch(
                    proxy.upstream + self.request.uri,
                    method=self.request.method,
                    headers=proxy._headers(self.request.headers),
                    body=body,
                    follow_redirects=False,
                    raise_error=False,
                    allow_nonstandard_methods=True,
                )
                self.set_status(response.code, response.reason)
                self._headers.clear()
                for key, value in response.headers.get_all():
                    if key.lower() not in HOP_BY_HOP:
                        self.add_header(key, value)
                if response.body and self.request.method != "HEAD":
                    self.write(response.body)

            get = post = put = head = options = delete = _forward

        app = web.Application([(r"/_stcore/stream", Socket), (r".*", Http)])
        server = httpserver.HTTPServer(app)
        sockets = __import__("tornado.netutil", fromlist=["bind_sockets"]).bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
