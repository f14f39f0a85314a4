"""The review's data: classification renames and required sections, as package data.

Both files live in ``govbudget/data/review/`` and are read on first use
(:func:`renames`, :func:`required_sections`). The renames are a small table of the
classification names that changed (``renames.tsv``); the catalogue's own renames can
replace it later. The required sections (``sections.json``) are per family and region; a
user passes their own file to :func:`load_sections` and the rule built by
:func:`govbudget.checks.document.sections_rule`.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.tables.base import Family

__all__ = [
    "REGIONS",
    "Rename",
    "Sections",
    "load_sections",
    "region_of",
    "renames",
    "required_sections",
]

#: The regions the shipped sections file knows, as printed in department names.
REGIONS: Final = ("上海", "江苏")


@attrs.frozen
class Rename:
    """A classification name that changed: *old* until *year* − 1, *new* from *year*.

    .. versionadded:: 0.2
    """

    code: str
    year: int
    old: str
    new: str


def _data(name: str) -> str:
    return (
        importlib.resources.files("govbudget").joinpath("data", "review", name).read_text("utf-8")
    )


@functools.cache
def renames() -> tuple[Rename, ...]:
    """The renames shipped in ``renames.tsv``.

    >>> [r.new for r in renames() if r.code == "210"]
    ['卫生健康支出']

    .. versionadded:: 0.2
    """
    out: list[Rename] = []
    for line in _data("renames.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, year, old, new = line.split("\t")
        out.append(Rename(code, int(year), old, new))
    return tuple(out)


#: Required sections: family value ("budget"/"final") → region ("*" or a name) →
#: requirements, each a tuple of alternative wordings.
Sections = Mapping[str, Mapping[str, Sequence[Sequence[str]]]]


def _check_sections(data: object, where: Location) -> Sections:
    if not isinstance(data, dict):
        raise FormatError("the sections file is a JSON object", location=where)
    out: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    for family, regions in data.items():
        if family.startswith("_"):
            continue
        if family not in ("budget", "final") or not isinstance(regions, dict):
            raise FormatError(f"unknown family {family!r}; use budget or final", location=where)
        out[family] = {}
        for region, items in regions.items():
            if not isinstance(items, list) or not all(
                isinstance(i, list) and i and all(isinstance(w, str) and w for w in i)
                for i in items
            ):
                raise FormatError(
                    f"{family}/{region}: each requirement is a list of wordings", location=where
                )
            out[family][region] = tuple(tuple(i) for i in items)
    return out


def load_sections(path: str | Path) -> Sections:
    """Required sections from a JSON file in the shipped format (see ``sections.json``).

    Raises:
        FormatError: When the file is not valid JSON of that shape; the message names it.

    .. versionadded:: 0.2
    """
    where = Location(file=str(path))
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise FormatError(f"cannot read the sections file: {exc}", location=where) from None
    return _check_sections(data, where)


@functools.cache
def _shipped() -> Sections:
    return _check_sections(json.loads(_data("sections.json")), Location(file="sections.json"))


def region_of(text: str) -> str | None:
    """The region a department name (or cover) names, among :data:`REGIONS`.

    >>> region_of("上海市普陀区财政局"), region_of("某县财政局")
    ('上海', None)

    .. versionadded:: 0.2
    """
    return next((r for r in REGIONS if text.startswith(r) or f"{r}省" in text[:8]), None)


def required_sections(
    family: Family, region: str | None, data: Sections | None = None
) -> tuple[tuple[str, ...], ...]:
    """The sections a disclosure of *family* in *region* must hold (shipped data by default).

    The region's list when there is one, else the ``"*"`` list.

    .. versionadded:: 0.2
    """
    table = (_shipped() if data is None else data).get(
        "budget" if family is Family.BUDGET else "final", {}
    )
    chosen = table.get(region or "", table.get("*", ()))
    return tuple(tuple(i) for i in chosen)
