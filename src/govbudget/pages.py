"""The printed pages of a document: each page's number and its text outside the tables.

The document review (:mod:`govbudget.review`) reads a disclosure page by page: a blank
page, a table page that prints no table, characters that do not display, a sentence and
the page it is on. Readers of paged formats (PDF, extracted text with form feeds) keep a
:class:`Page` for each page they read.
"""

from __future__ import annotations

import attrs

__all__ = ["Page"]


def _non_negative(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value}")


@attrs.frozen
class Page:
    """One printed page: its number and its text outside the tables.

    Attributes:
        number: The 1-based page number in the file (not the folio printed on it).
        text: The text outside the tables, in reading order, one paragraph a line
            (wrapped lines joined); the folio is left out. Empty for a blank page.
        tables: How many ruled tables the page prints (a table continued from the
            previous page counts).
        file: The file the page is in, when the disclosure was read from several.
        figures: How many images and drawn curves (a chart, a stamp, a scan) it holds.

    >>> Page(3, "一、部门主要职能", tables=0).number
    3

    .. versionadded:: 0.2
    """

    number: int = attrs.field(validator=[attrs.validators.instance_of(int), _non_negative])
    text: str = ""
    tables: int = attrs.field(default=0, validator=_non_negative)
    file: str | None = None
    figures: int = attrs.field(default=0, validator=_non_negative)

    @property
    def blank(self) -> bool:
        """Whether nothing is printed on the page (no text, no table, no figure)."""
        return not self.text.strip() and self.tables == 0 and self.figures == 0
