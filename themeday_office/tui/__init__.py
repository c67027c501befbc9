"""The clerk's terminal app (Textual): the live inbox, a submission's details, accept and reject.

Nothing below the app imports this package; `themeday tui` (and a bare `themeday`) start it.
Modules without Textual hold what can be tested without a screen: the queue model
(queue.py), the ledger reads (ledger_feed.py, details_data.py, preview.py), decisions
(decisions.py), the watcher link (watcher_link.py) and the [tui] settings (settings.py).
"""
