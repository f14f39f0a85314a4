"""Readers: every format a disclosure is published or exchanged in, behind one ``read()``.

``read(path)`` looks at a file's content, not only its name, and hands it to the reader
for that format: govbudget's own JSON (:mod:`govbudget.serialize`), PDF (:mod:`.pdf`),
Excel (:mod:`.excel`), or text extracted from a PDF (:mod:`.text`). Every reader of a
published format produces printed grids (:mod:`.printed`) that one assembler
(:mod:`.layout`) turns into the typed disclosure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from govbudget import serialize
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError
from govbudget.location import Location
from govbudget.readers.excel import read_xls, read_xlsx
from govbudget.readers.layout import assemble
from govbudget.readers.pdf import read_pdf
from govbudget.readers.text import read_text

__all__ = ["MAX_BYTES", "read", "sniff"]

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


def read(path: str | Path) -> Disclosure:
    """Read the disclosure in the file at *path*, whatever its format.

    Raises:
        FileNotFoundError: When there is no such file.
        FormatError: When the file is too large, or in a format this release cannot read
            yet; the message names the file.
        AmountError: When a figure cannot be read; the message names where it was.
        CodeError: When a code cannot be read; the message names where it was.

    .. versionadded:: 0.1
    """
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
        return assemble(read_text(_decode(file.read_bytes(), where), source=str(path)))
    if kind == "pdf":
        return assemble(read_pdf(file))
    if kind == "xlsx":
        found = read_xlsx(file)
        return found if isinstance(found, Disclosure) else assemble(found)
    if kind == "xls":
        return assemble(read_xls(file))
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
