"""Check many files at once: on a process pool or a Dask cluster, results as files finish.

:func:`check_files` reads and checks each file in a pool of worker processes and yields a
:class:`FileResult` for each as soon as it is done; :func:`check_files_on` does the same
work on a Dask cluster through a ``distributed.Client``. A file that cannot be read is a
result with its error: it never stops the run. :class:`FindingsTable` writes every finding
of every file, one row each, with the document's department, year, family and path, as
CSV (and Parquet, with the ``parquet`` extra); opened with ``resume=True`` it knows the
files already done, which the next run skips.

>>> from govbudget.bulk import FINDING_COLUMNS
>>> FINDING_COLUMNS[:5]
('path', 'department', 'year', 'family', 'error')

.. versionadded:: 0.2
"""

from govbudget.bulk.cluster import check_files_on, client_for
from govbudget.bulk.files import DISCLOSURE_SUFFIXES, files_in
from govbudget.bulk.progress import FilesProgress
from govbudget.bulk.run import FileResult, Options, check_file, check_files, describe_error
from govbudget.bulk.session import BulkRun
from govbudget.bulk.table import FINDING_COLUMNS, FindingsTable, finding_rows

__all__ = [
    "DISCLOSURE_SUFFIXES",
    "FINDING_COLUMNS",
    "BulkRun",
    "FileResult",
    "FilesProgress",
    "FindingsTable",
    "Options",
    "check_file",
    "check_files",
    "check_files_on",
    "client_for",
    "describe_error",
    "files_in",
    "finding_rows",
]
