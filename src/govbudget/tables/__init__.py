"""Disclosure tables: the shared shape (:mod:`.base`) and each family's specs.

.. versionadded:: 0.1
"""

from govbudget.tables.base import CellRef, Column, Family, Row, RowCode, Table, TableKind
from govbudget.tables.final_accounts import (
    APPROPRIATION_LINES,
    CATEGORY_CODES,
    SPECS,
    LineSpec,
    TableSpec,
    spec,
)

__all__ = [
    "APPROPRIATION_LINES",
    "CATEGORY_CODES",
    "SPECS",
    "CellRef",
    "Column",
    "Family",
    "LineSpec",
    "Row",
    "RowCode",
    "Table",
    "TableKind",
    "TableSpec",
    "spec",
]
