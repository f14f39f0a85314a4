"""Write a seeded corpus of synthetic disclosures, a known share with one injected defect.

Run: ``python benchmarks/corpus.py OUT [--files 1000] [--seed 0] [--defects 0.2]
[--corrupt 1]``. Half the files are final accounts (决算) and half budgets (预算), drawn
from the public strategies of :mod:`govbudget.strategies` with Hypothesis' generator
seeded, so that the same arguments write the same files. A share *defects* of each family
carries one error of :data:`~govbudget.strategies.ERROR_KINDS` (a changed figure, a unit
slip, a sign flipped, a row left out, two digits transposed). The files are written in
turn as govbudget JSON, as extracted text (final accounts; tables as tab-separated lines,
as :mod:`govbudget.readers.text` reads them) and as govbudget's Excel workbook.
*corrupt* more files are not disclosures at all (a JSON file cut short), for runs that
must record them and go on. ``OUT/manifest.csv`` lists every file with its family, format
and the defect injected (kind, table, row, column), or ``corrupt``.

The benchmark ``bench_bulk.py`` imports :func:`generate`; the test suite runs it on a
small folder.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from govbudget import Disclosure, Family, Row, TableKind, serialize, writers
from govbudget.cells import table_text
from govbudget.strategies import (
    InjectedError,
    budgets_with_error,
    consistent_budgets,
    consistent_disclosures,
    disclosures_with_error,
)
from govbudget.tables import spec

T = TypeVar("T")

#: The columns of ``manifest.csv``.
MANIFEST_COLUMNS: Final = ("file", "family", "format", "defect", "table", "row", "column")

#: The 类 each drawn disclosure has at most: enough rows to be realistic, quick to draw.
_CATEGORIES: Final = (1, 3)


def draw(strategy: st.SearchStrategy[T], count: int, seeded: int) -> list[T]:
    """*count* examples of *strategy*, the same ones for the same *seeded* on every run."""
    drawn: list[T] = []
    if count <= 0:
        return drawn

    @settings(
        database=None,
        derandomize=False,  # the seed below decides, whatever the loaded profile says
        max_examples=count,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @seed(seeded)
    @given(strategy)
    def collect(example: T) -> None:
        if len(drawn) < count:
            drawn.append(example)

    while len(drawn) < count:  # Hypothesis may stop early when examples repeat
        before = len(drawn)
        collect()
        if len(drawn) == before:
            break
        seeded += 1
    return drawn


def _label(kind: TableKind, row: Row) -> str:
    """A row's printed name; a fixed line by its full name, as the text reader knows it."""
    if row.line is not None:
        for line in spec(kind).lines:
            if line.key == row.line:
                return line.label
    return row.label


def to_text(disclosure: Disclosure) -> str:
    """The disclosure as text extracted from its PDF: cover, then each table, tab-separated.

    Final accounts read back as the same tables; budgets' two-sided summary tables and
    the procurement table's label columns are not printed the way the text reader reads
    them, so the corpus writes budgets as JSON and Excel only.
    """
    family = "部门决算" if disclosure.family is Family.FINAL else "部门预算"
    lines = [f"{disclosure.year}年度", disclosure.department, family, ""]
    for kind, table in disclosure.tables.items():
        lines += [table.title, ""]
        if kind.family is Family.FINAL:
            lines.append(f"公开 {kind.number:02d} 表")
        lines += [f"单位：{table.unit.value}", f"部门：{disclosure.department}"]
        lines.append("\t".join(["科目编码", "科目名称", *(c.label for c in table.columns)]))
        for row in table.rows:
            figures = (table_text(row.cells.get(c.key), table.unit) for c in table.columns)
            code = row.code.digits if row.code is not None else ""
            lines.append("\t".join([code, _label(kind, row), *figures]))
        lines.append("")
    return "\n".join(lines)


def _write(disclosure: Disclosure, path: Path) -> None:
    if path.suffix == ".json":
        path.write_text(serialize.dumps(disclosure) + "\n", encoding="utf-8")
    elif path.suffix == ".txt":
        path.write_text(to_text(disclosure), encoding="utf-8")
    else:
        writers.to_xlsx(disclosure, path)


def _named(disclosure: Disclosure, number: int) -> Disclosure:
    """The disclosure under a department name of its own, so every file differs."""
    return attrs.evolve(disclosure, department=f"示例单位{number:05d}")


def generate(
    out: str | Path, *, files: int = 1000, seeded: int = 0, defects: float = 0.2, corrupt: int = 1
) -> list[dict[str, str]]:
    """Write *files* synthetic disclosures and *corrupt* broken files into *out*.

    Returns the manifest rows (also written to ``out/manifest.csv``).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    finals = files // 2
    budgets = files - finals
    plan: list[tuple[str, bool]] = []
    rng = random.Random(seeded)
    for family, count in (("决算", finals), ("预算", budgets)):
        bad = round(count * defects)
        flags = [True] * bad + [False] * (count - bad)
        rng.shuffle(flags)
        plan += [(family, flag) for flag in flags]
    options: dict[str, Any] = {"categories": _CATEGORIES}
    strategies: dict[tuple[str, bool], st.SearchStrategy[Any]] = {
        ("决算", False): consistent_disclosures(**options),
        ("决算", True): disclosures_with_error(**options),
        ("预算", False): consistent_budgets(**options),
        ("预算", True): budgets_with_error(**options),
    }
    pools = {
        key: draw(s, _count(plan, *key), seeded * 10 + i)
        for i, (key, s) in enumerate(strategies.items())
    }
    manifest: list[dict[str, str]] = []
    formats = {"决算": (".json", ".txt", ".xlsx"), "预算": (".json", ".xlsx")}
    for number, (family, flawed) in enumerate(plan):
        example = pools[(family, flawed)].pop()
        injected: InjectedError | None = example if flawed else None
        disclosure = _named(injected.disclosure if injected else example, number)
        suffix = formats[family][number % len(formats[family])]
        path = folder / f"{number:05d}{suffix}"
        _write(disclosure, path)
        manifest.append(
            {
                "file": path.name,
                "family": family,
                "format": suffix.lstrip("."),
                "defect": injected.kind if injected else "",
                "table": injected.cell.table.name.lower() if injected else "",
                "row": injected.cell.row if injected else "",
                "column": injected.cell.column if injected else "",
            }
        )
    for extra in range(corrupt):
        path = folder / f"corrupt-{extra:02d}.json"
        path.write_text('{"department": "示例单位", "year": 20', encoding="utf-8")
        blank = dict.fromkeys(MANIFEST_COLUMNS, "")
        manifest.append(blank | {"file": path.name, "defect": "corrupt"})
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(manifest)
    return manifest


def _count(plan: Sequence[tuple[str, bool]], family: str, flawed: bool) -> int:
    return sum(1 for f, b in plan if f == family and b == flawed)


def main(argv: Sequence[str] | None = None, *, echo: Callable[[str], None] = print) -> None:
    """Write the corpus named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="the folder to write")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--defects", type=float, default=0.2, help="share with one defect")
    parser.add_argument("--corrupt", type=int, default=1, help="broken files added")
    args = parser.parse_args(argv)
    manifest = generate(
        args.out, files=args.files, seeded=args.seed, defects=args.defects, corrupt=args.corrupt
    )
    flawed = sum(1 for m in manifest if m["defect"] not in ("", "corrupt"))
    echo(f"wrote {len(manifest)} files to {args.out} ({flawed} with one defect)")


if __name__ == "__main__":
    main()
