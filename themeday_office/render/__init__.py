"""Render: rollups and ledger data -> official .docx (GB/T 9704-2012) and .xlsx files."""
