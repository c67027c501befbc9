"""Regenerate the corpus: every case's file and its hand-written expected result.

    python -m tests.corpus.make_corpus            # all cases (needs LibreOffice's soffice)
    python -m tests.corpus.make_corpus monthly-   # the cases whose name starts so

Files come from the synthetic generator, openpyxl and python-docx edits, LibreOffice re-saves
and hand-edited XML; zip packages are written byte-stable. Each `<file>.expected.json` is
written from the case table (cases_*.py), never from what `check` says today: the test
(tests/check/test_corpus.py) holds the two against each other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.corpus import cases_monthly, cases_safety, cases_sheets, cases_word
from tests.corpus.build import Tools
from tests.corpus.case import DISTRICT, XC, Case

HERE = Path(__file__).resolve().parent
ROSTER = HERE / "roster.xlsx"


def all_cases() -> list[Case]:
    cases = [*cases_monthly.cases.cases, *cases_sheets.cases.cases, *cases_word.cases.cases,
             *cases_safety.cases.cases]
    names = [c.name for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case names: {sorted(duplicates)}")
    return cases


def _check_assumptions() -> None:
    # The hand-written expectations name branches and member counts; the district must still have them.
    branches = tuple((b.name, b.members) for b in DISTRICT.branches_of(XC))
    if branches != cases_monthly.XC_BRANCHES:
        raise SystemExit(f"the district changed: {XC} now has {branches}")


def main(argv: list[str]) -> None:
    _check_assumptions()
    prefix = argv[0] if argv else ""
    tools = Tools()
    try:
        for case in all_cases():
            if not case.name.startswith(prefix):
                continue
            data = case.build(tools)
            (HERE / case.name).write_bytes(data)
            expected = json.dumps(case.to_json(), ensure_ascii=False, indent=1) + "\n"
            (HERE / f"{case.name}.expected.json").write_text(expected, encoding="utf-8")
            print(f"{len(data):>8}  {case.name}")
    finally:
        tools.close()


if __name__ == "__main__":
    main(sys.argv[1:])
