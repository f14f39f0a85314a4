"""Rebuild the shipped catalogue files from the single source table.

Reads ``scripts/catalogue/source.tsv`` and writes one file per scheme and year under
``src/govbudget/data/catalogue/<scheme>/<year>.tsv``, each with a provenance header naming
its scheme, year, coverage and sources. Run from the repository root::

    python scripts/build_catalogue.py          # write the files
    python scripts/build_catalogue.py --check  # exit 1 when the shipped files are stale

The build refuses a table where one code has two names in one year, a code that is not
valid for its scheme, a 款 or 项 without its parent that year, or a correspondence to a
government economic code not listed that year.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from govbudget.codes import DeptEconomicCode, FunctionCode, GovEconomicCode

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "catalogue" / "source.tsv"
TARGET = ROOT / "src" / "govbudget" / "data" / "catalogue"
YEARS = range(2018, 2026)
SCHEMES = {
    "functional": FunctionCode,
    "dept_economic": DeptEconomicCode,
    "gov_economic": GovEconomicCode,
}
COVERAGE = "partial (only codes verified in a source below; absent means unverified)"


def parse_years(text: str) -> list[int]:
    """Years written as ``2020``, ``2018-2025`` or ``2020,2024``."""
    years: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        years.extend(range(int(first), int(last or first) + 1))
    return years


def read_source(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The source citations by key and the table's rows."""
    sources: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# source "):
            key, _, citation = line.removeprefix("# source ").partition(": ")
            sources[key] = citation
        elif not line.strip() or line.startswith("#"):
            continue
        elif header is None:
            header = line.split("\t")
        else:
            cells = line.split("\t")
            if len(cells) != len(header):
                raise SystemExit(f"{path}:{number}: {len(cells)} cells, expected {len(header)}")
            row = dict(zip(header, cells, strict=True))
            if row["source"] not in sources:
                raise SystemExit(f"{path}:{number}: unknown source {row['source']!r}")
            row["line"] = str(number)
            rows.append(row)
    return sources, rows


def build(path: Path = SOURCE) -> dict[Path, str]:
    """The text of every year file, by path relative to the data folder."""
    sources, rows = read_source(path)
    # (scheme, year) -> code -> [name, sources, maps_to]
    table: dict[tuple[str, int], dict[str, tuple[str, list[str], list[str]]]] = defaultdict(dict)
    for row in rows:
        scheme, code, name = row["scheme"], row["code"], row["name"]
        if scheme not in SCHEMES:
            raise SystemExit(f"line {row['line']}: unknown scheme {scheme!r}")
        SCHEMES[scheme](code)  # raises CodeError for a malformed code
        if not name:
            raise SystemExit(f"line {row['line']}: {code} has no name")
        targets = [t for t in row["maps_to"].split("|") if t]
        for year in parse_years(row["years"]):
            known = table[scheme, year].get(code)
            if known is None:
                table[scheme, year][code] = (name, [row["source"]], targets)
                continue
            if known[0] != name:
                raise SystemExit(
                    f"line {row['line']}: {code} is {name!r} but also {known[0]!r} in {year}"
                )
            known[1].append(row["source"])
            known[2].extend(t for t in targets if t not in known[2])
    return {
        Path(scheme) / f"{year}.tsv": year_file(scheme, year, table, sources)
        for scheme in SCHEMES
        for year in YEARS
    }


def year_file(
    scheme: str,
    year: int,
    table: dict[tuple[str, int], dict[str, tuple[str, list[str], list[str]]]],
    sources: dict[str, str],
) -> str:
    """The text of one year file, after checking parents and correspondences."""
    cls = SCHEMES[scheme]
    entries = table.get((scheme, year), {})
    for code in entries:
        parent = cls(code).parent
        if parent is not None and parent.digits not in entries:
            raise SystemExit(f"{scheme} {year}: {code} has no parent {parent} listed")
        for target in entries[code][2]:
            if target not in table.get(("gov_economic", year), {}):
                raise SystemExit(f"{year}: {code} maps to {target}, not listed that year")
    used = sorted({s for _, keys, _ in entries.values() for s in keys})
    lines = [
        f"# govbudget catalogue: {cls.scheme.value} ({scheme}), {year}",
        f"# scheme: {scheme}",
        f"# year: {year}",
        f"# coverage: {COVERAGE}",
        "# built by scripts/build_catalogue.py from scripts/catalogue/source.tsv; do not edit",
        *(f"# source {key}: {sources[key]}" for key in used),
        "code\tname\tsource" + ("\tmaps_to" if scheme == "dept_economic" else ""),
    ]
    for code in sorted(entries):
        name, keys, targets = entries[code]
        cells = [code, name, ",".join(keys)]
        if scheme == "dept_economic":
            cells.append("|".join(targets))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the files, or with ``--check`` report those that differ from a rebuild."""
    files = build()
    stale = [
        path
        for path, text in files.items()
        if not (TARGET / path).is_file() or (TARGET / path).read_text(encoding="utf-8") != text
    ]
    if "--check" in argv:
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        (TARGET / path).parent.mkdir(parents=True, exist_ok=True)
        (TARGET / path).write_text(files[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
