"""The verdict on a disclosure: findings, the cells most likely wrong, and their export.

A :class:`Finding` is one problem found by one rule, precise enough to act on: where
(table, row, column, location), what was expected, what was found, the difference and
the tolerance it was judged against, in English and Chinese. A :class:`Report` collects
every finding of a run; it never stops at the first.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from govbudget.amount import Unit
from govbudget.location import Location
from govbudget.tables.base import CellRef, TableKind

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "COVERAGE_KEYS",
    "DOCUMENT_KEYS",
    "FINDING_KEYS",
    "REPORT_SCHEMA",
    "Finding",
    "Report",
    "Severity",
    "Suspect",
    "Unreadable",
    "reports_to_dict",
    "reports_to_json",
]

#: The identifier of the JSON report format.
REPORT_SCHEMA = "govbudget.report/2"

#: The keys of one finding in the JSON report, in order (docs/reference/report-format.md).
FINDING_KEYS: Final = (
    "rule",
    "severity",
    "table",
    "row",
    "row_label",
    "column",
    "column_label",
    "page",
    "section",
    "message",
    "message_zh",
    "expected",
    "found",
    "difference",
    "tolerance",
    "quote",
    "stated",
    "computed",
)

#: The keys of one document in the JSON report, in order: the seven the format promises,
#: then ``counts`` and ``suspects`` (read documents) and ``error`` (``null`` unless the
#: file could not be read).
DOCUMENT_KEYS: Final = (
    "path",
    "department",
    "year",
    "kind",
    "tables",
    "findings",
    "coverage",
    "counts",
    "suspects",
    "error",
)

#: The counts every document's ``coverage`` holds, zeros included, in order. Rules may
#: add further counts after these.
COVERAGE_KEYS: Final = (
    "relations_checked",
    "rules_run",
    "rules_skipped",
    "claims_found",
    "claims_bound",
    "claims_consistent",
    "claims_coarse",
    "claims_inconsistent",
    "claims_unbound",
    "codes_verified",
    "codes_unverified",
)


class Severity(enum.Enum):
    """How serious a finding is; severities order as info < warning < error.

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return list(Severity).index(self)

    @property
    def label_zh(self) -> str:
        """The Chinese label: 提示, 警告, 错误."""
        return {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}[self]


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _suspects(items: Iterable[Suspect]) -> tuple[Suspect, ...]:
    return tuple(items)


def _tablekinds(items: Iterable[TableKind]) -> tuple[TableKind, ...]:
    return tuple(items)


@attrs.frozen
class Finding:
    """One problem (or note) found by one rule.

    Attributes:
        rule: The rule's stable id (``"sum.hierarchy"``).
        severity: Error, warning or info.
        message: What is wrong, in English.
        message_zh: The same, in Chinese.
        table: The table the finding is about, if one.
        row: The row key (a code's digits or a line key), if one.
        row_label: The row's printed name, if known.
        column: The column key, if one.
        location: Where it was printed (file, page, table, row, column).
        expected: The value the rule expected, if numeric.
        found: The value printed, if numeric.
        difference: ``found - expected``.
        tolerance: The largest difference rounding could explain.
        unit: The unit of the four numbers above.
        cells: Every cell the rule read to reach the verdict.
        quote: For narrative claims: the sentence quoted.
        stated: For narrative claims: the number as stated.
        computed: For narrative claims: the number recomputed from the tables.

    .. versionadded:: 0.1
    """

    rule: str
    severity: Severity
    message: str
    message_zh: str
    table: TableKind | None = None
    row: str | None = None
    row_label: str | None = None
    column: str | None = None
    location: Location = attrs.field(factory=Location)
    expected: Decimal | None = None
    found: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: Unit | None = None
    cells: tuple[CellRef, ...] = ()
    quote: str | None = None
    stated: str | None = None
    computed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as one entry of ``findings`` in the JSON report.

        The keys are :data:`FINDING_KEYS`; numbers are strings, fields that do not apply
        are ``None``. The table is named by its kind (``"general_budget_expenditure"``).

        .. versionchanged:: 0.1
           Exactly the documented keys (the unit, location and cells are in the text
           report and on the :class:`Finding` itself).

        .. versionchanged:: 0.2
           Format ``govbudget.report/2``: ``message_zh`` (the Chinese message the text
           report prints), ``row_label`` and ``column_label`` (the row and column as
           printed), ``page`` and ``section`` (the heading of the text a review finding
           is in).
        """
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "table": self.table.name.lower() if self.table else None,
            "row": self.row,
            "row_label": self.row_label,
            "column": self.column,
            "column_label": self.location.column if self.column is not None else None,
            "page": self.location.page,
            "section": self.location.section,
            "message": self.message,
            "message_zh": self.message_zh,
            "expected": _s(self.expected),
            "found": _s(self.found),
            "difference": _s(self.difference),
            "tolerance": _s(self.tolerance),
            "quote": self.quote,
            "stated": self.stated,
            "computed": self.computed,
        }


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class Suspect:
    """A cell that, changed alone, would make the most violated relations hold.

    Attributes:
        cell: The cell's address.
        location: Where it was printed.
        printed: The value printed there.
        low: The smallest value that would make those relations hold (``None``: no bound).
        high: The largest such value (``None``: no bound).
        explains: How many violated relations that change would satisfy.
        breaks: How many relations now satisfied it would break.
        signature: The slip of the pen its repair undoes (``"unit"``, ``"tenfold"``,
            ``"sign"``, ``"swap"``, ``"neighbour"``; see
            :data:`govbudget.checks.blame.SIGNATURES`), or ``None``.
        tied: Whether other cells are equally likely: the report names them all and
            picks none.
        row_label: The row as printed (``"2010101 行政运行"``, ``"本年收入合计"``).
        column_label: The column as printed (``"基本支出"``).

    .. versionadded:: 0.1

    .. versionchanged:: 0.2
       ``signature``, ``tied``, ``row_label`` and ``column_label``.
    """

    cell: CellRef
    location: Location
    printed: Decimal
    low: Decimal | None
    high: Decimal | None
    explains: int
    breaks: int
    signature: str | None = None
    tied: bool = False
    row_label: str | None = None
    column_label: str | None = None

    @property
    def name(self) -> str:
        """The cell as a reader finds it: ``"公开05表 …「2010101 行政运行」基本支出"``."""
        row = self.row_label or self.cell.row
        column = self.column_label or self.cell.column
        return f"{self.cell.table.label}「{row}」{column}"

    def to_dict(self) -> dict[str, Any]:
        """The suspect as JSON-ready data."""
        return {
            "cell": str(self.cell),
            "table": self.cell.table.name.lower(),
            "row": self.cell.row,
            "column": self.cell.column,
            "location": str(self.location),
            "printed": str(self.printed),
            "low": _s(self.low),
            "high": _s(self.high),
            "explains": self.explains,
            "breaks": self.breaks,
            "name": self.name,
            "row_label": self.row_label,
            "column_label": self.column_label,
            "signature": self.signature,
            "tied": self.tied,
        }


@attrs.frozen
class Report:
    """Every finding of one check run over one disclosure.

    Attributes:
        findings: The findings, in the order the rules ran.
        rules: The ids of the rules that ran.
        suspects: The cells most likely wrong, best first (all tied for best).
        department: The disclosure's department.
        year: The disclosure's year.
        family: ``"决算"`` or ``"预算"``.
        source: Where the disclosure was read from.
        tables: The kinds of table the disclosure had.
        skipped: The ids of selected rules that could not run (no catalogue given).
        checked: How many relations between cells were judged.
        coverage: Counts the rules report on what they covered (``claims_found``,
            ``claims_bound``, ``claims_consistent``, ``claims_inconsistent`` …).

    .. versionadded:: 0.1
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    rules: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    suspects: tuple[Suspect, ...] = attrs.field(default=(), converter=_suspects)
    department: str | None = None
    year: int | None = None
    family: str | None = None
    source: str | None = None
    tables: tuple[TableKind, ...] = attrs.field(default=(), converter=_tablekinds)
    skipped: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    checked: int = 0
    coverage: dict[str, int] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def filter(
        self,
        *,
        severity: Severity | None = None,
        min_severity: Severity | None = None,
        table: TableKind | None = None,
        rule: str | Iterable[str] | None = None,
    ) -> Report:
        """A report holding only the findings that match every criterion given."""
        rules = {rule} if isinstance(rule, str) else set(rule) if rule is not None else None

        def keep(f: Finding) -> bool:
            return (
                (severity is None or f.severity is severity)
                and (min_severity is None or f.severity.rank >= min_severity.rank)
                and (table is None or f.table is table)
                and (rules is None or f.rule in rules)
            )

        return attrs.evolve(self, findings=tuple(f for f in self.findings if keep(f)))

    def counts(self) -> dict[str, int]:
        """How many findings of each severity: ``{"error": 0, "warning": 1, "info": 2}``."""
        return {s.value: sum(f.severity is s for f in self.findings) for s in reversed(Severity)}

    def to_dict(self) -> dict[str, Any]:
        """This report as one ``documents`` entry of the JSON report; keys :data:`DOCUMENT_KEYS`."""
        coverage: dict[str, int] = dict.fromkeys(COVERAGE_KEYS, 0)
        coverage.update(self.coverage)
        coverage["relations_checked"] = self.checked
        coverage["rules_run"] = len(self.rules)
        coverage["rules_skipped"] = len(self.skipped)
        return {
            "path": self.source,
            "department": self.department,
            "year": self.year,
            "kind": self.family,
            "tables": [k.name.lower() for k in self.tables],
            "findings": [f.to_dict() for f in self.findings],
            "coverage": coverage,
            "counts": self.counts(),
            "suspects": [s.to_dict() for s in self.suspects],
            "error": None,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: ``{"schema": "govbudget.report/2", "documents": [...]}``."""
        return reports_to_json([self], indent=indent)

    def _repr_html_(self) -> str:
        """The findings as an HTML table, for notebooks (text escaped)."""
        from govbudget._html import report_html  # noqa: PLC0415 - only notebooks need it

        return report_html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """The findings as a pandas DataFrame, one row per finding; numbers stay ``Decimal``.

        Raises:
            ImportError: When pandas is not installed (``pip install 'govbudget[pandas]'``).
        """
        try:
            import pandas  # noqa: PLC0415 - optional dependency, imported on use
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Report.to_dataframe() needs pandas: pip install 'govbudget[pandas]'"
            ) from exc
        names = [a.name for a in attrs.fields(Finding)]
        rows = [{name: _plain(getattr(f, name)) for name in names} for f in self.findings]
        return pandas.DataFrame(rows, columns=names)


def _plain(value: object) -> object:
    """A finding's field as a DataFrame cell: enums by value, locations as text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Location):
        return str(value)
    if isinstance(value, tuple):
        return [str(v) for v in value]
    return value


@attrs.frozen
class Unreadable:
    """A file that could not be read, as it appears among the JSON report's documents.

    Attributes:
        path: The path as given.
        error: What went wrong, in one line.

    .. versionadded:: 0.1
    """

    path: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        """The file as a ``documents`` entry: every key of :data:`DOCUMENT_KEYS`, empty."""
        return {
            "path": self.path,
            "department": None,
            "year": None,
            "kind": None,
            "tables": [],
            "findings": [],
            "coverage": None,
            "counts": None,
            "suspects": [],
            "error": self.error,
        }


def reports_to_dict(documents: Iterable[Report | Unreadable]) -> dict[str, Any]:
    """The JSON report of several documents, as JSON-ready data, in the order given.

    >>> reports_to_dict([Unreadable("a.pdf", "not a PDF")])["documents"][0]["error"]
    'not a PDF'

    .. versionadded:: 0.1
    """
    return {"schema": REPORT_SCHEMA, "documents": [d.to_dict() for d in documents]}


def reports_to_json(documents: Iterable[Report | Unreadable], *, indent: int | None = 2) -> str:
    """The JSON report (``govbudget.report/2``) of several documents, in the order given.

    The format is documented key by key in ``docs/reference/report-format.md``.

    >>> reports_to_json([], indent=None)
    '{"schema": "govbudget.report/2", "documents": []}'

    .. versionadded:: 0.1
    """
    return json.dumps(reports_to_dict(documents), ensure_ascii=False, indent=indent)
