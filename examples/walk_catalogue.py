"""Walk the shipped classification catalogue for a year, look codes up, diff two years.

The catalogue ships only names verified in a published source (see
``docs/howto/catalogue.md``), so the tree printed here is partial: it is every code that
govbudget can name for the year, not the whole official list.

Run: ``python examples/walk_catalogue.py [YEAR]`` (default 2020)
"""

from __future__ import annotations

import sys

from govbudget import Scheme
from govbudget.catalogue import Catalogue

INDENT = {3: "", 5: "  ", 7: "    "}


def walk(catalogue: Catalogue, scheme: Scheme, year: int) -> int:
    """Print the tree of *scheme* in *year*, indented by level; return how many codes."""
    count = 0
    print(f"{scheme.value} {year}")
    for entry in catalogue.walk(scheme, year):
        print(f"  {INDENT[len(entry.code.digits)]}{entry.code} {entry.name}")
        count += 1
    return count


def main(year: int) -> None:
    """Walk both expenditure classifications, look up, search, map and diff."""
    catalogue = Catalogue()
    functional = walk(catalogue, Scheme.FUNCTIONAL, year)
    economic = walk(catalogue, Scheme.DEPT_ECONOMIC, year)
    print(f"{functional} functional and {economic} departmental economic codes in {year}")

    entry = catalogue.lookup("2010107", year)
    path = " › ".join(f"{a.code} {a.name}" for a in catalogue.ancestors(entry.code, year))
    years = ", ".join(str(y) for y in entry.years)
    print(f"lookup 2010107: {entry.name} (under {path}); listed in: {years}")

    for match in catalogue.search("公务接待", year=year):
        print(f"search 公务接待: {match.entry.code} {match.entry.name} ({match.how})")

    mapped = ", ".join(f"{e.code} {e.name}" for e in catalogue.to_gov("30101", year))
    print(f"30101 in the government economic classification: {mapped}")

    change = catalogue.diff(2018, 2019, Scheme.FUNCTIONAL)
    for added in change.added:
        print(f"2018 → 2019 added: {added.code} {added.name}")
    for rename in change.renamed:
        print(f"2018 → 2019 renamed: {rename.code} {rename.old.name} → {rename.new.name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2020)
