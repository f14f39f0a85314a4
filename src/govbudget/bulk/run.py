"""Read and check files on a pool of worker processes, yielding each result as it is done."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import multiprocessing
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

import attrs

from govbudget.catalogue import Catalogue, read_harvest
from govbudget.checks import check
from govbudget.errors import GovbudgetError, InputError
from govbudget.location import Location
from govbudget.readers import read
from govbudget.report import Report

__all__ = ["FileResult", "Options", "check_file", "check_files", "describe_error"]

#: How many files each worker has queued at most: enough to keep it busy, few enough
#: that stopping early wastes little and memory does not grow with the number of files.
_QUEUED_PER_WORKER: Final = 4


def _strs(items: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if items is None else tuple(items)


def _skip(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _paths(items: Iterable[str | Path]) -> tuple[str, ...]:
    return tuple(map(str, items))


@attrs.frozen
class Options:
    """How each file of a bulk run is checked.

    Attributes:
        rules: Ids or globs of the rules to run; all when ``None``.
        skip: Ids or globs of rules not to run.
        year: The year, for documents that do not print it.
        region: The region whose set of required tables applies (see
            :func:`govbudget.tables.publication.region_of`); read from each document
            when ``None``.
        catalogues: Harvest files (written by ``govbudget catalogue harvest``) merged
            into the shipped catalogue for the names check.
        engine: What reads PDF pages (``"pdfium"`` or ``"pdfplumber"``).

    .. versionadded:: 0.2
    """

    rules: tuple[str, ...] | None = attrs.field(default=None, converter=_strs)
    skip: tuple[str, ...] = attrs.field(default=(), converter=_skip)
    year: int | None = None
    region: str | None = None
    catalogues: tuple[str, ...] = attrs.field(default=(), converter=_paths)
    engine: str = "pdfium"


@attrs.frozen
class FileResult:
    """What checking one file gave: its report, or the error that stopped it.

    Attributes:
        path: The file, as given.
        report: The report, when the file could be read.
        error: What went wrong, in one line, when it could not.
        detail: The traceback of an unexpected error (a bug, not bad input).
        seconds: How long reading and checking took (wall-clock).
        cpu: The processor time the worker spent on it, in seconds: beside *seconds*,
            it shows how much of the wait was other work sharing the processors.
        worker: Which worker did it (host and process, or the Dask worker's address).
        memory: The worker's peak resident memory after the file, in bytes (0 when
            the platform does not say).

    .. versionadded:: 0.2
    """

    path: str
    report: Report | None = None
    error: str | None = None
    detail: str | None = None
    seconds: float = 0.0
    cpu: float = 0.0
    worker: str = ""
    memory: int = 0

    @property
    def ok(self) -> bool:
        """Whether the file was read and checked (whatever the findings)."""
        return self.report is not None


def describe_error(exc: BaseException, path: str | None = None) -> str:
    """An exception as one line: the file, what went wrong, and where in the file.

    >>> describe_error(FileNotFoundError(2, "No such file or directory", "a.pdf"))
    'a.pdf: No such file or directory'

    .. versionadded:: 0.2
    """
    where = ""
    file = path
    if isinstance(exc, InputError):
        loc = exc.location
        file = loc.file or path
        message = exc.message if exc.text is None else f"{exc.message}: {exc.text!r}"
        rest = Location(page=loc.page, table=loc.table, row=loc.row, column=loc.column)
        where = "" if rest == Location() else f" ({rest})"
    elif isinstance(exc, OSError):
        file = exc.filename if exc.filename is not None else path
        message = exc.strerror or str(exc)
    elif isinstance(exc, GovbudgetError):
        message = str(exc)
        file = None  # not about a file: a rule id, a year, a usage
    else:
        message = (
            f"internal error ({type(exc).__name__}: {exc}); "
            "run with --debug to see the traceback, and please report it"
        )
    line = f"{file}: {message}{where}" if file else f"{message}{where}"
    return " ".join(line.split())


def _peak_memory() -> int:
    """This process's peak resident memory in bytes, or 0 where the platform lacks it."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS says bytes, Linux KiB


def _worker_name() -> str:
    """The Dask worker's address when running on one, else host and process id."""
    if "distributed" in sys.modules:
        from distributed import get_worker  # noqa: PLC0415 - only on a Dask worker

        try:
            return str(get_worker().address)
        except ValueError:
            pass
    return f"{os.uname().nodename}:{os.getpid()}" if hasattr(os, "uname") else str(os.getpid())


def check_file(path: str | Path, options: Options | None = None) -> FileResult:
    """Read and check one file; never raises for a file that cannot be read or checked.

    The error (one line naming the file and where in it) is kept in the result instead;
    an unexpected error also keeps its traceback in :attr:`FileResult.detail`.

    .. versionadded:: 0.2
    """
    chosen = options if options is not None else Options()
    name = str(path)
    started = time.perf_counter()
    processor = time.process_time()
    report: Report | None = None
    error: str | None = None
    detail: str | None = None
    try:
        disclosure = read(name, year=chosen.year, engine=chosen.engine)
        checked = check(
            disclosure,
            rules=chosen.rules,
            skip=chosen.skip,
            names=_catalogue(chosen.catalogues),
            region=chosen.region,
        )
        report = attrs.evolve(checked, source=name)
    except Exception as exc:
        error = describe_error(exc, name)
        if not isinstance(exc, GovbudgetError | OSError):
            detail = traceback.format_exc()
    return FileResult(
        path=name,
        report=report,
        error=error,
        detail=detail,
        seconds=time.perf_counter() - started,
        cpu=time.process_time() - processor,
        worker=_worker_name(),
        memory=_peak_memory(),
    )


@functools.lru_cache(maxsize=4)
def _catalogue(harvests: tuple[str, ...]) -> Catalogue | None:
    """The shipped catalogue with *harvests* merged, built once per worker process."""
    if not harvests:
        return None  # check() uses the shipped catalogue
    catalogue = Catalogue()
    for path in harvests:
        catalogue = catalogue.with_harvest(read_harvest(path))
    return catalogue


def _context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes that start with govbudget imported, never a fork of threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govbudget.bulk.run"])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows, macOS


def files_to_check(paths: Iterable[str | Path], done: Iterable[str]) -> list[str]:
    """*paths* as strings, those in *done* (an earlier run's files) left out, in order."""
    skipped = set(done)
    return [name for name in map(str, paths) if name not in skipped]


def check_files(
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    rules: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    year: int | None = None,
    region: str | None = None,
    catalogues: Iterable[str | Path] = (),
    done: Iterable[str] = (),
    engine: str = "pdfium",
    task: Callable[[str, Options], FileResult] | None = None,
) -> Iterator[FileResult]:
    """Check each file on a pool of *jobs* processes; yield the results as files finish.

    Args:
        paths: The files (see :func:`~govbudget.bulk.files_in` for a folder's).
        jobs: How many worker processes (default: one per CPU). With ``1`` the files are
            checked one after another in this process, in order.
        rules: Ids or globs of the rules to run; all when ``None``.
        skip: Ids or globs of rules not to run.
        year: The year, for documents that do not print it.
        region: The region whose required tables apply (default: each document's own).
        catalogues: Harvest files merged into the catalogue (see :class:`Options`).
        done: Paths to leave out, as written in an earlier run's findings table
            (:attr:`~govbudget.bulk.FindingsTable.done`).
        task: What is done with each file (default :func:`check_file`): a function the
            worker processes can import, taking the path and the :class:`Options`.
        engine: What reads PDF pages (``"pdfium"`` or ``"pdfplumber"``).

    A file that cannot be read or checked is a result with its error; a worker process
    that dies (out of memory, a crash in a PDF library) is replaced and each file it held
    is tried again alone, so that only the file that kills a worker is recorded as failed.
    Stopping the iteration early cancels the files not started.

    Raises:
        ValueError: When *jobs* is below 1.

    .. versionadded:: 0.2
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    options = Options(
        rules=rules,
        skip=skip,
        year=year,
        region=region,
        catalogues=catalogues,
        engine=engine,
    )
    todo = files_to_check(paths, done)
    work = check_file if task is None else task
    if not todo:
        return  # nothing left: no worker is started
    if jobs == 1:
        for name in todo:
            yield work(name, options)
        return
    yield from _pooled(todo, options, jobs or os.cpu_count() or 1, work)


_Task = Callable[[str, Options], FileResult]


def _pooled(todo: list[str], options: Options, jobs: int, task: _Task) -> Iterator[FileResult]:
    """The results of *todo* on a process pool; files of a dead worker retried alone."""
    queue = deque(todo)
    suspects: list[str] = []
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        running: dict[cf.Future[FileResult], str] = {}
        try:
            while queue or running:
                while queue and not suspects and len(running) < jobs * _QUEUED_PER_WORKER:
                    name = queue.popleft()
                    running[pool.submit(task, name, options)] = name
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    name = running.pop(future)
                    try:
                        yield future.result()
                    except cf.process.BrokenProcessPool:
                        suspects.append(name)
                if suspects and not running:
                    break  # the pool is broken: every file still queued goes on below
        finally:
            for future in running:
                future.cancel()
    if suspects:
        for name in suspects:
            yield _alone(name, options, task)
        if queue:
            yield from _pooled(list(queue), options, jobs, task)


def _alone(name: str, options: Options, task: _Task) -> FileResult:
    """*name* checked in a worker of its own: a result, or the error that the worker died."""
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(task, name, options).result()
        except cf.process.BrokenProcessPool:
            return FileResult(
                path=name,
                error=f"{name}: the worker process checking it stopped "
                "(out of memory, or a crash in a library it uses)",
            )
