"""The ledger's interface (interface.py) is exactly what the SQLite Ledger offers."""

import inspect
import typing

import pytest

from themeday_office.ledger import Ledger, LedgerBackend

# How a backend is opened is its own: a PostgreSQL ledger would take a connection string.
OPENING = {"open", "open_existing"}


def _public(cls) -> set[str]:
    return {n for n in dir(cls) if not n.startswith("_")}


def test_the_interface_lists_every_public_method_of_the_ledger_and_no_other(tmp_path):
    assert _public(Ledger) - OPENING == _public(LedgerBackend)
    attributes = set(typing.get_type_hints(LedgerBackend))
    assert attributes == {"state_dir", "archive", "url", "shared"}
    with Ledger.open(tmp_path / "state") as ledger:  # set on open, not on the class
        assert all(hasattr(ledger, a) for a in attributes)
        assert isinstance(ledger.schema_version, int)


@pytest.mark.parametrize("name", sorted(n for n in _public(LedgerBackend) if callable(getattr(LedgerBackend, n))))
def test_each_method_has_the_interface_signature(name):
    ours, theirs = inspect.signature(getattr(Ledger, name)), inspect.signature(getattr(LedgerBackend, name))
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == \
        [(p.name, p.kind, p.default) for p in theirs.parameters.values()]
    assert typing.get_type_hints(getattr(Ledger, name)) == typing.get_type_hints(getattr(LedgerBackend, name))
