"""Rules and models of the Theme Party Day system.

Pure: no files, no database, no Textual. Everything here takes values and
returns values, so the CLI, the TUI and the tests share one set of rules.
"""
