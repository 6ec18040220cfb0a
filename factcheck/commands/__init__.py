"""The library's operations, one module per command: each returns typed, frozen records and prints nothing."""
