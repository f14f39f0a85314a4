"""The narrative (情况说明): its numeric claims, what they refer to, and whether they hold.

:mod:`.claims` finds the claims, :mod:`.subjects` binds them to table cells, and
:mod:`.verdicts` judges them with interval arithmetic; the ``narrative.*`` rules report
the verdicts as findings.

.. versionadded:: 0.1
"""

from govbudget.narrative.claims import Claim, ClaimKind, Number, claims
from govbudget.narrative.subjects import Binding, Renamed, bind, bind_path
from govbudget.narrative.verdicts import Outcome, Verdict, analyse

__all__ = [
    "Binding",
    "Claim",
    "ClaimKind",
    "Number",
    "Outcome",
    "Renamed",
    "Verdict",
    "analyse",
    "bind",
    "bind_path",
    "claims",
]
