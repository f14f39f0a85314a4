"""Print read and check times for budget PDFs beside the final-account PDF; nothing is asserted.

For each PDF: ``read()`` (PDF → typed disclosure) and ``check()`` (every rule, the
narrative included) separately, with the number of pages, tables and relations judged.
Run: ``python benchmarks/bench_budget.py`` (``--quick`` for one repetition). Skips, saying
so, when ``../shared/`` is absent.
"""

import sys
from pathlib import Path

import pdfplumber

from govbudget import check, read
from timing import best

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FILES = (
    ("final account", SHARED / "corpus" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"),
    ("budget", SHARED / "corpus" / "budgets" / "shanghai-putuo-finance-bureau-2025-budget.pdf"),
    ("budget", SHARED / "corpus" / "budgets" / "shanghai-putuo-wanli-subdistrict-2024-budget.pdf"),
    ("budget", SHARED / "corpus" / "budgets" / "jiangsu-npc-office-2018-budget.pdf"),
)


def main() -> None:
    """Time read() and check() on each PDF that is present."""
    present = [(family, path) for family, path in FILES if path.is_file()]
    if not present:
        print(f"skipped: the PDFs under {SHARED} are not present")
        return
    repeat = 1 if "--quick" in sys.argv else 3
    print(f"best of {repeat}")
    print(
        f"{'family':14s} {'file':52s} {'pages':>5s} {'tables':>6s} {'relations':>9s}"
        f" {'read ms':>9s} {'check ms':>9s}"
    )
    for family, path in present:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        disclosure = read(path)
        report = check(disclosure)
        read_s = best(lambda path=path: read(path), repeat)
        check_s = best(lambda d=disclosure: check(d), repeat)
        print(
            f"{family:14s} {path.name:52s} {pages:5d} {len(disclosure.tables):6d}"
            f" {report.checked:9d} {read_s * 1000:9.1f} {check_s * 1000:9.1f}"
        )


if __name__ == "__main__":
    main()
