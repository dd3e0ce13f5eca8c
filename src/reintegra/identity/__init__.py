"""Name normalisation and matching keys. Pure Python: nothing here imports Django."""
