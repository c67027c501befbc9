"""Mutation fuzzing of the reader and the check, as ingest takes a file (see tests/fuzz/).

    python bench/fuzz.py --inputs 1000000            # the long run; Ctrl+C stops it with a summary
    python bench/fuzz.py --inputs 20000 --seed 7     # another stream of inputs

Input ``i`` of a run is made from ``--seed`` and ``i`` alone (a real file of the seed corpus,
one to three mutations), so a finding is made again from its number. Every input must end in a
result or in the file's own message: an exception that reaches the caller is a crash, a parse
stopped by the parse timeout (or this process busy past it) is a hang. Each is saved under
``--out`` with what was done to it. Parsing runs in the parser processes (one per core, a
thread each feeding it), LibreOffice is left out unless ``--libreoffice``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fuzz.harness import PARSE_TIMEOUT_S, Fuzzer, Verdict, environment, without_libreoffice  # noqa: E402 - imported once sys.path names the repository
from tests.fuzz.mutate import mutate  # noqa: E402 - imported once sys.path names the repository
from tests.fuzz.seeds import seeds  # noqa: E402 - imported once sys.path names the repository
from themeday_office.readers import IsolatedReader, ReadLimits  # noqa: E402 - imported once sys.path names the repository
from themeday_office.readers.isolation import default_workers  # noqa: E402 - imported once sys.path names the repository


def make_input(run_seed: int, index: int) -> tuple[str, bytes, list[str]]:
    """Input ``index`` of the run ``run_seed``: (the seed file's name, the bytes, the mutations)."""
    rng = random.Random(f"{run_seed}:{index}")
    corpus = seeds()
    name, data = corpus[rng.randrange(len(corpus))]
    mutated, done = mutate(data, rng)
    return name, mutated, done


class Run:
    """The counts of a run, and the findings saved as they come."""

    def __init__(self, out: Path, run_seed: int) -> None:
        self.out = out
        self.run_seed = run_seed
        self.kinds: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.slowest = 0.0

    def record(self, index: int, name: str, data: bytes, done: list[str], verdict: Verdict) -> None:
        with self.lock:
            self.kinds[verdict.kind] += 1
            if verdict.kind == "message":
                self.codes.update(verdict.detail.split(","))
            self.slowest = max(self.slowest, verdict.seconds)
        if verdict.bad:
            self.save(index, name, data, done, verdict)

    def save(self, index: int, name: str, data: bytes, done: list[str], verdict: Verdict) -> None:
        folder = self.out / f"{verdict.kind}es" if verdict.kind == "crash" else self.out / f"{verdict.kind}s"
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{self.run_seed}-{index}-{Path(name).stem[:40]}"
        (folder / f"{stem}{Path(name).suffix}").write_bytes(data)
        note = (
            f"seed file: {name}\nmutations: {', '.join(done)}\n"
            f"{verdict.kind} after {verdict.seconds:.2f} s\n\n{verdict.detail}\n"
        )
        (folder / f"{stem}.txt").write_text(note, encoding="utf-8")
        print(f"\n{verdict.kind.upper()} input {index} ({name}: {', '.join(done)}) saved in {folder}", flush=True)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1, help="which stream of inputs (input i is made from seed and i)")
    parser.add_argument("--start", type=int, default=0, help="first input number (to go on with a run)")
    parser.add_argument("--workers", type=int, default=default_workers() // 2 or 1, help="parser processes")
    parser.add_argument("--timeout", type=float, default=PARSE_TIMEOUT_S, help="the parse timeout, seconds")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "fuzz")
    parser.add_argument("--libreoffice", action="store_true", help="convert .doc/.odt with LibreOffice (slow)")
    args = parser.parse_args()

    limits = ReadLimits(parse_timeout_s=args.timeout)
    env = environment(limits)
    print(f"{len(seeds())} seed files; {args.inputs:,} inputs from {args.start} with seed {args.seed}; "
          f"{args.workers} parser processes; parse timeout {args.timeout:g} s", flush=True)
    run = Run(args.out, args.seed)
    numbers = iter(range(args.start, args.start + args.inputs))
    numbers_lock = threading.Lock()
    busy: dict[int, tuple[int, float, str, bytes, list[str]]] = {}  # thread -> its input, since when

    def feed(fuzzer: Fuzzer) -> None:
        while True:
            with numbers_lock:
                index = next(numbers, None)
            if index is None:
                return
            name, data, done = make_input(args.seed, index)
            busy[threading.get_ident()] = (index, time.monotonic(), name, data, done)
            verdict = fuzzer.verdict(data, name)
            busy.pop(threading.get_ident(), None)
            run.record(index, name, data, done, verdict)

    started = time.monotonic()
    stuck: set[int] = set()
    with (nullcontext() if args.libreoffice else without_libreoffice()), IsolatedReader(limits, args.workers) as reader:
        fuzzer = Fuzzer(reader, env)
        threads = [threading.Thread(target=feed, args=(fuzzer,), daemon=True) for _ in range(args.workers)]
        for thread in threads:
            thread.start()
        last = 0.0
        try:
            while any(t.is_alive() for t in threads) and len(stuck) < len(threads):
                time.sleep(0.5)
                for ident, (index, since, name, data, done) in list(busy.items()):
                    # A parse is stopped by its timeout; only this process's own work can run on.
                    if ident not in stuck and time.monotonic() - since > 3 * args.timeout:
                        stuck.add(ident)
                        run.record(
                            index, name, data, done, Verdict("hang", "this process did not return", 3 * args.timeout)
                        )
                if time.monotonic() - last >= 10:
                    last = time.monotonic()
                    _progress(run, last - started)
        except KeyboardInterrupt:
            print("\nstopped", flush=True)
        elapsed = time.monotonic() - started
        _progress(run, elapsed)
        summary = {
            "inputs": run.total, "seconds": round(elapsed, 1), "inputs_per_second": round(run.total / elapsed, 1),
            "crashes": run.kinds["crash"], "hangs": run.kinds["hang"], "results": run.kinds["result"],
            "messages": run.kinds["message"], "message_codes": dict(run.codes.most_common()),
            "slowest_input_s": round(run.slowest, 2), "seed": args.seed, "start": args.start,
            "workers": args.workers, "parse_timeout_s": args.timeout,
        }
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"summary-{args.seed}.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
        print(json.dumps(summary, ensure_ascii=False), flush=True)
        if stuck:
            reader.close(timeout=1)  # a stuck thread would keep the interpreter from leaving
            import os

            os._exit(1)
    return 1 if run.kinds["crash"] or run.kinds["hang"] else 0


def _progress(run: Run, elapsed: float) -> None:
    print(f"{run.total:>9,} inputs  {run.total / max(elapsed, 1e-9):6.0f}/s  crashes {run.kinds['crash']}  "
          f"hangs {run.kinds['hang']}  results {run.kinds['result']:,}  messages {run.kinds['message']:,}  "
          f"slowest {run.slowest:.2f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
