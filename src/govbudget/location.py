"""Where a figure, a code or a problem was found: file, page, table, row, column.

Every value read from a document keeps its :class:`Location` from the moment it is read,
so that an error or a finding can point a person back to where it was printed.
"""

from __future__ import annotations

import attrs

__all__ = ["Location"]


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


@attrs.frozen
class Location:
    """A place in a disclosure; every part is optional.

    Attributes:
        file: The path or name of the source file.
        page: The 1-based page number (PDF) or sheet name (Excel), as printed.
        table: The table's kind or title (e.g. ``"公开02表"``).
        row: The row's key: a classification code, a line number or a label.
        column: The column's header text or key.
        section: The section of the document's text (a heading such as
            ``三、部门预算情况说明``), for a finding in the text rather than a table
            (new in 0.2).

    >>> str(Location(file="a.pdf", page="3", table="收入决算表", row="2010101", column="合计"))
    'a.pdf, page 3, table 收入决算表, row 2010101, column 合计'
    >>> str(Location())
    'unknown location'

    .. versionadded:: 0.1
    """

    file: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)
    page: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)
    table: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)
    row: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)
    column: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)
    section: str | None = attrs.field(default=None, converter=_optional_str, kw_only=True)

    def __str__(self) -> str:
        parts = [
            f"{label}{value}"
            for label, value in (
                ("", self.file),
                ("page ", self.page),
                ("section ", self.section),
                ("table ", self.table),
                ("row ", self.row),
                ("column ", self.column),
            )
            if value is not None
        ]
        return ", ".join(parts) if parts else "unknown location"

    def evolve(
        self,
        *,
        file: str | None = None,
        page: str | None = None,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
        section: str | None = None,
    ) -> Location:
        """Return a copy with the given parts filled in (``None`` keeps the current part).

        >>> Location(file="a.txt").evolve(table="公开01表").table
        '公开01表'
        """
        return Location(
            file=file if file is not None else self.file,
            page=page if page is not None else self.page,
            table=table if table is not None else self.table,
            row=row if row is not None else self.row,
            column=column if column is not None else self.column,
            section=section if section is not None else self.section,
        )
