"""Print how long read_pdf takes on the 25-page Shanghai disclosure; nothing is asserted.

Compared with pdfplumber's own ``page.extract_tables()`` on every page of the same file
(which finds tables but neither titles, continuations nor narrative). Run:
``python benchmarks/bench_pdf.py`` (``--quick`` for one repetition). Skips, saying so,
when ``../shared/`` is absent.
"""

import sys
from pathlib import Path

import pdfplumber

from govbudget.readers.pdf import read_pdf
from timing import best

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PDF = SHARED / "corpus" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"


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
        "read_pdf (tables + narrative)": lambda: read_pdf(PDF),
        "pdfplumber extract_tables, every page": lambda: _extract_tables(PDF),
    }
    print(f"{PDF.name}: {pages} pages, {len(document.tables)} tables, {rows} rows")
    print(f"best of {repeat}")
    for name, func in cases.items():
        seconds = best(func, repeat)
        print(f"{name:40s} {seconds * 1000:8.1f} ms  {seconds / pages * 1000:6.1f} ms per page")


if __name__ == "__main__":
    main()
