"""Reading the shipped year files (package data) with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources

import attrs

from govbudget.codes import Scheme

#: The folder under ``govbudget/data/catalogue/`` holding each scheme's year files.
FOLDERS = {
    Scheme.FUNCTIONAL: "functional",
    Scheme.DEPT_ECONOMIC: "dept_economic",
    Scheme.GOV_ECONOMIC: "gov_economic",
}


@attrs.frozen
class YearFile:
    """One scheme's list for one year: names, sources and economic correspondences."""

    scheme: Scheme
    year: int
    names: dict[str, str]
    sources: dict[str, str]
    maps_to: dict[str, tuple[str, ...]]
    partial: bool


def _folder(scheme: Scheme) -> importlib.resources.abc.Traversable:
    return importlib.resources.files("govbudget").joinpath("data", "catalogue", FOLDERS[scheme])


@functools.cache
def shipped_years(scheme: Scheme) -> tuple[int, ...]:
    """The years for which a file of *scheme* is shipped."""
    return tuple(
        sorted(
            int(item.name.removesuffix(".tsv"))
            for item in _folder(scheme).iterdir()
            if item.name.endswith(".tsv") and item.name.removesuffix(".tsv").isdigit()
        )
    )


@functools.cache
def read_year(scheme: Scheme, year: int) -> YearFile | None:
    """The shipped list of *scheme* for *year*, or ``None`` when none is shipped."""
    resource = _folder(scheme).joinpath(f"{year}.tsv")
    if not resource.is_file():
        return None
    return parse_year_file(resource.read_text(encoding="utf-8"), scheme, year)


def parse_year_file(text: str, scheme: Scheme, year: int) -> YearFile:
    """Parse a year file: ``#`` header lines, a column header, then one code a line."""
    citations: dict[str, str] = {}
    names: dict[str, str] = {}
    sources: dict[str, str] = {}
    maps_to: dict[str, tuple[str, ...]] = {}
    partial = False
    columns: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("# source "):
            key, _, citation = line.removeprefix("# source ").partition(": ")
            citations[key] = citation
        elif line.startswith("# coverage: "):
            partial = line.removeprefix("# coverage: ").startswith("partial")
        elif line.startswith("#") or not line.strip():
            continue
        elif columns is None:
            columns = line.split("\t")
        else:
            row = dict(zip(columns, line.split("\t"), strict=False))
            code = row["code"]
            names[code] = row["name"]
            sources[code] = "; ".join(
                f"{key}: {citations.get(key, key)}" for key in row["source"].split(",")
            )
            targets = tuple(t for t in row.get("maps_to", "").split("|") if t)
            if targets:
                maps_to[code] = targets
    return YearFile(scheme, year, names, sources, maps_to, partial)
