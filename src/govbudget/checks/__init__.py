"""Consistency checks: the rule catalogue, the runner and the blame step.

>>> from govbudget.checks import REGISTRY
>>> "sum.hierarchy" in REGISTRY
True

Importing this package registers the built-in rules: within a table
(:mod:`~govbudget.checks.within`), across tables (:mod:`~govbudget.checks.across`, and for
budgets :mod:`~govbudget.checks.budget`) and on
the shape of the disclosure and its codes (:mod:`~govbudget.checks.structure`), and the
narrative against the tables (:mod:`~govbudget.checks.narrative`), the document
review of pages, years, wording, punctuation and names (:mod:`~govbudget.checks.document`);
last, the second tier that weighs long sums holding only through improbable rounding
(:mod:`~govbudget.checks.rounding`).
"""

# isort: off - rules run and report in registration order: within a table, across, shape
from govbudget.checks import within  # noqa: I001
from govbudget.checks import across
from govbudget.checks import budget
from govbudget.checks import structure
from govbudget.checks import narrative
from govbudget.checks import document
from govbudget.checks import rounding  # last: it judges the sums of the rules before it

# isort: on
from govbudget.checks.registry import REGISTRY, Context, Names, Registry, Rule, Verifies, rule
from govbudget.checks.relations import Op, Relation, Term
from govbudget.checks.runner import check, covered_cells, relations_of

__all__ = [
    "REGISTRY",
    "Context",
    "Names",
    "Op",
    "Registry",
    "Relation",
    "Rule",
    "Term",
    "Verifies",
    "across",
    "budget",
    "check",
    "covered_cells",
    "document",
    "narrative",
    "relations_of",
    "rounding",
    "rule",
    "structure",
    "within",
]
