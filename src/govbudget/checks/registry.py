"""The rule catalogue: every check has a stable id, a title, a severity and its tables.

A rule is a small function that reads a :class:`Context` and yields
:class:`~govbudget.checks.relations.Relation` objects (judged by the runner, and used to
name the most likely wrong cell) or ready-made :class:`~govbudget.report.Finding` objects
(for checks that are not sums: duplicates, unknown codes). Its metadata is data on a
:class:`Rule`; its docstring is its documentation entry and ends with an example of what it
catches.

Register your own rule with the :func:`rule` decorator::

    @rule("mine.positive-total", "Total is positive", "合计为正",
          severity=Severity.WARNING, tables=(TableKind.EXPENDITURE,))
    def positive_total(context):
        \"\"\"The 合计 row of 03 is not zero. Example: a table of blanks.\"\"\"
        ...
"""

from __future__ import annotations

import fnmatch
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Protocol, runtime_checkable

import attrs

from govbudget.checks.relations import Relation
from govbudget.codes import Code, Scheme
from govbudget.disclosure import Disclosure
from govbudget.errors import RuleError
from govbudget.report import Finding, Severity
from govbudget.tables.base import TableKind

__all__ = [
    "REGISTRY",
    "Context",
    "Names",
    "Registry",
    "Rule",
    "RuleFunction",
    "Verifies",
    "rule",
]


class Names(Protocol):
    """What the catalogue rules need: the official name of a code in a year.

    The catalogue (:mod:`govbudget.catalogue`) provides it; any object with this method
    will do (a user's own list, a test double).

    .. versionadded:: 0.1
    """

    def official_name(self, code: Code, year: int) -> str | None:
        """The code's official name in *year*, or ``None`` when the code is unknown then."""

    def is_partial(self, scheme: Scheme, year: int) -> bool:
        """Whether the list of *scheme* for *year* holds only some of its codes.

        A code missing from a partial list is not reported as unknown.
        """


@runtime_checkable
class Verifies(Protocol):
    """A :class:`Names` that also says which names a source verifies for the year.

    The catalogue answers for some years by inference; ``catalogue.code`` counts those
    codes as ``codes_inferred`` rather than ``codes_verified``.

    .. versionadded:: 0.3
    """

    def is_verified(self, code: Code, year: int) -> bool:
        """Whether a source prints the code's name in *year* (not inferred)."""


@attrs.frozen
class Context:
    """What a rule reads: the disclosure, and the catalogue when one is available.

    ``memo`` and ``coverage`` are shared by the rules of one run: a rule may keep work
    there that other rules reuse, and add counts that the report shows as coverage.

    .. versionadded:: 0.1
    """

    disclosure: Disclosure
    names: Names | None = None
    #: The disclosure's region (``"上海"``) when the caller knows it; else it is read
    #: from the department name and the cover (:func:`~govbudget.tables.publication.region_of`).
    region: str | None = None
    #: Work shared by rules of one run (e.g. the narrative's claims, found once).
    memo: dict[str, object] = attrs.field(factory=dict, eq=False, repr=False)
    #: Counts rules add to the report's coverage (``claims_found`` …).
    coverage: Counter[str] = attrs.field(factory=Counter, eq=False, repr=False)


#: The signature of a rule's function.
RuleFunction = Callable[[Context], Iterable[Relation | Finding]]


@attrs.frozen
class Rule:
    """One check: its id, metadata, and the function that runs it.

    Attributes:
        id: The stable id (``"sum.hierarchy"``); ids group by their first part.
        title: A short English title.
        title_zh: The Chinese title.
        severity: The severity of the findings it makes from violated relations.
        tables: The kinds of table it reads.
        function: The function yielding relations and findings.
        needs_names: Whether it only runs when a catalogue is available.

    .. versionadded:: 0.1
    """

    id: str
    title: str
    title_zh: str
    severity: Severity
    tables: tuple[TableKind, ...]
    function: RuleFunction = attrs.field(repr=False)
    needs_names: bool = False

    @property
    def doc(self) -> str:
        """The rule's documentation entry: its function's docstring."""
        return inspect.getdoc(self.function) or ""

    def run(self, context: Context) -> Iterator[Relation | Finding]:
        """Run the rule over *context*."""
        return iter(self.function(context))


class Registry:
    """Rules by id, in the order they were registered.

    .. versionadded:: 0.1
    """

    def __init__(self) -> None:
        """An empty registry."""
        self._rules: dict[str, Rule] = {}

    def add(self, new: Rule) -> Rule:
        """Register *new*.

        Raises:
            RuleError: When a rule with the same id is registered already.
        """
        if new.id in self._rules:
            raise RuleError(f"a rule with id {new.id!r} is registered already")
        self._rules[new.id] = new
        return new

    def remove(self, rule_id: str) -> Rule:
        """Unregister the rule *rule_id* and return it.

        Raises:
            RuleError: When no rule has that id.
        """
        try:
            return self._rules.pop(rule_id)
        except KeyError:
            raise RuleError(f"no rule has id {rule_id!r}") from None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    @property
    def by_id(self) -> Mapping[str, Rule]:
        """The rules by id: a read-only view that follows later changes.

        .. versionadded:: 0.4
        """
        return MappingProxyType(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise RuleError(f"no rule has id {rule_id!r}") from None

    def select(
        self, rules: Iterable[str] | None = None, skip: Iterable[str] = ()
    ) -> tuple[Rule, ...]:
        """The rules matching any pattern of *rules* (all when ``None``) and none of *skip*.

        A pattern is an id or a shell-style glob over ids (``"across.*"``).

        Raises:
            RuleError: When a pattern matches no rule (a typo would otherwise skip checks).
        """
        if rules is None and not skip:
            return tuple(self._rules.values())
        chosen = list(self._rules) if rules is None else self._match(rules)
        dropped = set(self._match(skip))
        return tuple(self._rules[i] for i in chosen if i not in dropped)

    def _match(self, patterns: Iterable[str]) -> list[str]:
        matched: list[str] = []
        for pattern in patterns:
            hits = fnmatch.filter(self._rules, pattern)
            if not hits:
                raise RuleError(f"no rule matches {pattern!r}; known ids: {', '.join(self._rules)}")
            matched.extend(h for h in hits if h not in matched)
        return matched


#: The rules :func:`govbudget.check` runs by default.
REGISTRY = Registry()


def rule(
    id: str,
    title: str,
    title_zh: str,
    *,
    severity: Severity = Severity.ERROR,
    tables: tuple[TableKind, ...] = (),
    needs_names: bool = False,
    registry: Registry | None = None,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as a rule (in :data:`REGISTRY` unless *registry*).

    .. versionadded:: 0.1
    """

    def decorate(function: RuleFunction) -> RuleFunction:
        target = REGISTRY if registry is None else registry
        target.add(Rule(id, title, title_zh, severity, tables, function, needs_names))
        return function

    return decorate
