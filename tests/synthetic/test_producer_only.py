"""The generator produces input files; it must not lean on the code that reads them."""

import subprocess
import sys

from ..conftest import REPO


def test_importing_the_generator_loads_no_reader_ingest_ledger_or_cli():
    # A fresh interpreter: what the package pulls in, not what other tests already imported.
    code = (
        "import sys, themeday_office.synthetic\n"
        "layers = ('readers', 'ingest', 'ledger', 'cli', 'watch', 'tui')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[:2] in [['themeday_office', l] for l in layers]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
