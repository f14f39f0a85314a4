"""Single-cell defects injected into real budgets are caught, and their cell is named.

For each real budget in ``../shared/corpus/budgets/``: read it, write it to govbudget's
JSON and read that back (the defects are injected into the JSON form, as a user holding
a converted document would), then, over a seeded sample of its printed figures, inject
one defect at a time — the last two digits bumped (by 0.10 to 0.99 of a two-decimal
figure), the figure multiplied by 10000 (a 元/万元 slip) or by 10, its sign flipped, two
adjacent different digits swapped, the figure of the next column of its row copied — and
check. A defect is caught when a new error finding appears; its cell is the top suspect
when it heads ``report.suspects`` alone, and tied when it is among several tied ones.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govbudget import Disclosure, check, read, serialize
from govbudget.amount import Amount
from govbudget.tables import CellRef, TableKind

BUDGETS = (
    "shanghai-putuo-finance-bureau-2025-budget.pdf",
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf",
    "shanghai-putuo-welfare-home-2024-unit-budget.pdf",
    "jiangsu-npc-office-2018-budget.pdf",
    "jiangsu-high-court-2017-budget.pdf",
    "jiangsu-cppcc-office-2018-budget-tables.pdf",
)
SIGNATURES = ("bump", "x10000", "x10", "sign", "swap", "copy")
SAMPLE = 20  # figures per signature and document


def mutated(amount: Amount, how: str, rng: random.Random) -> Amount | None:
    """*amount* with one defect of kind *how*, or ``None`` when it cannot take one."""
    if how == "bump":
        step = rng.randint(10, 99) * rng.choice((1, -1))
        return Amount(
            amount.value + Decimal(step).scaleb(-amount.places), amount.unit, amount.places
        )
    if how in {"x10000", "x10"}:
        factor = 10000 if how == "x10000" else 10
        return Amount(amount.value * factor, amount.unit, amount.places) if amount.value else None
    if how == "sign":
        return Amount(-amount.value, amount.unit, amount.places) if amount.value else None
    text = amount.printed().lstrip("-")
    pairs = [
        i
        for i in range(len(text) - 1)
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
    ]
    if not pairs:
        return None
    i = rng.choice(pairs)
    swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    sign = "-" if amount.value < 0 else ""
    return Amount(Decimal(sign + swapped), amount.unit, amount.places)


def copied(disclosure: Disclosure, kind: TableKind, index: int, column: str) -> Amount | None:
    """The different, non-zero figure of the column after (or before) *column*, if any."""
    table = disclosure.tables[kind]
    row = table.rows[index]
    keys = table.column_keys
    at = keys.index(column)
    for key in (*keys[at + 1 : at + 2], *keys[max(at - 1, 0) : at]):
        other = row.cells.get(key)
        if other is not None and other.value and other.value != row.cells[column].value:
            return other
    return None


def figures(disclosure: Disclosure) -> Iterator[tuple[TableKind, int, str]]:
    """Every printed figure (not blank): its table, row index and column."""
    for kind, table in disclosure.tables.items():
        for index, row in enumerate(table.rows):
            for column, amount in row.cells.items():
                if not amount.blank:
                    yield kind, index, column


def replaced(
    disclosure: Disclosure, kind: TableKind, index: int, column: str, new: Amount
) -> Disclosure:
    """*disclosure* with one cell printed as *new*."""
    table = disclosure.tables[kind]
    rows = list(table.rows)
    rows[index] = attrs.evolve(rows[index], cells={**rows[index].cells, column: new})
    return attrs.evolve(
        disclosure, tables={**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    )


@attrs.define
class Tally:
    """How the injected defects of one document fared."""

    injected: int = 0
    caught: int = 0
    top: int = 0
    tied: int = 0
    missed: list[str] = attrs.field(factory=list)


def mutate_all(disclosure: Disclosure, seed: int = 13) -> Tally:
    """Inject every signature into a seeded sample of *disclosure*'s figures and check."""
    baseline = {(f.rule, f.table, f.row, f.column) for f in check(disclosure).errors()}
    rng = random.Random(seed)
    cells = list(figures(disclosure))
    tally = Tally()
    for how in SIGNATURES:
        for kind, index, column in rng.sample(cells, min(SAMPLE, len(cells))):
            row = disclosure.tables[kind].rows[index]
            if how == "copy":
                new = copied(disclosure, kind, index, column)
            else:
                new = mutated(row.cells[column], how, rng)
            if new is None or new.value == row.cells[column].value:
                continue
            report = check(replaced(disclosure, kind, index, column, new))
            tally.injected += 1
            errors = {(f.rule, f.table, f.row, f.column) for f in report.errors()} - baseline
            if errors:
                tally.caught += 1
            else:
                tally.missed.append(f"{how} {kind.value} [{row.key} {row.label}, {column}]")
            named = [s.cell for s in report.suspects]
            if named == [CellRef(kind, row.key, column)]:
                tally.top += 1
            elif CellRef(kind, row.key, column) in named:
                tally.tied += 1
    return tally


@pytest.mark.parametrize("name", BUDGETS)
def test_defects_injected_into_a_real_budget_are_caught_and_placed(name: str, shared: Path) -> None:
    """At least 97% of injected defects are errors; at least 90% name their cell alone."""
    path = shared / "corpus" / "budgets" / name
    disclosure = serialize.loads(serialize.dumps(read(path)))
    tally = mutate_all(disclosure)

    assert tally.injected >= 60
    assert tally.caught >= 0.97 * tally.injected, tally.missed
    assert tally.top >= 0.90 * tally.injected, (tally.top, tally.injected)
