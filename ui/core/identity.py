"""Who is using the app, and whether they may: sign-in (OpenID Connect), a trusted proxy, or one local user.

Three modes, chosen by the deployment's configuration (docs/deployment.md):

- **oidc**: Streamlit's own sign-in (``st.login``, Authlib) with the provider in ``.streamlit/secrets.toml``'s
  ``[auth]`` section. The user is the ID token's issuer and subject (stable), with the e-mail for display.
- **proxy**: a reverse proxy that signs users in (oauth2-proxy) passes the e-mail in a header, named by
  ``trusted_proxy_header`` in ``[replenish]`` or ``REPLENISH_TRUSTED_PROXY_HEADER`` (``X-Forwarded-Email``). The
  app then trusts that header, so it must be reachable only through the proxy.
- **local**: neither configured: a single local user, as a laptop install has always been.

With sign-in or a proxy, an allow-list says who may use the server: ``allowed_domains`` and ``allowed_emails`` in
``[replenish]`` (or ``REPLENISH_ALLOWED_DOMAINS``/``REPLENISH_ALLOWED_EMAILS``, comma-separated). It must be set:
a provider such as Google signs in anyone with an account, so an empty list lets no one in; ``"*"`` in
``allowed_domains`` admits every account the provider signs in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import streamlit as st

from scenarios.store import LOCAL_ACTOR, Actor

__all__ = [
    "Access",
    "Identity",
    "access",
    "identify",
    "request_headers",
]

Mode = Literal["local", "oidc", "proxy", "misconfigured"]
AUTH_ENV = "REPLENISH_AUTH"
PROXY_HEADER_ENV = "REPLENISH_TRUSTED_PROXY_HEADER"
DOMAINS_ENV = "REPLENISH_ALLOWED_DOMAINS"
EMAILS_ENV = "REPLENISH_ALLOWED_EMAILS"
PROXY_ISSUER = "proxy"


def _listed(value: object) -> frozenset[str]:
    """A list setting (a TOML list or a comma-separated string), trimmed and lower-cased."""
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return frozenset(str(item).strip().lower().lstrip("@") for item in items if str(item).strip())


@dataclass(frozen=True)
class Access:
    """The deployment's sign-in mode and allow-list."""

    mode: Mode
    header: str = ""
    domains: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    provider: str | None = None
    reason: str = ""  # why the configuration cannot be used (mode "misconfigured")

    def allows(self, email: str) -> bool:
        """Whether ``email`` may use the server: listed itself, or of a listed domain (``*``: any). Only one plain
        address counts: no list, no spaces, one ``@``; a domain matches exactly (not its subdomains)."""
        if self.mode == "local":
            return True
        address = email.strip().lower()
        if not _ADDRESS.fullmatch(address):
            return False
        return address in self.emails or "*" in self.domains or address.rsplit("@", 1)[1] in self.domains

    @property
    def configured(self) -> bool:
        return bool(self.domains or self.emails)


_ADDRESS = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+")


class SecretsUnreadable(Exception):
    """A secrets file exists but cannot be read: sign-in must not silently switch off."""


def _secrets_file_exists() -> bool:
    from streamlit import config

    return any(Path(path).exists() for path in config.get_option("secrets.files") or [])


def _secrets() -> Mapping:
    """``st.secrets`` as a mapping; empty when the deployment has no secrets file.

    Raises
    ------
    SecretsUnreadable
        A secrets file is there but does not parse: the server must not fall back to one local user.
    """
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception as exc:
        if _secrets_file_exists():
            raise SecretsUnreadable(str(exc)) from exc
        return {}


def access(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> Access:
    """The deployment's :class:`Access`, from ``secrets`` (default ``st.secrets``) and ``environ``.

    A configuration that could let the wrong people in is refused, not guessed at (mode ``misconfigured``, with
    the reason): a secrets file that does not parse; sign-in and a trusted proxy header both set (anyone reaching
    the server directly could send the header); a mode named by ``REPLENISH_AUTH`` that the configuration does
    not provide, as when a team server loses its secrets file and would otherwise open to anyone.
    """
    environ = os.environ if environ is None else environ
    if secrets is None:
        try:
            secrets = _secrets()
        except SecretsUnreadable:
            return Access("misconfigured", reason="secrets")
    own = secrets.get("replenish") or {}
    header = (environ.get(PROXY_HEADER_ENV) or own.get("trusted_proxy_header") or "").strip()
    domains = _listed(environ.get(DOMAINS_ENV)) | _listed(own.get("allowed_domains"))
    emails = _listed(environ.get(EMAILS_ENV)) | _listed(own.get("allowed_emails"))
    wanted = str(environ.get(AUTH_ENV) or own.get("auth") or "").strip().lower()
    if header and secrets.get("auth"):
        return Access("misconfigured", reason="both")
    found: Mode = "proxy" if header else ("oidc" if secrets.get("auth") else "local")
    if wanted and wanted not in ("local", "oidc", "proxy"):
        return Access("misconfigured", reason="unknown_mode")
    if wanted and wanted != found:
        return Access("misconfigured", reason=f"expected_{wanted}")
    if found == "proxy":
        return Access("proxy", header=header, domains=domains, emails=emails)
    if found == "oidc":
        return Access("oidc", domains=domains, emails=emails, provider=own.get("provider") or None)
    return Access("local")


def request_headers() -> Mapping[str, str]:
    """The headers of the request that opened this session (``st.context.headers``)."""
    try:
        return st.context.headers
    except Exception:  # noqa: BLE001 - no session (bare mode)
        return {}


@dataclass(frozen=True)
class Identity:
    """The session's user, or why there is none: ``sign_in`` (not signed in yet), ``refused`` (not on the
    allow-list), ``no_header`` (proxy mode, reached without the proxy), ``bad_header`` (the header sent twice, or
    not one address), ``unconfigured`` (no allow-list), ``misconfigured`` (see :func:`access`), ``no_email`` (the
    provider sent no e-mail claim), ``unverified`` (the provider says the e-mail is not verified)."""

    access: Access
    actor: Actor | None
    problem: Literal[
        "", "sign_in", "refused", "no_header", "bad_header", "unconfigured", "misconfigured", "no_email", "unverified"
    ] = ""

    @property
    def ok(self) -> bool:
        return self.actor is not None and not self.problem


def _claim(name: str) -> str:
    value = st.user.get(name) if hasattr(st.user, "get") else getattr(st.user, name, None)
    return "" if value is None else str(value)


def identify(settings: Access | None = None) -> Identity:
    """The session's user under the deployment's mode, checked against the allow-list."""
    settings = access() if settings is None else settings
    if settings.mode == "misconfigured":
        return Identity(settings, None, "misconfigured")
    if settings.mode == "local":
        return Identity(settings, LOCAL_ACTOR)
    if settings.mode == "proxy":
        headers = request_headers()
        values = headers.get_all(settings.header) if hasattr(headers, "get_all") else [headers.get(settings.header)]
        values = [v.strip() for v in values if v and v.strip()]
        if not values:
            return Identity(settings, None, "no_header")
        if len(values) > 1 or not _ADDRESS.fullmatch(values[0].lower()):
            return Identity(settings, None, "bad_header")
        email = values[0]
        actor = Actor(PROXY_ISSUER, email.lower(), email, email)
    else:
        if not st.user.is_logged_in:
            return Identity(settings, None, "sign_in")
        email = _claim("email")
        issuer, subject = _claim("iss") or "oidc", _claim("sub") or email.lower()
        actor = Actor(issuer, subject, email, _claim("name") or email)
        if not email:
            return Identity(settings, actor, "no_email")
        if _claim("email_verified").lower() == "false":
            return Identity(settings, actor, "unverified")
    if not settings.configured:
        return Identity(settings, actor, "unconfigured")
    if not settings.allows(actor.email):
        return Identity(settings, actor, "refused")
    return Identity(settings, actor)
