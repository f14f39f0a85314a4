"""Reading the shipped files (package data) with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources

import attrs

from govbudget.catalogue.entry import Change
from govbudget.codes import Scheme

#: The folder under ``govbudget/data/catalogue/`` holding each scheme's year files.
FOLDERS = {
    Scheme.FUNCTIONAL: "functional",
    Scheme.DEPT_ECONOMIC: "dept_economic",
    Scheme.GOV_ECONOMIC: "gov_economic",
}
_BY_FOLDER = {folder: scheme for scheme, folder in FOLDERS.items()}


@attrs.frozen
class YearFile:
    """One scheme's list for one year: names, evidence and economic correspondences.

    ``evidence`` gives, for each code, one line per source: ``key p.6,8: citation``;
    ``held_back`` lists the names a doubtful source alone gives (not used).
    """

    scheme: Scheme
    year: int
    names: dict[str, str]
    sources: dict[str, str]
    maps_to: dict[str, tuple[str, ...]]
    partial: bool
    evidence: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    held_back: tuple[str, ...] = ()


def _data() -> importlib.resources.abc.Traversable:
    return importlib.resources.files("govbudget").joinpath("data", "catalogue")


def _folder(scheme: Scheme) -> importlib.resources.abc.Traversable:
    return _data().joinpath(FOLDERS[scheme])


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


def _evidence(cell: str, citations: dict[str, str]) -> tuple[str, ...]:
    """``key p.6,8; key`` → ``("key p.6,8: citation", "key: citation")``."""
    out = []
    for ref in (r.strip() for r in cell.split(";")):
        if not ref:
            continue
        key = ref.split(" ", 1)[0]
        out.append(f"{ref}: {citations.get(key, key)}")
    return tuple(out)


def parse_year_file(text: str, scheme: Scheme, year: int) -> YearFile:
    """Parse a year file: ``#`` header lines, a column header, then one code a line."""
    citations: dict[str, str] = {}
    names: dict[str, str] = {}
    sources: dict[str, str] = {}
    evidence: dict[str, tuple[str, ...]] = {}
    maps_to: dict[str, tuple[str, ...]] = {}
    held: list[str] = []
    partial = False
    columns: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("# source "):
            key, _, citation = line.removeprefix("# source ").partition(": ")
            citations[key] = citation
        elif line.startswith("# held back: "):
            held.append(line.removeprefix("# held back: "))
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
            evidence[code] = _evidence(row["source"], citations)
            sources[code] = "; ".join(evidence[code])
            targets = tuple(t for t in row.get("maps_to", "").split("|") if t)
            if targets:
                maps_to[code] = targets
    return YearFile(scheme, year, names, sources, maps_to, partial, evidence, tuple(held))


@functools.cache
def read_changes() -> tuple[Change, ...]:
    """The shipped known renames and reforms (``data/catalogue/changes.tsv``)."""
    resource = _data().joinpath("changes.tsv")
    if not resource.is_file():  # pragma: no cover - shipped with the package
        return ()
    out: list[Change] = []
    columns: list[str] | None = None
    for line in resource.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if columns is None:
            columns = line.split("\t")
            continue
        row = dict(zip(columns, line.split("\t"), strict=False))
        out.append(
            Change(
                kind=row["kind"],
                scheme=_BY_FOLDER[row["scheme"]],
                code=row["code"],
                old=row["old"],
                new=row["new"],
                year=int(row["year"]) if row["year"] else None,
                after=int(row["after"]) if row["after"] else None,
                by=int(row["by"]) if row["by"] else None,
                source=row["source"],
            )
        )
    return tuple(out)
