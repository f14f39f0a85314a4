"""Readers: every format a disclosure is published or exchanged in, behind one ``read()``.

``read(path)`` looks at a file's content, not only its name, and hands it to the reader
for that format: govbudget's own JSON (:mod:`govbudget.serialize`), PDF (:mod:`.pdf`),
Excel (:mod:`.excel`), or text extracted from a PDF (:mod:`.text`). Every reader of a
published format produces printed grids (:mod:`.printed`), reading what is printed around
the tables with one module (:mod:`.heading`), and one assembler (:mod:`.layout`) turns
them into the typed disclosure. ``read_many(paths)`` reads one disclosure published as
several files (tables in one, narrative in another).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from govbudget import serialize
from govbudget.disclosure import Disclosure, Problem
from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.readers.excel import read_xls, read_xlsx
from govbudget.readers.layout import assemble
from govbudget.readers.pdf import ENGINES, read_pdf
from govbudget.readers.printed import PrintedDocument
from govbudget.readers.text import read_text

__all__ = ["MAX_BYTES", "read", "read_many", "sniff"]

#: The largest file ``read()`` opens; disclosures are far smaller.
MAX_BYTES: Final = 64 * 1024 * 1024

_SIGNATURES: Final = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "xlsx"),
    (b"\xd0\xcf\x11\xe0", "xls"),
)


def sniff(head: bytes) -> str:
    """The format of a file from its first bytes.

    One of ``json``, ``pdf``, ``xlsx``, ``xls`` or ``text``.

    >>> sniff(b'  {"schema": "govbudget.disclosure/1"}'), sniff(b"%PDF-1.7")
    ('json', 'pdf')
    """
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "json" if stripped.startswith(b"{") else "text"


def read(path: str | Path, *, year: int | None = None, engine: str = "pdfium") -> Disclosure:
    """Read the disclosure in the file at *path*, whatever its format.

    Args:
        path: The file.
        year: The year, for a document that does not print it (a year the document
            prints wins; a different *year* is recorded as a problem).
        engine: What reads a PDF's pages: ``"pdfium"`` (the default) or
            ``"pdfplumber"`` (see :func:`~govbudget.readers.pdf.read_pdf`).

    Raises:
        FileNotFoundError: When there is no such file.
        FormatError: When the file is too large, or in a format this release cannot read
            yet; the message names the file.
        AmountError: When a figure cannot be read; the message names where it was.
        CodeError: When a code cannot be read; the message names where it was.
        ValueError: When *engine* is not one of :data:`~govbudget.readers.pdf.ENGINES`.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       *year* and *engine*.
    """
    found = _printed(path, engine)
    if isinstance(found, Disclosure):
        return found
    return assemble(found, year=year)


def read_many(
    paths: Iterable[str | Path], *, year: int | None = None, engine: str = "pdfium"
) -> Disclosure:
    """Read one disclosure published as several files into one :class:`Disclosure`.

    A department may publish its tables in one file and its narrative in another; each
    file alone is half a disclosure (the tables file may not even print the year). The
    files' tables are taken together, their narratives joined in the order given, and
    the department, year and family taken from whichever file states them. Files that
    state different years are recorded as a problem (the first year is kept).

    Args:
        paths: The files, in reading order.
        year: The year, when no file prints it.
        engine: What reads the PDFs' pages (see :func:`read`).

    Raises:
        FileNotFoundError: When a file does not exist.
        FormatError: When no file is given, a file cannot be read, or a file is already
            a typed disclosure (govbudget JSON or workbook), which cannot be combined.

    .. versionadded:: 0.2
    .. versionchanged:: 0.2
       *engine*.
    """
    files = [str(p) for p in paths]
    if not files:
        raise FormatError("no file given")
    documents: list[PrintedDocument] = []
    for file in files:
        found = _printed(file, engine)
        if isinstance(found, Disclosure):
            raise FormatError(
                "a govbudget disclosure cannot be combined with other files; read it alone",
                location=Location(file=file),
            )
        documents.append(found)
    if len(documents) == 1:
        return assemble(documents[0], year=year)
    problems: list[Problem] = []
    years = {d.source: d.year for d in documents if d.year is not None}
    if len(set(years.values())) > 1:
        stated = "; ".join(f"{source}: {y}" for source, y in years.items())
        problems.append(
            Problem(
                f"the files state different years ({stated}); the first is kept",
                Location(file=" + ".join(files)),
            )
        )
    merged = PrintedDocument(
        source=" + ".join(files),
        tables=[t for d in documents for t in d.tables],
        narrative="\n\n".join(d.narrative for d in documents if d.narrative),
        department=next((d.department for d in documents if d.department), None),
        year=next(iter(years.values()), None),
        template=any(d.template for d in documents),
        family=next((d.family for d in documents if d.family is not None), None),
        pages=[attrs.evolve(p, file=d.source) for d in documents for p in d.pages],
    )
    return assemble(merged, year=year, problems=problems)


def _printed(path: str | Path, engine: str = "pdfium") -> PrintedDocument | Disclosure:
    """The printed document in the file at *path*, or the disclosure a govbudget file holds."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    file = Path(path)
    where = Location(file=str(path))
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise FormatError(
            f"the file is {size} bytes; govbudget reads files up to {MAX_BYTES}", location=where
        )
    with file.open("rb") as handle:
        kind = sniff(handle.read(64))
    if kind == "json":
        return serialize.load(file)
    if kind == "text":
        return read_text(_decode(file.read_bytes(), where), source=str(path))
    if kind == "pdf":
        return read_pdf(file, engine=engine)
    if kind == "xlsx":
        return read_xlsx(file)
    if kind == "xls":
        return read_xls(file)
    raise FormatError(
        f"reading {kind} files is not supported yet; convert to govbudget JSON", location=where
    )


_ENCODINGS: Final = ("utf-8-sig", "gb18030", "utf-16")


def _decode(data: bytes, where: Location) -> str:
    """Text in the encodings Chinese documents come in: UTF-8, GB 18030 (GBK), UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in _ENCODINGS[:2]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormatError("the text is neither UTF-8 nor GB 18030", location=where)
