"""Readers: every format a disclosure is published or exchanged in, behind one ``read()``.

``read(path)`` looks at a file's content, not only its name, and hands it to the reader
for that format. This release reads govbudget's own JSON (:mod:`govbudget.serialize`);
the PDF, Excel and extracted-text readers follow, behind the same function.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from govbudget import serialize
from govbudget.disclosure import Disclosure
from govbudget.errors import FormatError
from govbudget.location import Location

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
    raise FormatError(
        f"reading {kind} files is not supported yet; convert to govbudget JSON", location=where
    )
