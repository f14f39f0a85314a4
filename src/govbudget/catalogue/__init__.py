"""Official names of classification codes by year (政府收支分类科目), as package data.

The shipped data (``govbudget/data/catalogue/<scheme>/<year>.tsv``, one small file per
scheme and year, read lazily on first use) holds only names verified in a source, each
with its evidence (document and page, or list); the catalogue also answers, marked
*inferred*, for the years between two sightings of one name (:mod:`.inference`), and
knows the renames and reforms it never infers across (:meth:`Catalogue.renames`). Load
your own copy of the Ministry of Finance list with :func:`read_user_list` and merge it
with :meth:`Catalogue.with_user_list`, or harvest your own documents
(:func:`govbudget.harvest.harvest`) and merge them with :meth:`Catalogue.with_harvest`.

.. versionadded:: 0.1
"""

from govbudget.catalogue.catalogue import Catalogue
from govbudget.catalogue.entry import Change, Entry, Match, Rename, YearDiff
from govbudget.catalogue.sighting import (
    Conflict,
    ConflictKind,
    Harvest,
    Sighting,
    conflicts,
    read_harvest,
)
from govbudget.catalogue.user import UserList, read_user_list

__all__ = [
    "Catalogue",
    "Change",
    "Conflict",
    "ConflictKind",
    "Entry",
    "Harvest",
    "Match",
    "Rename",
    "Sighting",
    "UserList",
    "YearDiff",
    "conflicts",
    "read_harvest",
    "read_user_list",
]
