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
    to_decimal,
    total,
)
from govbudget.codes import (
    Code,
    DeptEconomicCode,
    FunctionCode,
    GovEconomicCode,
    Level,
    Scheme,
    parse_code,
)
from govbudget.errors import (
    AmountError,
    CodeError,
    GovbudgetError,
    InputError,
    UnitMismatchError,
)
from govbudget.location import Location

__version__ = "0.1.0.dev0"

__all__ = [
    "Amount",
    "AmountError",
    "Code",
    "CodeError",
    "Comparison",
    "DeptEconomicCode",
    "FunctionCode",
    "GovEconomicCode",
    "GovbudgetError",
    "InputError",
    "Interval",
    "Level",
    "Location",
    "Scheme",
    "Unit",
    "UnitMismatchError",
    "__version__",
    "common_places",
    "compare",
    "parse_amount",
    "parse_code",
    "to_decimal",
    "total",
]
