r"""Sightings: a code printed with its name in a document of a year, and what they disagree on.

A *harvest* is the list of every coded row read from a set of disclosures
(:func:`govbudget.harvest.harvest` reads them); it is written as a small TSV file that
:class:`~govbudget.catalogue.Catalogue` merges as a source of verified names. This module
holds the records and the file format only, so that the catalogue can read a harvest
without importing the readers.

>>> a = Sighting(Scheme.FUNCTIONAL, "210", "卫生健康支出", 2024, "a.pdf", "8")
>>> b = Sighting(Scheme.FUNCTIONAL, "210", "三、医疗卫生与计划生育支出", 2024, "b.pdf", "7", "line")
>>> b.name
'医疗卫生与计划生育支出'
>>> for conflict in conflicts([a, b]):
...     print(conflict.describe())
2024 支出功能分类 210 is printed as 医疗卫生与计划生育支出 (b.pdf p.7) and 卫生健康支出 (a.pdf p.8)

.. versionadded:: 0.3
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import attrs

from govbudget.codes import Scheme
from govbudget.errors import FormatError
from govbudget.location import Location

__all__ = [
    "HARVEST_FORMAT",
    "Conflict",
    "ConflictKind",
    "Harvest",
    "Sighting",
    "conflicts",
    "name_key",
    "parse_harvest",
    "read_harvest",
    "scheme_key",
]

#: The first line of a harvest file; the number changes when the columns do.
HARVEST_FORMAT: Final = "# govbudget harvest/1"
_COLUMNS: Final = ("scheme", "year", "code", "name", "document", "page", "how")
_SCHEME_KEYS: Final = {
    Scheme.FUNCTIONAL: "functional",
    Scheme.DEPT_ECONOMIC: "dept_economic",
    Scheme.GOV_ECONOMIC: "gov_economic",
}
_SCHEMES_BY_KEY: Final = {key: scheme for scheme, key in _SCHEME_KEYS.items()}
_ORDINAL: Final = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_MARK: Final = re.compile(r"[(（\[【](类|款|项)[)）\]】]")


def _printed_name(name: str) -> str:
    """The name as printed, without spaces (wrapped cells), ordinals (一、) or level marks."""
    text = re.sub(r"\s+", "", name.replace("\u3000", ""))
    text = _MARK.sub("", text)
    return _ORDINAL.sub("", text)


def name_key(name: str) -> str:
    """What two spellings of one name share, to compare them.

    NFKC (full- and half-width brackets alike), no spaces, no ordinal like 一、 and no
    level mark like （类）.

    >>> name_key("维修(护)费") == name_key("维修（护）费")
    True
    """
    return _printed_name(unicodedata.normalize("NFKC", name))


class ConflictKind(enum.Enum):
    """What a conflict is about.

    .. versionadded:: 0.3
    """

    #: One code printed with two names in one year.
    CODE = "one code, two names"
    #: One name printed with two codes of one scheme and level in one year.
    NAME = "one name, two codes"


@attrs.frozen(order=True)
class Sighting:
    """A code printed with a name in a document of one year.

    Attributes:
        scheme: The classification of the code.
        code: The code's digits.
        name: The name as printed (spaces, ordinals like 一、 and marks like （类） removed).
        year: The year of the document (the year whose list it follows).
        document: The file it was read from.
        page: The page (PDF) or sheet (Excel) or table it was printed on.
        how: ``"coded"`` when the code is printed beside the name; ``"line"`` when a
            summary table prints the name alone (一、一般公共服务支出) and the reader keys it
            by its code.

    .. versionadded:: 0.3
    """

    scheme: Scheme = attrs.field(order=lambda s: list(Scheme).index(s))
    code: str
    name: str = attrs.field(converter=_printed_name)
    year: int
    document: str
    page: str = ""
    how: str = "coded"

    @property
    def where(self) -> str:
        """``document p.PAGE`` (or the document alone)."""
        return f"{self.document} p.{self.page}" if self.page else self.document


@attrs.frozen
class Conflict:
    """Sightings of one year that cannot all be right.

    Attributes:
        kind: One code with two names, or one name with two codes.
        scheme: The classification.
        year: The year.
        sightings: Every sighting involved, sorted.

    .. versionadded:: 0.3
    """

    kind: ConflictKind
    scheme: Scheme
    year: int
    sightings: tuple[Sighting, ...]

    def describe(self) -> str:
        """One line saying what disagrees, and where each variant was printed."""
        head = f"{self.year} {self.scheme.value}"
        if self.kind is ConflictKind.CODE:
            variants = _variants(self.sightings, by_name=True)
            return f"{head} {self.sightings[0].code} is printed as " + " and ".join(variants)
        variants = _variants(self.sightings, by_name=False)
        return f"{head} {self.sightings[0].name} is printed with codes " + " and ".join(variants)


def _variants(sightings: Sequence[Sighting], *, by_name: bool) -> list[str]:
    grouped: dict[str, list[str]] = {}
    for s in sightings:
        grouped.setdefault(s.name if by_name else s.code, []).append(s.where)
    return [f"{value} ({', '.join(dict.fromkeys(where))})" for value, where in grouped.items()]


def conflicts(sightings: Iterable[Sighting]) -> tuple[Conflict, ...]:
    """Every code printed with two names, and every name printed with two codes, per year.

    Names are compared by :func:`name_key`. A name shared by codes of different levels
    (项 2010101 行政运行 under many 款) is normal and not a conflict; one name for two
    codes of the same level *and parent* is, as are two names for one code.
    """
    by_code: dict[tuple[Scheme, int, str], dict[str, list[Sighting]]] = defaultdict(dict)
    by_name: dict[tuple[Scheme, int, str, int, str], dict[str, list[Sighting]]] = defaultdict(dict)
    for s in sightings:
        by_code[s.scheme, s.year, s.code].setdefault(name_key(s.name), []).append(s)
        parent = s.code[: len(s.code) - 2] if len(s.code) > 3 else ""
        key = (s.scheme, s.year, name_key(s.name), len(s.code), parent)
        by_name[key].setdefault(s.code, []).append(s)
    found: list[Conflict] = []
    for (scheme, year, _), names in by_code.items():
        if len(names) > 1:
            every = tuple(sorted(x for group in names.values() for x in group))
            found.append(Conflict(ConflictKind.CODE, scheme, year, every))
    for (scheme, year, *_), codes in by_name.items():
        if len(codes) > 1:
            every = tuple(sorted(x for group in codes.values() for x in group))
            found.append(Conflict(ConflictKind.NAME, scheme, year, every))
    found.sort(key=lambda c: (c.year, list(Scheme).index(c.scheme), c.sightings[0].code))
    return tuple(found)


@attrs.frozen
class Harvest:
    """The sightings read from a set of documents, and the files that could not be read.

    Attributes:
        sightings: One per (scheme, code, name, year, document, page, how), sorted.
        unreadable: ``(path, reason)`` for every file that could not be read.
        source: Where the harvest was read from (a harvest file), if anywhere.

    .. versionadded:: 0.3
    """

    sightings: tuple[Sighting, ...]
    unreadable: tuple[tuple[str, str], ...] = ()
    source: str = ""

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """What the sightings disagree on (see :func:`conflicts`)."""
        return conflicts(self.sightings)

    def years(self) -> tuple[int, ...]:
        """The years of the documents harvested."""
        return tuple(sorted({s.year for s in self.sightings}))

    def to_tsv(self) -> str:
        """The harvest file: a format line, a header, then one sighting a line."""
        lines = [HARVEST_FORMAT, "\t".join(_COLUMNS)]
        for s in self.sightings:
            cells = (_SCHEME_KEYS[s.scheme], str(s.year), s.code, s.name, s.document, s.page, s.how)
            lines.append("\t".join(cell.replace("\t", " ") for cell in cells))
        return "\n".join(lines) + "\n"

    def write(self, path: str | Path) -> None:
        """Write :meth:`to_tsv` to *path* (UTF-8)."""
        Path(path).write_text(self.to_tsv(), encoding="utf-8")


def parse_harvest(text: str, source: str = "") -> Harvest:
    """Read a harvest file's text (see :meth:`Harvest.to_tsv`).

    Raises:
        FormatError: When the text is not a harvest file or a line is malformed.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != HARVEST_FORMAT:
        raise FormatError(
            f"is not a govbudget harvest file (its first line is not {HARVEST_FORMAT!r})",
            location=Location(file=source or None),
        )
    sightings: list[Sighting] = []
    for number, line in enumerate(lines[2:], 3):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = Location(file=source or None, row=str(number))
        if len(cells) != len(_COLUMNS):
            raise FormatError(f"has {len(cells)} cells, expected {len(_COLUMNS)}", location=where)
        scheme, year, code, name, document, page, how = cells
        if scheme not in _SCHEMES_BY_KEY or not year.isdigit() or not code.isdigit() or not name:
            raise FormatError("is not a sighting", text=line, location=where)
        sightings.append(
            Sighting(_SCHEMES_BY_KEY[scheme], code, name, int(year), document, page, how)
        )
    return Harvest(tuple(sorted(set(sightings))), source=source)


def read_harvest(path: str | Path) -> Harvest:
    """Read a harvest file written by ``govbudget catalogue harvest`` or :meth:`Harvest.write`.

    Raises:
        FormatError: When the file is not a harvest file or a line is malformed.
        OSError: When the file cannot be opened.

    .. versionadded:: 0.3
    """
    return parse_harvest(Path(path).read_text(encoding="utf-8-sig"), str(path))


def scheme_key(scheme: Scheme) -> str:
    """The short name of *scheme* used in files: ``functional``, ``dept_economic`` and so on."""
    return _SCHEME_KEYS[scheme]
