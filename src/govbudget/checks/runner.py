"""Run the rules over a disclosure and collect every finding into a :class:`Report`."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from govbudget.catalogue import Catalogue
from govbudget.checks import compiled
from govbudget.checks.blame import suspects
from govbudget.checks.registry import REGISTRY, Context, Names, Registry, Rule
from govbudget.checks.relations import Op, Relation
from govbudget.checks.rounding import RELATIONS
from govbudget.disclosure import Disclosure
from govbudget.report import Finding, Report, Severity
from govbudget.tables.base import CellRef

__all__ = ["check", "covered_cells", "relations_of", "violation"]


def check(
    disclosure: Disclosure,
    *,
    rules: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    names: Names | None = None,
    registry: Registry | None = None,
    region: str | None = None,
) -> Report:
    """Run every rule (or those selected) over *disclosure* and report every finding.

    Args:
        disclosure: The disclosure to check.
        rules: Ids or globs of the rules to run (``["sum.*", "across.basic"]``); all
            when ``None``.
        skip: Ids or globs of rules not to run.
        names: The catalogue for the ``catalogue.*`` rules (and the official names of
            ``narrative.name``); the shipped :class:`~govbudget.catalogue.Catalogue` when
            ``None``. Pass ``Catalogue().with_user_list(...)`` to check against your copy
            of the official list, or skip ``catalogue.*`` not to check codes at all.
        registry: Where the rules come from (default: :data:`~govbudget.checks.REGISTRY`).
        region: The disclosure's region (``"上海"``, ``"江苏"``), which decides whether
            every table must be printed (:mod:`govbudget.tables.publication`); read from
            the department name and the cover when ``None``.

    Raises:
        RuleError: When a pattern in *rules* or *skip* matches no rule.

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       *region*.
    """
    chosen = (REGISTRY if registry is None else registry).select(rules, skip)
    if names is None:
        names = _shipped()
    context = Context(disclosure, names, region=region)
    findings: list[Finding] = []
    relations = compiled.Judgements()
    # Rules that judge the sums of others (rounding.improbable, registered last) read them here.
    context.memo[RELATIONS] = relations
    ran: list[str] = []
    skipped: list[str] = []
    plans = compiled.Plans(disclosure)
    for rule in chosen:
        if rule.needs_names and names is None:
            skipped.append(rule.id)
            continue
        ran.append(rule.id)
        findings.extend(_run(rule, context, relations, plans))
    # A relation that fails has made a finding naming its cells: only then look for it.
    failed = any(f.cells for f in findings) and not relations.all_hold()
    return Report(
        findings=findings,
        rules=ran,
        skipped=skipped,
        suspects=suspects([compiled.as_relation(r) for r in relations]) if failed else (),
        checked=len(relations),
        department=disclosure.department,
        year=disclosure.year,
        family=disclosure.family.value,
        source=disclosure.source,
        tables=tuple(disclosure.tables),
        coverage=dict(context.coverage),
    )


@functools.cache
def _shipped() -> Catalogue:
    """The shipped catalogue, made once: it is immutable and caches what it reads."""
    return Catalogue()


def relations_of(
    disclosure: Disclosure,
    *,
    rules: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    registry: Registry | None = None,
) -> list[Relation]:
    """Every relation the selected rules judge in *disclosure*, holding or not.

    For tools that explain a verdict: which sums a cell takes part in, and with what
    tolerance each is judged.

    .. versionadded:: 0.1
    """
    chosen = (REGISTRY if registry is None else registry).select(rules, skip)
    context = Context(disclosure, None)
    found = compiled.Judgements()
    context.memo[RELATIONS] = found
    plans = compiled.Plans(disclosure)
    for rule in chosen:
        if not rule.needs_names:
            _run(rule, context, found, plans)
    return [compiled.as_relation(r) for r in found]


def covered_cells(disclosure: Disclosure) -> frozenset[CellRef]:
    """Every printed cell of *disclosure* that some relation of the default rules judges.

    A cell outside it (the 三公 table's 机关运行经费, say, which only the narrative states)
    can be wrong without any sum noticing. Pass this as ``covered`` to the error-injecting
    strategies of :mod:`govbudget.strategies`.

    .. versionadded:: 0.2
    """
    return frozenset(ref for r in relations_of(disclosure) for ref in r.coefficients())


def _run(
    rule: Rule,
    context: Context,
    relations: compiled.Judgements,
    plans: compiled.Plans,
) -> list[Finding]:
    findings: list[Finding] = []
    try:
        judged = plans.judged(rule, context)
        if type(judged) is compiled.Judged:  # a compiled rule: its relations already judged
            relations.add(judged)
            findings.extend(violation(rule, item.relation()) for item in judged.failing())
            return findings
        for item in judged:
            if isinstance(item, Relation | compiled.Bound):
                relations.add(item)
                if not item.holds:
                    findings.append(violation(rule, compiled.as_relation(item)))
            else:
                findings.append(item)
    except Exception as exc:
        findings.append(
            Finding(
                rule=rule.id,
                severity=Severity.ERROR,
                message=f"the rule could not run: {type(exc).__name__}: {exc}",
                message_zh=f"规则无法执行：{exc}",
            )
        )
    return findings


def violation(rule: Rule, relation: Relation) -> Finding:
    """The finding for a relation that does not hold.

    .. versionadded:: 0.1
    """
    verdict = relation.comparison
    found = relation.found
    unit = verdict.unit.value
    at_least = relation.op is Op.GE
    expected = f"{'≥ ' if at_least else ''}{verdict.expected}"
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=(
            f"{relation.what}: printed {verdict.found}, expected {expected} {unit} "
            f"(difference {verdict.difference}, tolerance ±{verdict.tolerance})"
        ),
        message_zh=(
            f"{relation.what_zh}：填列{verdict.found}{unit}，应{'不小于' if at_least else '为'}"
            f"{verdict.expected}{unit}（差额{verdict.difference}，容差±{verdict.tolerance}）"
        ),
        table=found.ref.table,
        row=found.ref.row,
        row_label=found.label or None,
        column=found.ref.column,
        location=found.location,
        expected=verdict.expected,
        found=verdict.found,
        difference=verdict.difference,
        tolerance=verdict.tolerance,
        unit=verdict.unit,
        cells=tuple(t.ref for t in relation.terms),
    )
