"""The review's data: the sections each family requires, as package data.

The file lives in ``govbudget/data/review/`` and is read on first use
(:func:`required_sections`); the classification renames the review uses are the
catalogue's (:meth:`govbudget.catalogue.Catalogue.renames`). The required sections
(``sections.json``) are per family and region; a user passes their own file to
:func:`load_sections` and the rule built by :func:`govbudget.checks.document.sections_rule`.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.tables.base import Family

__all__ = [
    "Sections",
    "load_sections",
    "required_sections",
]


def _data(name: str) -> str:
    return (
        importlib.resources.files("govbudget").joinpath("data", "review", name).read_text("utf-8")
    )


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
