"""One module per page, each with a ``render()`` that ``app_pages/<page>.py`` (Streamlit's page file) calls."""
