"""Two years of one department side by side: expenditure by 类, and what changed.

Only the 2020 final account (``seed_2020.json``) is a published document. The second
year here is *derived*, not published: every figure of 2020 raised by 5% and rounded half
up at its table's printed precision, and the narrative left out (its sentences quote
2020 figures). The derivation keeps every table consistent: a sum of n terms, each
rounded, moves by at most n × 0.005 from the rounded total, inside the tolerance
0.005 × (n + 1) the checks allow. Replace ``derive()`` with ``govbudget.read()`` of the
department's real next-year file to compare two published years.

Run: ``python examples/compare_years.py``
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from govbudget import Amount, Disclosure, Table, TableKind, check, read
from govbudget.plotting import Figure, economic_categories, functional_categories

HERE = Path(__file__).resolve().parent
FACTOR = Decimal("1.05")


def _scaled(table: Table) -> Table:
    """Every figure of *table* times FACTOR, rounded half up at the table's precision."""
    places = table.places

    def scale(cell: Amount) -> Amount:
        if cell.blank:
            return cell
        return Amount(cell.value * FACTOR, cell.unit).rounded(places)

    rows = [
        attrs.evolve(row, cells={k: scale(c) for k, c in row.cells.items()}) for row in table.rows
    ]
    return attrs.evolve(table, rows=rows)


def derive(disclosure: Disclosure) -> Disclosure:
    """The illustrative next year: see the module docstring for the derivation."""
    return attrs.evolve(
        disclosure,
        year=disclosure.year + 1,
        tables={kind: _scaled(t) for kind, t in disclosure.tables.items()},
        narrative="",
        source=None,
    )


def _side_by_side(title: str, before: list[Figure], after: list[Figure], years: str) -> None:
    print(title)
    print(f"  {'类':<28}{years}")
    old = {f.key: f for f in before}
    new = {f.key: f for f in after}
    for key in [*old, *(k for k in new if k not in old)]:
        label = (old.get(key) or new[key]).label
        a = old[key].value if key in old else Decimal(0)
        b = new[key].value if key in new else Decimal(0)
        change = b - a
        rate = f"{change / a * 100:+.1f}%" if a else "new"
        print(f"  {key} {label:<24}{a:>10} {b:>10} {change:>+10} {rate:>8}")


def main() -> None:
    """Read 2020, derive the next year, check both, print the differences by 类."""
    first = read(HERE / "seed_2020.json")
    second = derive(first)
    for disclosure in (first, second):
        report = check(disclosure)
        counts = report.counts()
        print(
            f"{disclosure.year}: {report.checked} relations checked, "
            f"errors {counts['error']}, warnings {counts['warning']}"
        )
        if not report.ok:
            raise SystemExit(f"BAD: {disclosure.year} has error findings")
    years = f"{first.year:>10} {second.year:>10} {'change':>10} {'rate':>8}"
    _side_by_side(
        "Expenditure by functional 类 (公开03表, 万元)",
        functional_categories(first),
        functional_categories(second),
        years,
    )
    _side_by_side(
        "Basic expenditure by economic 类 (公开06表, 万元)",
        economic_categories(first),
        economic_categories(second),
        years,
    )
    total_a = first.tables[TableKind.EXPENDITURE].amount("total", "total")
    total_b = second.tables[TableKind.EXPENDITURE].amount("total", "total")
    if total_a is not None and total_b is not None:
        print(f"本年支出合计: {total_a.printed()} → {total_b.printed()} 万元")


if __name__ == "__main__":
    main()
