"""HTML for notebooks: a disclosure, a table and a report as escaped HTML tables.

Jupyter shows an object by calling its ``_repr_html_``; :class:`~govbudget.Disclosure`,
:class:`~govbudget.Table` and :class:`~govbudget.Report` delegate here. Every piece of
text taken from a document is escaped, so a cell or a name holding ``<`` or ``&`` is
shown as printed and never interpreted as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from govbudget.disclosure import Disclosure
    from govbudget.report import Report
    from govbudget.tables.base import Table

__all__: list[str] = []


def _e(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _grid(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    parts = [
        '<table class="govbudget">',
        f"<caption>{_e(caption)}</caption>",
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr></thead>",
        "<tbody>",
    ]
    parts += ["<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows]
    parts += ["</tbody>", "</table>"]
    return "\n".join(parts)


def table_html(table: Table) -> str:
    """One table: its label and unit as caption, a row per printed row, figures as printed."""
    caption = f"{table.kind.label}（单位：{table.unit.value}）"
    if table.no_data:
        caption += " 此表无数据"
    header = ["编码或行", "名称", *(c.label for c in table.columns)]
    rows = []
    for row in table.rows:
        cells = [row.cells.get(c.key) for c in table.columns]
        rows.append([row.key, row.label, *("" if a is None else a.printed() for a in cells)])
    return _grid(caption, header, rows)


def disclosure_html(disclosure: Disclosure) -> str:
    """A disclosure: a heading naming department, year and family, then every table."""
    heading = (
        f"<h4>{_e(disclosure.department)} {disclosure.year}年{_e(disclosure.family.value)}"
        f"（{len(disclosure.tables)} 张表）</h4>"
    )
    return "\n".join([heading, *(table_html(t) for t in disclosure.tables.values())])


def report_html(report: Report) -> str:
    """A report: counts by severity, then one row per finding."""
    counts = report.counts()
    who = " ".join(
        part
        for part in (
            report.department,
            f"{report.year}年{report.family or ''}" if report.year is not None else None,
        )
        if part
    )
    caption = (
        f"{who + '：' if who else ''}{report.checked} 项勾稽关系已核对；"
        f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}"
    )
    header = ["严重程度", "规则", "表", "行", "列", "说明", "应为", "填列", "差额", "容差"]
    rows = [
        [
            f.severity.label_zh,
            f.rule,
            f.table.label if f.table else f.location.table,
            f.row,
            f.location.column or f.column,
            f.message_zh,
            f.expected,
            f.found,
            f.difference,
            None if f.tolerance is None else f"±{f.tolerance}",
        ]
        for f in report.findings
    ]
    return _grid(caption, header, rows)
