"""A package's names loaded on first use (PEP 562), so importing one module of a package does not
load all of its siblings: a command imports only what it uses (issue 25).

A package lists each name it exports with the module that defines it, imports them under
TYPE_CHECKING for the type checker, and sets ``__getattr__ = lazy_exports(__name__, WHERE)``.
tests/test_startup.py checks that the list and ``__all__`` agree and that every name loads.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of `package`: a name of `where` is imported from its module when first
    asked for, then kept in the package like an ordinary import."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
