"""Which files a folder holds that govbudget reads."""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["DISCLOSURE_SUFFIXES", "files_in"]

#: The file suffixes read when a folder is given.
DISCLOSURE_SUFFIXES: Final = (".json", ".txt", ".pdf", ".xlsx", ".xls")


def files_in(folder: str | Path) -> list[Path]:
    """Every disclosure file in *folder* and its subfolders, in name order.

    Files and folders whose names start with a dot are left out, and so are files
    whose suffix is not one of :data:`DISCLOSURE_SUFFIXES`.

    .. versionadded:: 0.2
    """
    root = Path(folder)
    return sorted(
        f
        for f in root.rglob("*")
        if f.suffix.lower() in DISCLOSURE_SUFFIXES
        and not any(part.startswith(".") for part in f.relative_to(root).parts)
        and f.is_file()
    )
