"""The table of every finding of a bulk run: one row per finding, CSV and Parquet.

Every file checked has at least one row, so that a later run knows it is done: a file
with no finding has one row whose finding columns are empty, and a file that could not
be read has one row with its ``error``. The CSV is written as results arrive, each file's
rows at once and flushed, so a run that is stopped keeps what it did; the Parquet file
(``OUT.parquet``, beside its CSV ``OUT.csv``) is written from the CSV when the run ends.
"""

from __future__ import annotations

import csv
import importlib
import io
from pathlib import Path
from typing import IO, Any, Final

from govbudget.bulk.run import FileResult
from govbudget.errors import GovbudgetError
from govbudget.report import FINDING_KEYS

__all__ = ["FINDING_COLUMNS", "FindingsTable", "finding_rows"]

#: The columns of the findings table: the document, then the keys of one finding in the
#: JSON report (:data:`govbudget.FINDING_KEYS`).
FINDING_COLUMNS: Final = ("path", "department", "year", "family", "error", *FINDING_KEYS)

#: Columns that hold whole numbers in the Parquet file; every other column is text
#: (figures stay exact, as in the JSON report).
_INTEGER_COLUMNS: Final = frozenset({"year", "page"})


def finding_rows(result: FileResult) -> list[dict[str, Any]]:
    """The rows of the findings table for one file: one per finding, at least one.

    >>> from govbudget.bulk import FileResult
    >>> finding_rows(FileResult("a.pdf", error="a.pdf: not a PDF"))[0]["error"]
    'a.pdf: not a PDF'

    .. versionadded:: 0.2
    """
    report = result.report
    document: dict[str, Any] = {
        "path": result.path,
        "department": report.department if report is not None else None,
        "year": report.year if report is not None else None,
        "family": report.family if report is not None else None,
        "error": result.error,
    }
    empty = dict.fromkeys(FINDING_KEYS)
    if report is None or not report.findings:
        return [{**document, **empty}]
    return [{**document, **f.to_dict()} for f in report.findings]


class FindingsTable:
    """Where a bulk run writes its findings: ``OUT.csv``, or ``OUT.parquet`` and its CSV.

    Args:
        path: The output, ending ``.csv`` or ``.parquet``.
        resume: Keep the rows already in the CSV and know their files as
            :attr:`done`; otherwise the table is started afresh.

    Use as a context manager and :meth:`add` each result.

    Raises:
        GovbudgetError: When *path* ends otherwise, when Parquet is asked for without
            pyarrow, or when the CSV to resume has other columns.

    .. versionadded:: 0.2
    """

    def __init__(self, path: str | Path, *, resume: bool = False) -> None:
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise GovbudgetError(f"{self.path}: the findings table is a .csv or .parquet file")
        self.parquet = suffix == ".parquet"
        if self.parquet:
            _pyarrow()  # say now, before any work, that it is missing
        self.csv = self.path.with_suffix(".csv")
        self.resume = resume
        self.rows = 0
        self.done: frozenset[str] = self._done() if resume else frozenset()
        self._file: IO[str] | None = None

    def _done(self) -> frozenset[str]:
        """The files the CSV already holds; a last line cut short by a stop is dropped."""
        if not self.csv.exists():
            return frozenset()
        data = self.csv.read_bytes()
        if data and not data.endswith(b"\n"):
            data = data[: data.rfind(b"\n") + 1]
            self.csv.write_bytes(data)
        reader = csv.reader(io.StringIO(data.decode("utf-8")))
        header = next(reader, None)
        if header is None:
            return frozenset()
        if tuple(header) != FINDING_COLUMNS:
            raise GovbudgetError(
                f"{self.csv}: not a findings table of this version of govbudget "
                "(other columns); write to a new file or leave out --resume"
            )
        return frozenset(row[0] for row in reader if len(row) == len(FINDING_COLUMNS))

    def __enter__(self) -> FindingsTable:
        self.csv.parent.mkdir(parents=True, exist_ok=True)
        append = self.resume and self.csv.exists() and self.csv.stat().st_size > 0
        self._file = self.csv.open("a" if append else "w", encoding="utf-8", newline="")
        if not append:
            csv.writer(self._file).writerow(FINDING_COLUMNS)
            self._file.flush()
        return self

    def add(self, result: FileResult) -> None:
        """Write the rows of one file, all at once, and flush them."""
        if self._file is None:
            raise GovbudgetError("FindingsTable.add() outside its with block")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        rows = finding_rows(result)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in FINDING_COLUMNS])
        self._file.write(buffer.getvalue())
        self._file.flush()
        self.rows += len(rows)

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.parquet:
            write_parquet(self.csv, self.path)


def write_parquet(source: Path, target: Path) -> None:
    """Write the findings CSV *source* as the Parquet file *target* (empty cells null)."""
    pa, pq = _pyarrow()
    columns: dict[str, list[Any]] = {c: [] for c in FINDING_COLUMNS}
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            if len(row) != len(FINDING_COLUMNS):
                continue
            for name, cell in zip(FINDING_COLUMNS, row, strict=True):
                value: Any = cell or None
                if value is not None and name in _INTEGER_COLUMNS:
                    value = int(value)
                columns[name].append(value)
    schema = pa.schema(
        [(c, pa.int64() if c in _INTEGER_COLUMNS else pa.string()) for c in FINDING_COLUMNS]
    )
    pq.write_table(pa.table(columns, schema=schema), target)


def _pyarrow() -> tuple[Any, Any]:
    """The modules ``pyarrow`` and ``pyarrow.parquet``, or an error naming the extra to install."""
    try:
        arrow = importlib.import_module("pyarrow")  # optional: the parquet extra
        parquet = importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise GovbudgetError(
            "writing the findings as Parquet needs pyarrow: pip install 'govbudget[parquet]' "
            "(or write a .csv)"
        ) from exc
    return arrow, parquet
