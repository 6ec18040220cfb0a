"""The corpus, its index and the claims file: loading documents of every format, indexing them, reading claims.yaml."""
