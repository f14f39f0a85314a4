"""govbudget: typed models and consistency checks for Chinese government budgets.

The public names are re-exported here; import them from ``govbudget`` directly.

.. versionadded:: 0.1
"""

from govbudget.amount import (
    Amount,
    Comparison,
    Interval,
    Unit,
    common_places,
    compare,
    parse_amount,
    read_plain,
    tidy,
    to_decimal,
    total,
)
from govbudget.checks import check
from govbudget.codes import (
    Code,
    DeptEconomicCode,
    FunctionCode,
    GovEconomicCode,
    Level,
    Scheme,
    letter_problem,
    parse_code,
)
from govbudget.disclosure import Disclosure, Problem
from govbudget.errors import (
    AmountError,
    CodeError,
    FormatError,
    GovbudgetError,
    InputError,
    RuleError,
    UnitMismatchError,
    UnknownCodeError,
)
from govbudget.location import Location
from govbudget.readers import read
from govbudget.report import (
    COVERAGE_KEYS,
    DOCUMENT_KEYS,
    FINDING_KEYS,
    REPORT_SCHEMA,
    Finding,
    Report,
    Severity,
    Suspect,
    Unreadable,
    reports_to_dict,
    reports_to_json,
)
from govbudget.tables import CellRef, Column, Family, Row, Table, TableKind

__version__ = "0.1.0.dev0"

__all__ = [
    "COVERAGE_KEYS",
    "DOCUMENT_KEYS",
    "FINDING_KEYS",
    "REPORT_SCHEMA",
    "Amount",
    "AmountError",
    "CellRef",
    "Code",
    "CodeError",
    "Column",
    "Comparison",
    "DeptEconomicCode",
    "Disclosure",
    "Family",
    "Finding",
    "FormatError",
    "FunctionCode",
    "GovEconomicCode",
    "GovbudgetError",
    "InputError",
    "Interval",
    "Level",
    "Location",
    "Problem",
    "Report",
    "Row",
    "RuleError",
    "Scheme",
    "Severity",
    "Suspect",
    "Table",
    "TableKind",
    "Unit",
    "UnitMismatchError",
    "UnknownCodeError",
    "Unreadable",
    "__version__",
    "check",
    "common_places",
    "compare",
    "letter_problem",
    "parse_amount",
    "parse_code",
    "read",
    "read_plain",
    "reports_to_dict",
    "reports_to_json",
    "tidy",
    "to_decimal",
    "total",
]
