"""Harvest a catalogue from disclosures: every code printed with its name, where and when.

Each table of a disclosure that is keyed by code prints the year's official names beside
the codes; a folder of disclosures is therefore a catalogue source. :func:`harvest` reads
every file (folders are walked) and collects one :class:`~govbudget.catalogue.Sighting`
per coded row; :attr:`Harvest.conflicts <govbudget.catalogue.Harvest.conflicts>` lists
what they disagree on. ``govbudget catalogue harvest PATH ... -o FILE`` does the same from
the command line, and ``--catalogue FILE`` merges the file wherever a catalogue is used.

This module sits beside the readers (it reads files); the catalogue only reads the
harvest file it writes.

.. versionadded:: 0.3
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from govbudget.catalogue.sighting import Harvest, Sighting
from govbudget.disclosure import Disclosure
from govbudget.errors import GovbudgetError
from govbudget.readers import read
from govbudget.tables.base import TableKind

__all__ = ["SUFFIXES", "harvest", "sightings_of"]

#: The file suffixes read when a folder is harvested.
SUFFIXES: Final = (".json", ".txt", ".pdf", ".xlsx", ".xls")

#: Tables that print functional 类 by name only (一、一般公共服务支出); readers key them
#: by code from the name, so their sightings are ``"line"``, not ``"coded"``.
_SUMMARY_KINDS: Final = frozenset(
    {
        TableKind.INCOME_EXPENDITURE_SUMMARY,
        TableKind.APPROPRIATION_SUMMARY,
        TableKind.BUDGET_SUMMARY,
        TableKind.BUDGET_APPROPRIATION_SUMMARY,
    }
)


def sightings_of(disclosure: Disclosure, document: str | None = None) -> Iterator[Sighting]:
    """One sighting per coded row of *disclosure* that prints a name.

    Args:
        disclosure: A disclosure read by :func:`govbudget.read`.
        document: The name to record (default: the disclosure's source).

    """
    year = disclosure.year
    where = document if document is not None else (disclosure.source or "")
    for table in disclosure.tables.values():
        how = "line" if table.kind in _SUMMARY_KINDS else "coded"
        for row in table.coded_rows():
            if row.code is None or not row.label.strip():
                continue
            page = row.location.page or table.location.page or f"公开{table.kind.number:02d}表"
            yield Sighting(row.code.scheme, row.code.digits, row.label, year, where, page, how)


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def harvest(
    paths: Iterable[str | Path], *, year: int | None = None, relative_to: str | Path | None = None
) -> Harvest:
    """Read every disclosure in *paths* (files or folders) and collect its coded rows.

    A file that cannot be read is listed in :attr:`Harvest.unreadable
    <govbudget.catalogue.Harvest.unreadable>` with the reason; the others are harvested.

    Args:
        paths: Disclosure files, or folders walked for ``.json``, ``.txt``, ``.pdf``,
            ``.xlsx`` and ``.xls`` files (hidden ones skipped).
        year: The year, for documents that do not print it.
        relative_to: Record documents by their path relative to this folder.

    >>> from govbudget.catalogue import Harvest
    >>> harvest([]) == Harvest(())
    True
    """
    found: set[Sighting] = set()
    unreadable: list[tuple[str, str]] = []
    for path in _files(paths):
        name = str(path)
        if relative_to is not None:
            try:
                name = path.resolve().relative_to(Path(relative_to).resolve()).as_posix()
            except ValueError:
                name = str(path)
        try:
            disclosure = read(path) if year is None else read(path, year=year)
            found.update(sightings_of(disclosure, name))
        except (GovbudgetError, OSError) as exc:
            unreadable.append((name, str(exc)))
    return Harvest(tuple(sorted(found)), tuple(unreadable))
