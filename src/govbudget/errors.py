"""The exception family of govbudget.

Every exception the library raises on purpose derives from :class:`GovbudgetError`.
Errors caused by bad input also derive from :class:`ValueError`, so code that already
catches ``ValueError`` keeps working. Each input error carries the offending text and a
:class:`~govbudget.location.Location` naming file, page, table, row and column where known.
"""

from __future__ import annotations

from govbudget.location import Location

__all__ = [
    "AmountError",
    "CodeError",
    "FormatError",
    "GovbudgetError",
    "InputError",
    "RuleError",
    "UnitMismatchError",
    "UnknownCodeError",
]


class GovbudgetError(Exception):
    """Base class of every error raised by govbudget.

    .. versionadded:: 0.1
    """


class InputError(GovbudgetError, ValueError):
    """Input that cannot be understood: a figure, a code, a table, a file.

    Args:
        message: What is wrong, in one sentence.
        text: The offending input, quoted verbatim in the message when given.
        location: Where the input was found.

    >>> err = InputError("not a figure", text="12..5", location=Location(file="a.txt", row="3"))
    >>> str(err)
    "not a figure: '12..5' (a.txt, row 3)"

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        message: str,
        *,
        text: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.message = message
        self.text = text
        self.location = location if location is not None else Location()
        super().__init__(message)

    def __str__(self) -> str:
        out = self.message
        if self.text is not None:
            out += f": {self.text!r}"
        if self.location != Location():
            out += f" ({self.location})"
        return out

    def at(self, location: Location) -> InputError:
        """Return the same error with *location* filled in where this one has gaps.

        Readers use this to add file, table, row and column to an error raised by a
        parser that only saw the cell text.
        """
        merged = location.evolve(
            file=self.location.file,
            page=self.location.page,
            table=self.location.table,
            row=self.location.row,
            column=self.location.column,
        )
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.location = merged
        clone.args = self.args
        return clone


class AmountError(InputError):
    """A figure that cannot be read as an amount (e.g. ``"12..5"`` or ``"1,2,3"``).

    .. versionadded:: 0.1
    """


class CodeError(InputError):
    """Text that is not a valid classification code of the scheme asked for.

    .. versionadded:: 0.1
    """


class UnknownCodeError(CodeError):
    """A code the catalogue does not list for the year asked (or at all).

    The message says which other years list the code and suggests close codes and names.

    Args:
        message: What is wrong, in one sentence, with the suggestions.
        code: The code asked for, as given.
        year: The year asked for, or ``None`` when no year was given.
        years: The years whose catalogue lists the code.
        suggestions: Close codes, each with its name (``"2010101 行政运行"``).

    >>> err = UnknownCodeError("2010103 is not listed", code="2010103", year=2020)
    >>> isinstance(err, ValueError), err.year
    (True, 2020)

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        year: int | None = None,
        years: tuple[int, ...] = (),
        suggestions: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.code = code
        self.year = year
        self.years = years
        self.suggestions = suggestions


class UnitMismatchError(GovbudgetError, TypeError):
    """Amounts or intervals in different units combined without an explicit conversion.

    .. versionadded:: 0.1
    """


class RuleError(GovbudgetError, ValueError):
    """A rule id that names no registered rule, or a rule registered twice.

    .. versionadded:: 0.1
    """


class FormatError(InputError):
    """A file or document that is not a disclosure govbudget can read, or breaks its schema.

    .. versionadded:: 0.1
    """
