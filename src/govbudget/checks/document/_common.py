"""What the review rules share: registration, paragraphs, findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final

from govbudget.checks.registry import Context, rule
from govbudget.location import Location
from govbudget.report import Finding, Severity
from govbudget.review.text import (
    Paragraph,
    paragraphs,
    sentences,
)
from govbudget.tables.base import TableKind

__all__ = ["REVIEW_COVERAGE_KEYS"]

#: The counts the review adds to a report's coverage.
REVIEW_COVERAGE_KEYS: Final = ("review_rules_run", "review_findings")

_Check = Callable[[Context], Iterable[Finding]]


def _review(
    rule_id: str, title: str, title_zh: str, severity: Severity
) -> Callable[[_Check], _Check]:
    """Register a review rule that counts itself and its findings in the coverage."""

    def decorate(function: _Check) -> _Check:
        def run(context: Context) -> Iterator[Finding]:
            found = list(function(context))
            context.coverage["review_rules_run"] += 1
            context.coverage["review_findings"] += len(found)
            yield from found

        run.__doc__ = function.__doc__
        run.__name__ = function.__name__
        rule(rule_id, title, title_zh, severity=severity, tables=tuple(TableKind))(run)
        return function

    return decorate


def _paragraphs(context: Context) -> tuple[Paragraph, ...]:
    cached = context.memo.get("document.paragraphs")
    if isinstance(cached, tuple):
        return cached
    found = paragraphs(context.disclosure)
    context.memo["document.paragraphs"] = found
    return found


def _prose(context: Context) -> Iterator[Paragraph]:
    """The paragraphs of running text: not the cover, the contents or a heading."""
    for paragraph in _paragraphs(context):
        if paragraph.contents or paragraph.heading or paragraph.page == 1:
            continue
        yield paragraph


def _finding(
    context: Context,
    rule_id: str,
    severity: Severity,
    message: str,
    message_zh: str,
    *,
    page: int | None,
    section: str | None = None,
    quote: str | None = None,
    stated: str | None = None,
    computed: str | None = None,
) -> Finding:
    where = Location(file=context.disclosure.source, page=page, section=section)
    return Finding(
        rule=rule_id,
        severity=severity,
        message=message,
        message_zh=message_zh,
        location=where,
        quote=None if quote is None else quote.strip(),
        stated=stated,
        computed=computed,
    )


def _at(
    context: Context, rule_id: str, severity: Severity, paragraph: Paragraph
) -> Callable[..., Finding]:
    """A finding maker for *paragraph*: its page and section filled in."""

    def make(message: str, message_zh: str, **fields: str | None) -> Finding:
        return _finding(
            context,
            rule_id,
            severity,
            message,
            message_zh,
            page=paragraph.page,
            section=paragraph.section,
            **fields,
        )

    return make


def _sentence_at(paragraph: Paragraph, position: int) -> str:
    """The sentence of *paragraph* holding character *position*."""
    chosen = ""
    for sentence in sentences(paragraph):
        if sentence.start <= position:
            chosen = sentence.text
    return chosen or paragraph.text
