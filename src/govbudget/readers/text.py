"""Text extracted from a PDF disclosure: tables as tab-separated lines, and the narrative.

Extraction tools write each table row as one line with cells separated by tabs (or, from
``pdftotext -layout``, by runs of spaces), headers over several lines, the title, the
table number (公开 01 表), the unit (单位：万元) and the department (部门：…) on lines of
their own, and notes (注：…) under the table. :func:`read_text` finds each table by its
title, collects its rows and notes, and keeps every other line as the narrative; the
result is a :class:`~govbudget.readers.printed.PrintedDocument` for the assembler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.readers.layout import compact, kind_of
from govbudget.readers.printed import PrintedDocument, PrintedRow, PrintedTable

__all__ = ["MAX_CHARACTERS", "read_text"]

#: The most characters :func:`read_text` reads; a disclosure's text is far shorter.
MAX_CHARACTERS: Final = 4_000_000

_NUMBER: Final = re.compile(r"公开\s*(\d{1,2})\s*表")
_UNIT: Final = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元)")
_DEPARTMENT: Final = re.compile(
    r"(?:部门|单位名称|编制单位)\s*[:：]\s*(?P<name>[^\t]*?)\s*(?:公开|单位[:：]|$)"
)
_YEAR: Final = re.compile(r"(20\d{2})\s*年度?")
_NOTE: Final = re.compile(r"^\s*(?:注|说明)\s*[:：]")
_SEPARATOR: Final = re.compile(r"^[\s\-—|]*$")
_SPACED: Final = re.compile(r"\s{2,}")
_PLACEHOLDER: Final = re.compile(r"X{2,}")
_GENERIC_TITLE: Final = re.compile(r"^(?!.*(?:部分|年度))[^\s、，。：:]{4,40}(?:决算|预算)表$")


@attrs.define
class _Section:
    title: str
    line: int
    rows: list[PrintedRow] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    number: str | None = None
    unit: str | None = None
    department: str | None = None


def _is_title(line: str) -> bool:
    text = compact(line)
    return kind_of(text) is not None or bool(_GENERIC_TITLE.match(text))


def read_text(text: str, *, source: str = "<text>", page: str | None = None) -> PrintedDocument:
    """Read the text of a disclosure extracted from its PDF.

    Args:
        text: The whole extracted text.
        source: The file it came from, named in every location.
        page: The page or sheet the text is, when it is one.

    Raises:
        FormatError: When the text is longer than :data:`MAX_CHARACTERS`.

    .. versionadded:: 0.1
    """
    if len(text) > MAX_CHARACTERS:
        raise FormatError(
            f"the text has {len(text)} characters; govbudget reads up to {MAX_CHARACTERS}",
            location=Location(file=source),
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = any("\t" in line for line in lines)
    sections: list[_Section] = []
    narrative: list[str] = []
    current: _Section | None = None
    in_note = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if "\t" not in stripped and _is_title(stripped):
            current = _Section(_title(stripped), number)
            sections.append(current)
            in_note = False
            continue
        if current is None:
            narrative.append(line)
            continue
        if _header_line(current, stripped):
            continue
        cells = _cells(line, tabbed)
        if len(cells) > 1 and not current.notes and not _NOTE.match(stripped):
            in_note = False
            if not _SEPARATOR.match(line):
                at = Location(file=source, page=page, row=f"line {number}")
                current.rows.append(PrintedRow(cells, at))
            continue
        if not stripped:
            in_note = False
            continue
        if _NOTE.match(stripped) or (in_note and current.notes):
            current.notes.append(stripped)
            in_note = True
            continue
        if current.rows or current.notes:
            current = None
        narrative.append(line)
    body = "\n".join(narrative)
    return PrintedDocument(
        source=source,
        tables=[_table(section, source, page) for section in sections if section.rows],
        narrative=body.strip("\n"),
        department=_cover_department(lines),
        year=_year(lines),
        template=bool(_PLACEHOLDER.search(text)),
    )


def _title(line: str) -> str:
    return _NUMBER.sub("", line).strip()


def _cells(line: str, tabbed: bool) -> list[str]:
    if tabbed:
        return [cell.strip() for cell in line.split("\t")] if "\t" in line else [line.strip()]
    return [cell.strip() for cell in _SPACED.split(line.strip())]


def _header_line(section: _Section, line: str) -> bool:
    """Consume the number, unit and department lines printed around a table's title."""
    found = False
    if (match := _NUMBER.search(line)) is not None:
        section.number = f"公开{int(match[1]):02d}表"
        found = True
    if (match := _UNIT.search(line)) is not None:
        section.unit = match[1]
        found = True
    if (match := _DEPARTMENT.search(line)) is not None:
        if match["name"]:
            section.department = match["name"]
        found = True
    return found


def _table(section: _Section, source: str, page: str | None) -> PrintedTable:
    return PrintedTable(
        title=section.title,
        rows=section.rows,
        number=section.number,
        unit=section.unit,
        department=section.department,
        note="\n".join(section.notes),
        location=Location(file=source, page=page, row=f"line {section.line}"),
    )


def _year(lines: list[str]) -> int | None:
    for line in _head(lines):
        if (match := _YEAR.search(line)) is not None:
            return int(match[1])
    return None


def _cover_department(lines: list[str]) -> str | None:
    """The department on the cover: the line above 部门决算 (or 部门预算)."""
    previous = ""
    for line in _head(lines):
        text = line.strip()
        if compact(text) in ("部门决算", "部门预算", "年度部门决算", "年度部门预算"):
            return previous or None
        if text and not _YEAR.fullmatch(compact(text)):
            previous = text
    return None


def _head(lines: list[str]) -> Iterator[str]:
    """The lines of the cover: up to the first 目录 or 第一部分."""
    for line in lines[:40]:
        if compact(line) in ("目录", "目 录"):
            return
        yield line
