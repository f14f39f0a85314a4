"""Print bulk throughput: files per second on 1 and 2 processes and a Dask LocalCluster.

Nothing is asserted. Run: ``python benchmarks/bench_bulk.py`` (1,000 generated files;
``--quick``: 30; ``--files N`` to choose). A corpus is written by ``corpus.py`` (seeded:
the same files on every run, a fifth of them with one injected defect, one corrupt file),
then checked with :func:`govbudget.bulk.check_files` on one process (in this one) and on
two worker processes, and with :func:`govbudget.bulk.check_files_on` on a LocalCluster of
two workers. For each: files per second, the peak memory of each worker, and the share of
injected defects flagged (the file has an error finding) beside the share of clean files
flagged. Last, the command line end to end: ``govbudget check --jobs 2 --output`` over the
folder, then the same with ``--resume``, which has nothing left to do.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from corpus import generate
from govbudget.bulk import FileResult, check_files, check_files_on, files_in

BIN = Path(sys.executable).parent


def summary(
    label: str, results: list[FileResult], seconds: float, manifest: list[dict[str, str]]
) -> None:
    """Print one line of figures for a run."""
    by_name = {m["file"]: m for m in manifest}
    flawed = flagged = clean = false = unread = 0
    for result in results:
        entry = by_name[Path(result.path).name]
        if result.report is None:
            unread += 1
            continue
        error = not result.report.ok
        if entry["defect"]:
            flawed += 1
            flagged += error
        else:
            clean += 1
            false += error
    memory: dict[str, int] = {}
    for result in results:
        memory[result.worker] = max(memory.get(result.worker, 0), result.memory)
    mib = ", ".join(f"{m / 2**20:.0f}" for m in sorted(memory.values()))
    per_file = sum(r.seconds for r in results) / max(len(results), 1) * 1e3
    cpu = sum(r.cpu for r in results) / max(len(results), 1) * 1e3
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{label:28s} {len(results) / seconds:7.1f} files/s  {seconds:6.2f} s  "
        f"per file {per_file:5.1f} ms ({cpu:4.1f} ms CPU)  load {load:.1f}  "
        f"workers {len(memory)} (peak MiB {mib})  defects flagged {flagged}/{flawed} "
        f"({flagged / max(flawed, 1):.0%}), clean flagged {false}/{clean}, unreadable {unread}"
    )


def timed(results: Iterable[FileResult]) -> tuple[list[FileResult], float]:
    """Every result, and the seconds they took to come."""
    started = time.perf_counter()
    done = list(results)
    return done, time.perf_counter() - started


def by_format(results: list[FileResult], manifest: list[dict[str, str]]) -> None:
    """Print the share of defects flagged per file format (and of clean files), and per kind."""
    by_name = {m["file"]: m for m in manifest}
    for fmt in ("json", "txt", "xlsx"):
        chosen = [
            (by_name[Path(r.path).name], r)
            for r in results
            if r.report is not None and by_name[Path(r.path).name]["format"] == fmt
        ]
        flawed = [r for m, r in chosen if m["defect"]]
        clean = [r for m, r in chosen if not m["defect"]]
        hit = sum(r.report is not None and not r.report.ok for r in flawed)
        false = sum(r.report is not None and not r.report.ok for r in clean)
        print(f"  {fmt:5s} defects flagged {hit}/{len(flawed)}, clean flagged {false}/{len(clean)}")
    kinds = sorted({m["defect"] for m in manifest} - {"", "corrupt"})
    for kind in kinds:
        chosen = [r for r in results if by_name[Path(r.path).name]["defect"] == kind]
        hit = sum(r.report is not None and not r.report.ok for r in chosen)
        print(f"  {kind:17s} flagged {hit}/{len(chosen)}")


def command_line(folder: Path, out: Path) -> None:
    """Time ``govbudget check --jobs 2 --output`` on the folder, then with ``--resume``."""
    for extra in ([], ["--resume"]):
        started = time.perf_counter()
        run = subprocess.run(
            [
                str(BIN / "govbudget"),
                "check",
                "--jobs",
                "2",
                "--output",
                str(out),
                *extra,
                str(folder),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        with out.with_suffix(".csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        files = len({r["path"] for r in rows})
        errors = sorted({r["path"] for r in rows if r["error"]})
        name = "check --jobs 2 --output" + (" --resume" if extra else "")
        notes = [line for line in run.stderr.splitlines() if "skipped" in line or "error" in line]
        print(
            f"{name:36s} {seconds:6.2f} s, exit {run.returncode}, {files} files in the table "
            f"({len(rows)} rows), unreadable: {[Path(e).name for e in errors]}"
        )
        for line in notes[:2]:
            print(f"  {line}")


def main() -> None:
    """Generate the corpus and time each way of checking it."""
    quick = "--quick" in sys.argv
    files = 30 if quick else 1000
    if "--files" in sys.argv:
        files = int(sys.argv[sys.argv.index("--files") + 1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        started = time.perf_counter()
        manifest = generate(folder, files=files, seeded=0, defects=0.2, corrupt=1)
        print(f"corpus: {len(manifest)} files written in {time.perf_counter() - started:.1f} s")
        paths = [str(p) for p in files_in(folder)]

        results, seconds = timed(check_files(paths, jobs=1))
        summary("1 process (in this one)", results, seconds, manifest)
        by_format(results, manifest)
        results, seconds = timed(check_files(paths, jobs=2))
        summary("2 worker processes", results, seconds, manifest)
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415 - optional
        except ImportError:
            print("LocalCluster: skipped (pip install 'govbudget[dask]')")
        else:
            started = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=not quick, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                up = time.perf_counter() - started
                results, seconds = timed(check_files_on(client, paths))
            kind = "threads" if quick else "processes"
            summary(f"LocalCluster 2 {kind}", results, seconds, manifest)
            print(f"  (cluster started in {up:.1f} s, not counted)")
        command_line(folder, Path(tmp) / "findings.parquet")


if __name__ == "__main__":
    main()
