"""Disclosure tables: the shared shape (:mod:`.base`), specs (:mod:`.specs`) and each family's data.

The final-account kinds are declared in :mod:`.final_accounts`, the budget kinds in
:mod:`.budget`; :data:`SPECS` holds both.

.. versionadded:: 0.1
"""

from typing import Final

from govbudget.tables import budget, final_accounts
from govbudget.tables.base import CellRef, Column, Family, Row, RowCode, Table, TableKind
from govbudget.tables.final_accounts import APPROPRIATION_LINES, CATEGORY_CODES
from govbudget.tables.specs import Identity, LineEqual, LineSpec, LineSum, RowSum, TableSpec

__all__ = [
    "APPROPRIATION_LINES",
    "CATEGORY_CODES",
    "SPECS",
    "CellRef",
    "Column",
    "Family",
    "Identity",
    "LineEqual",
    "LineSpec",
    "LineSum",
    "Row",
    "RowCode",
    "RowSum",
    "Table",
    "TableKind",
    "TableSpec",
    "spec",
]

#: Every table kind's spec, final accounts and budgets alike.
SPECS: Final[dict[TableKind, TableSpec]] = {**final_accounts.SPECS, **budget.SPECS}


def spec(kind: TableKind) -> TableSpec:
    """The spec of a table kind.

    >>> spec(TableKind.GENERAL_BUDGET_EXPENDITURE).column_keys()
    ('total', 'basic', 'project')
    >>> spec(TableKind.BUDGET_GENERAL_BASIC).column_keys()
    ('total', 'personnel', 'public')
    """
    return SPECS[kind]
