"""Everything cached or computed for the pages: loading the dataset (every ``st.cache_*``), the result store,
per-SKU planning inputs, the Portfolio's catalogue run and scenario state. Imports ``ui.core`` only."""
