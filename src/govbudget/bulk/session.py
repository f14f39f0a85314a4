"""One bulk run as the command line makes it: pool or cluster, findings table, progress."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from govbudget.bulk.cluster import check_files_on, client_for
from govbudget.bulk.progress import FilesProgress
from govbudget.bulk.run import FileResult, check_files
from govbudget.bulk.table import FindingsTable
from govbudget.errors import GovbudgetError

__all__ = ["BulkRun"]


class BulkRun:
    """Check files on a process pool or a Dask cluster, writing the findings table.

    Args:
        files: The files to check.
        jobs: Worker processes (default: one per CPU); ignored with *dask*.
        dask: The address of a Dask scheduler to run on instead of local processes.
        output: The findings table to write (``.csv`` or ``.parquet``), if any.
        resume: Skip the files already in *output* (which it then needs).
        rules: Ids or globs of the rules to run; all when ``None``.
        skip: Ids or globs of rules not to run.
        year: The year, for documents that do not print it.
        region: The region whose required tables apply (default: each document's own).
        catalogues: Harvest files merged into the catalogue for the names check.
        stream: Where the progress bar and :meth:`say` lines go (default stderr).
        engine: What reads PDF pages (``"pdfium"`` or ``"pdfplumber"``).

    Use as a context manager and iterate over it: each :class:`FileResult` comes as its
    file finishes, already written to the table, the progress bar moved on.

    Raises:
        GovbudgetError: When *resume* is given without *output*, or the table cannot be
            written (see :class:`FindingsTable`).

    .. versionadded:: 0.2
    """

    def __init__(
        self,
        files: Iterable[str | Path],
        *,
        jobs: int | None = None,
        dask: str | None = None,
        output: str | Path | None = None,
        resume: bool = False,
        rules: Iterable[str] | None = None,
        skip: Iterable[str] = (),
        year: int | None = None,
        region: str | None = None,
        catalogues: Iterable[str | Path] = (),
        stream: TextIO | None = None,
        engine: str = "pdfium",
    ) -> None:
        if resume and output is None:
            raise GovbudgetError("--resume needs --output: the findings table of the run to resume")
        self.table = FindingsTable(output, resume=resume) if output is not None else None
        done = self.table.done if self.table is not None else frozenset()
        given = [str(f) for f in files]
        self.files = [f for f in given if f not in done]
        #: How many files were left out because the table already holds them.
        self.skipped = len(given) - len(self.files)
        self.jobs = jobs
        self.dask = dask
        self.rules = None if rules is None else tuple(rules)
        self.skip = tuple(skip)
        self.year = year
        self.region = region
        self.catalogues = tuple(map(str, catalogues))
        self.engine = engine
        self.progress = FilesProgress(len(self.files), stream=stream)
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> BulkRun:
        with self._stack as stack:
            if self.table is not None:
                stack.enter_context(self.table)
            stack.enter_context(self.progress)
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _options(self) -> dict[str, Any]:
        """The arguments of :func:`check_files` that say how each file is checked."""
        return {
            "rules": self.rules,
            "skip": self.skip,
            "year": self.year,
            "region": self.region,
            "catalogues": self.catalogues,
            "engine": self.engine,
        }

    def say(self, line: str) -> None:
        """A line on the stream, above the progress bar."""
        self.progress.print(line)

    def __iter__(self) -> Iterator[FileResult]:
        if self.dask is not None:
            client = self._stack.enter_context(client_for(self.dask))
            results = check_files_on(client, self.files, **self._options())
        else:
            results = check_files(self.files, jobs=self.jobs, **self._options())
        for result in results:
            if self.table is not None:
                self.table.add(result)
            self.progress.step()
            yield result
