"""Ingest: one file -> kind -> form -> messages -> ledger. The only writer of submissions."""
