"""The same bulk work on a Dask cluster, through a ``distributed.Client``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from govbudget.bulk.run import FileResult, Options, check_file, describe_error, files_to_check

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

__all__ = ["check_files_on", "client_for"]

#: How many files each Dask worker thread has queued at most.
_QUEUED_PER_THREAD: Final = 8


def _distributed() -> Any:
    """The ``distributed`` package, or an error naming the extra to install."""
    try:
        import distributed  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        from govbudget.errors import GovbudgetError  # noqa: PLC0415

        raise GovbudgetError(
            "running on a Dask cluster needs distributed: pip install 'govbudget[dask]'"
        ) from exc
    return distributed


def client_for(address: str) -> Client:
    """A client of the Dask scheduler at *address* (``tcp://host:8786``).

    Raises:
        GovbudgetError: When ``distributed`` is not installed.

    .. versionadded:: 0.2
    """
    client: Client = _distributed().Client(address)
    return client


def check_files_on(
    client: Client,
    paths: Iterable[str | Path],
    *,
    rules: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    year: int | None = None,
    region: str | None = None,
    catalogues: Iterable[str | Path] = (),
    done: Iterable[str] = (),
    engine: str = "pdfium",
) -> Iterator[FileResult]:
    """Check each file on the Dask cluster of *client*; yield the results as files finish.

    The arguments are those of :func:`~govbudget.bulk.check_files`; every worker must
    see the files at the same paths (a shared file system) and have govbudget installed.
    A file whose task fails on the cluster (its worker died more often than the
    scheduler allows) is a result with that error.

    Raises:
        GovbudgetError: When ``distributed`` is not installed.

    .. versionadded:: 0.2
    """
    distributed = _distributed()
    options = Options(
        rules=rules,
        skip=skip,
        year=year,
        region=region,
        catalogues=catalogues,
        engine=engine,
    )
    todo = iter(files_to_check(paths, done))
    threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]
    names: dict[Any, str] = {}

    def submit() -> Any | None:
        name = next(todo, None)
        if name is None:
            return None
        future = client.submit(check_file, name, options, pure=False)
        names[future] = name
        return future

    first = [f for f in (submit() for _ in range(threads * _QUEUED_PER_THREAD)) if f is not None]
    pending = distributed.as_completed(first)
    try:
        for future in pending:
            name = names.pop(future)
            try:
                result: FileResult = future.result()
            except Exception as exc:
                result = FileResult(path=name, error=describe_error(exc, name))
            future.release()
            yield result
            following = submit()
            if following is not None:
                pending.add(following)
    finally:
        for future in names:
            future.cancel()
