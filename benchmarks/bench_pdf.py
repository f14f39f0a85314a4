"""Print how long read_pdf takes on the 25-page Shanghai disclosure; nothing is asserted.

Both engines (pdfium, the default, and pdfplumber) are timed, and compared with
pdfplumber's own ``page.extract_tables()`` on every page of the same file (which finds
tables but neither titles, continuations nor narrative), in the same run. Run:
``python benchmarks/bench_pdf.py`` (``--quick`` for one repetition). Skips, saying so,
when ``../shared/`` is absent.
"""

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from govbudget.readers.pdf import read_pdf

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PDF = SHARED / "corpus" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"


def cpu(func: Callable[[], object]) -> float:
    """CPU seconds this process spends in one call of *func* (pdfium's C code included)."""
    started = time.process_time()
    func()
    return time.process_time() - started


def _extract_tables(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_tables()) for page in pdf.pages)


def main() -> None:
    """Time read_pdf and extract_tables on the Shanghai PDF, in total and per page."""
    if not PDF.is_file():
        print(f"skipped: {PDF} is not present")
        return
    repeat = 1 if "--quick" in sys.argv else 5
    with pdfplumber.open(PDF) as pdf:
        pages = len(pdf.pages)
    document = read_pdf(PDF)
    rows = sum(len(table.rows) for table in document.tables)
    cases = {
        "read_pdf, pdfium (tables + narrative)": lambda: read_pdf(PDF, engine="pdfium"),
        "read_pdf, pdfplumber (tables + narrative)": lambda: read_pdf(PDF, engine="pdfplumber"),
        "pdfplumber extract_tables, every page": lambda: _extract_tables(PDF),
    }
    print(f"{PDF.name}: {pages} pages, {len(document.tables)} tables, {rows} rows")
    print(f"best of {repeat}, CPU time, cases taken in turn")
    # Round robin, on CPU time: a busy machine slows every case alike, not the last one.
    times = dict.fromkeys(cases, float("inf"))
    for _ in range(repeat):
        for name, func in cases.items():
            times[name] = min(times[name], cpu(func))
    for name, seconds in times.items():
        print(f"{name:42s} {seconds * 1000:8.1f} ms  {seconds / pages * 1000:6.1f} ms per page")
    pdfium, plumber, tables = times.values()
    print(f"pdfium is {plumber / pdfium:.1f}x faster than the pdfplumber engine")
    print(f"pdfium is {tables / pdfium:.1f}x faster than extract_tables (target: 6x)")


if __name__ == "__main__":
    main()
