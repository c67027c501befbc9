"""Modal dialogs: the reason for a decision, the key help."""
