"""The review's part of the text report: findings under 文档审查, grouped by page."""

from __future__ import annotations

from collections.abc import Iterable

from govbudget.report import Finding, Severity

__all__ = ["HEADING", "is_review", "review_lines"]

#: The heading the review's findings are listed under in the text report.
HEADING = "文档审查"


def is_review(finding: Finding) -> bool:
    """Whether *finding* comes from a document review rule (``document.*``).

    .. versionadded:: 0.2
    """
    return finding.rule.startswith("document.")


def _page(finding: Finding) -> int | None:
    page = finding.location.page
    return int(page) if page is not None and page.isdigit() else None


def review_lines(
    findings: Iterable[Finding], *, rules_run: int = 0
) -> list[tuple[str, Severity | None]]:
    """The text report's lines for the review's findings, each with its severity (or None).

    Nothing when the review found nothing.

    Under the heading 文档审查 (with how many review rules ran), one group per page in
    page order, then findings whose page is not known (a workbook, a whole-document
    finding); each finding gives its section, the sentence quoted, and what is printed
    against what is expected.

    >>> f = Finding("document.cut-off", Severity.ERROR, "cut", "句子在「主要原因是」后中断",
    ...             quote="主要原因是。", stated="主要原因是", computed="主要原因是……")
    >>> [line for line, _ in review_lines([f], rules_run=16)][:2]
    ['  文档审查（16 项审查规则，发现 1 处）', '    页码不详']

    .. versionadded:: 0.2
    """
    chosen = [f for f in findings if is_review(f)]
    if not chosen:
        return []
    lines: list[tuple[str, Severity | None]] = [
        (f"  {HEADING}（{rules_run} 项审查规则，发现 {len(chosen)} 处）", None)
    ]
    pages: dict[int | None, list[Finding]] = {}
    for finding in chosen:
        pages.setdefault(_page(finding), []).append(finding)
    order = sorted(p for p in pages if p is not None) + ([None] if None in pages else [])
    for page in order:
        lines.append((f"    第 {page} 页" if page is not None else "    页码不详", None))
        for f in pages[page]:
            lines.append((f"      [{f.severity.label_zh}] {f.rule}: {f.message_zh}", f.severity))
            where = f.location.section or (f.table.label if f.table is not None else None)
            if where is not None:
                lines.append((f"        所在部分：{where}", None))
            if f.quote:
                lines.append((f"        原文：「{' '.join(f.quote.split())}」", None))
            if f.computed is not None:
                printed = f"现为「{f.stated}」，" if f.stated else ""
                lines.append((f"        {printed}应为「{f.computed}」", None))
    return lines
