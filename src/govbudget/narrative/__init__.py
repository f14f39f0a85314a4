"""The narrative (情况说明): its numeric claims, what they refer to, and whether they hold.

:mod:`.claims` finds the claims, :mod:`.subjects` binds them to table cells (and
:mod:`govbudget.narrative.budget` to a budget's tables), and :mod:`.verdicts` judges them
with interval arithmetic; the ``narrative.*`` rules report the verdicts as findings. A budget's
narrative (:func:`is_budget`) is read as one: its changes on last year are judged from the
figures each sentence states. Direction words (大于, 持平 …) are judged as claims
(``directions``), every amount is read at its document's printed precision
(``precision``), and parts stated in one passage must fit their whole (``parts``).

.. versionadded:: 0.1
"""

from govbudget.narrative.budget import bind_budget
from govbudget.narrative.claims import Claim, ClaimKind, Number, claims
from govbudget.narrative.subjects import Binding, Renamed, bind, bind_path
from govbudget.narrative.verdicts import Outcome, Verdict, analyse, is_budget

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
    "bind_budget",
    "bind_path",
    "claims",
    "is_budget",
]
