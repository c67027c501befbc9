"""Desks sharing one inbox and one (PostgreSQL) ledger: each takes a file only under its claim.

The ingest lock (lock.py) keeps runs on one desk apart; it lives in the desk's own state folder,
so it cannot keep two desks apart. A claim in the shared ledger does: before a desk reads a file
it claims the file's path inside the inbox (the same text on every desk, whatever the share is
mounted as), and gives the claim back once the file has an outcome. A desk that dies holding a
claim holds it until the lease ends; another desk then finishes the file by the ingest
protocol's own rules (a committed file found in the inbox is recognised and only removed).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from themeday_office.ledger import Ledger

ANOTHER_DESK = "另一工位正在处理这个文件"


def desk_name(configured: str = "") -> str:
    """This desk as the ledger names it: the setting (or the computer's name) and the process, so
    two programs on one computer are two holders."""
    return f"{configured.strip() or socket.gethostname()}#{os.getpid()}"


def gone_from_this_desk(desk: str) -> Callable[[str], bool]:
    """Whether a claim's holder is a process of this desk that no longer runs: a run killed here is
    followed at once, not after its lease (another desk's claims wait for their lease)."""
    name = desk.rpartition("#")[0]

    def gone(holder: str) -> bool:
        holder_name, _, pid = holder.rpartition("#")
        if holder_name != name or not pid.isdigit():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False  # it runs, under another user
        return False

    return gone


class DeskClaims:
    """The claims one ingesting process takes and gives back."""

    def __init__(self, ledger: Ledger, desk: str, lease_seconds: float) -> None:
        self.ledger = ledger
        self.desk = desk
        self.lease_seconds = lease_seconds
        self._gone = gone_from_this_desk(desk)
        self._held: set[str] = set()  # the claims taken and not given back yet

    def take(self, inbox_key: str) -> bool:
        taken = self.ledger.claim(inbox_key, self.desk, self.lease_seconds, self._gone)
        if taken:
            self._held.add(inbox_key)
        return taken

    def give_back(self, inbox_key: str) -> None:
        self.give_back_many([inbox_key])

    def give_back_many(self, inbox_keys: list[str]) -> None:
        """Give back the claims among these this process holds, in one statement (none: nothing
        sent; a file another desk holds was never ours to give back)."""
        held = [key for key in dict.fromkeys(inbox_keys) if key in self._held]
        if held:
            self.ledger.release_claims(held, self.desk)
            self._held.difference_update(held)
