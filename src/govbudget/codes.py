"""Classification codes (政府收支分类科目): functional and economic expenditure codes.

A code's parent is its prefix: 2010101 (项) → 20101 (款) → 201 (类). Each scheme is a
class with the same small interface:

- the constructor takes the compact digits and checks them strictly;
- ``parse(text)`` reads the spellings real documents print (``2010101``, ``201 01 01``,
  ``[2010101]行政运行``, ``2010101 行政运行``, full-width digits) and raises
  :class:`~govbudget.errors.CodeError` saying what is wrong;
- ``parse_with_name(text)`` also returns the name printed beside the code;
- ``from_parts(类, 款, 项)`` joins codes printed in separate 类/款/项 cells;
- ``validate(text)`` returns the compact digits or raises; ``is_valid(text)`` never raises.

Names belong to a code in a year and live in the catalogue, keyed by ``(scheme, digits)``.

>>> code = FunctionCode.parse("[２０１０１０１]行政运行")
>>> code, code.level, code.parent
(FunctionCode(digits='2010101'), <Level.ITEM: 7>, FunctionCode(digits='20101'))
>>> [str(c) for c in code.ancestors]
['201', '20101']
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import unicodedata
from typing import Any, ClassVar, Final, Self

import attrs

from govbudget.errors import CodeError
from govbudget.location import Location

__all__ = [
    "Code",
    "DeptEconomicCode",
    "FunctionCode",
    "GovEconomicCode",
    "Level",
    "Scheme",
    "letter_problem",
    "parse_code",
]


class Level(enum.Enum):
    """The level of a code in its hierarchy; the value is the number of digits.

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    CATEGORY = 3
    SECTION = 5
    ITEM = 7

    @property
    def label(self) -> str:
        """The Chinese name of the level: 类, 款 or 项."""
        return {Level.CATEGORY: "类", Level.SECTION: "款", Level.ITEM: "项"}[self]


class Scheme(enum.Enum):
    """A classification published by the Ministry of Finance; the value is its Chinese name.

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    FUNCTIONAL = "支出功能分类"
    DEPT_ECONOMIC = "部门预算支出经济分类"
    GOV_ECONOMIC = "政府预算支出经济分类"


_LEADING: Final = re.compile(r"^[\[【(<「]?\s*(?P<code>\d[\d ]*)(?P<rest>.*)$", re.DOTALL)
_NAME_PUNCT: Final = "[]】)>」 :：-、.·\t"
#: The code-like token a cell starts with: a digit, then letters and digits, and any
#: further space-separated groups that hold a digit (``2O1 O1 01``).
_TOKEN: Final = re.compile(
    r"^[\[【(<「]?\s*(?P<token>\d[0-9A-Za-z]*(?:\s+[0-9A-Za-z]*\d[0-9A-Za-z]*)*)"
)


#: A 类/款/项 cell that mixes digits and letters (``O1``, ``2O1``).
_LETTERED: Final = re.compile(r"(?=[0-9A-Za-z]*\d)[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*")


def _letters_in_code(text: str) -> str | None:
    """The code-like token *text* starts with when it holds a letter, else ``None``.

    A code cell printed ``2O10101`` (the letter O for a zero) or ``20101l1`` (l for 1)
    is not a code: reading the digits before the letter would silently rewrite it.

    >>> _letters_in_code("2O10101 行政运行"), _letters_in_code("2010101 IT运维")
    ('2O10101', None)
    """
    match = _TOKEN.match(_normalise(text)) if isinstance(text, str) else None
    if match is None or not re.search(r"[A-Za-z]", match["token"]):
        return None
    return match["token"]


def letter_problem(text: str) -> str | None:
    """Why *text* is no code because it holds a letter where a digit belongs, or ``None``.

    Covers a whole code cell (``2O10101 行政运行``) and one 类/款/项 cell (``O1``).

    >>> letter_problem("2O10101")
    "the code holds the letter 'O' where a digit belongs (2O10101)"
    >>> letter_problem("O1"), letter_problem("2010101") is None
    ("the code holds the letter 'O' where a digit belongs (O1)", True)

    .. versionadded:: 0.3
    """
    if not isinstance(text, str):
        return None
    token = _letters_in_code(text)
    if token is None and _LETTERED.fullmatch(_normalise(text)):
        token = _normalise(text)
    return _letter_problem(token) if token is not None else None


def _letter_problem(token: str) -> str:
    letters = sorted({c for c in token if c.isascii() and c.isalpha()})
    quoted = ", ".join(f"'{c}'" for c in letters)
    noun = "letter" if len(letters) == 1 else "letters"
    return f"the code holds the {noun} {quoted} where a digit belongs ({token})"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


@attrs.frozen(order=True, cache_hash=True)
class Code:
    """The interface shared by every code scheme; use one of its subclasses.

    Attributes:
        digits: The compact code, e.g. ``"2010101"``.

    Codes of one scheme order like their strings, which puts every parent just before its
    children (201 < 20101 < 2010101 < 2010102 < 20102); codes of different schemes never
    compare equal and cannot be ordered against each other.

    .. versionadded:: 0.1
    """

    scheme: ClassVar[Scheme]
    levels: ClassVar[tuple[Level, ...]]
    leading: ClassVar[str]

    digits: str = attrs.field()

    @digits.validator
    def _check_digits(self, _attribute: attrs.Attribute[str], digits: str) -> None:
        if type(self) is Code:
            raise TypeError("Code is abstract: use FunctionCode, DeptEconomicCode or ...")
        kind: Any = type(self)  # a class: hashable, whatever mypy infers for attrs classes
        problem = _problem(kind, digits) if isinstance(digits, str) else self._problem(digits)
        if problem is not None:
            raise CodeError(problem, text=digits)

    @classmethod
    def _problem(cls, digits: object) -> str | None:
        """Why *digits* is not a compact code of this scheme, or ``None`` if it is."""
        if not isinstance(digits, str) or not digits.isascii() or not digits.isdigit():
            return f"a {cls.scheme.value} code is a string of ASCII digits"
        lengths = {level.value for level in cls.levels}
        if len(digits) not in lengths:
            allowed = ", ".join(f"{level.value} ({level.label})" for level in cls.levels)
            return f"a {cls.scheme.value} code has {allowed} digits, not {len(digits)}"
        if not digits.startswith(cls.leading):
            hint = _scheme_hint(digits)
            return f"a {cls.scheme.value} code starts with {cls.leading}" + (
                f"; this looks like a {hint.value} code" if hint is not None else ""
            )
        for level in cls.levels[1:]:
            if len(digits) >= level.value and digits[level.value - 2 : level.value] == "00":
                return f"its {level.label} part is 00, which no code uses"
        return None

    @property
    def level(self) -> Level:
        """类, 款 or 项, by the number of digits."""
        return Level(len(self.digits))

    @functools.cached_property
    def parent(self) -> Self | None:
        """The code one level up (20101 for 2010101), or ``None`` for a 类."""
        kind: Any = type(self)
        found: Self | None = _parent(kind, self.digits)
        return found

    @property
    def ancestors(self) -> tuple[Self, ...]:
        """Every code above this one, 类 first: (201, 20101) for 2010101."""
        return tuple(
            type(self)(self.digits[: level.value])
            for level in self.levels
            if level.value < len(self.digits)
        )

    @property
    def parts(self) -> tuple[str, ...]:
        """The digits split by level: ``("201", "01", "01")`` for 2010101."""
        cuts = [0, *(level.value for level in self.levels if level.value <= len(self.digits))]
        return tuple(self.digits[a:b] for a, b in itertools.pairwise(cuts))

    def at(self, level: Level) -> Self:
        """This code's ancestor (or itself) at *level*: ``at(Level.CATEGORY)`` gives the 类.

        Raises:
            ValueError: When *level* is below this code's own level.
        """
        if level.value > len(self.digits) or level not in self.levels:
            raise ValueError(f"{self.digits} has no {level.label} above or at it")
        return type(self)(self.digits[: level.value])

    def is_ancestor_of(self, other: Code) -> bool:
        """Whether *other* (same scheme) lies strictly below this code."""
        return (
            type(other) is type(self)
            and len(other.digits) > len(self.digits)
            and other.digits.startswith(self.digits)
        )

    def __str__(self) -> str:
        return self.digits

    @classmethod
    def parse_with_name(cls, text: str, *, location: Location | None = None) -> tuple[Self, str]:
        """Read a code and the name printed after it; the name is ``""`` when absent.

        >>> FunctionCode.parse_with_name("2010101 行政运行")
        (FunctionCode(digits='2010101'), '行政运行')

        Raises:
            CodeError: When *text* does not start with a valid code of this scheme.
        """
        if not isinstance(text, str):
            raise TypeError(f"codes are read from text, not {type(text).__name__}")
        token = _letters_in_code(text)
        if token is not None:
            raise CodeError(_letter_problem(token), text=text, location=location)
        match = _LEADING.match(_normalise(text))
        if match is None:
            raise CodeError(f"holds no {cls.scheme.value} code", text=text, location=location)
        digits = match["code"].replace(" ", "")
        problem = cls._problem(digits)
        if problem is not None:
            raise CodeError(problem, text=text, location=location)
        return cls(digits), match["rest"].strip(_NAME_PUNCT).strip()

    @classmethod
    def parse(cls, text: str, *, location: Location | None = None) -> Self:
        """Read a code from any spelling a document prints; a trailing name is ignored.

        >>> DeptEconomicCode.parse(" ３０２１７ ")
        DeptEconomicCode(digits='30217')

        Raises:
            CodeError: Saying what is wrong with *text*.
        """
        return cls.parse_with_name(text, location=location)[0]

    @classmethod
    def from_parts(cls, *parts: str | None, location: Location | None = None) -> Self:
        """Join a code printed in separate 类/款/项 cells, e.g. ``("201", "01", "01")``.

        Empty trailing cells are ignored (a 类 row leaves 款 and 项 blank). A part may also
        be printed whole (``"20101"`` in the 款 cell).

        >>> FunctionCode.from_parts("201", "01", "")
        FunctionCode(digits='20101')

        Raises:
            CodeError: When a part is missing, malformed or does not extend its parent.
        """
        cleaned = [_normalise(p) if p is not None else "" for p in parts]
        while cleaned and not cleaned[-1]:
            cleaned.pop()
        for part in cleaned:
            if _LETTERED.fullmatch(part):
                raise CodeError(_letter_problem(part), text=" ".join(cleaned), location=location)
        digits = ""
        for level, part in zip(cls.levels, cleaned, strict=False):
            if not part:
                raise CodeError(
                    f"the {level.label} cell is empty but a lower level is given",
                    text=" ".join(cleaned),
                    location=location,
                )
            if len(part) == level.value and part.startswith(digits):
                digits = part
            else:
                digits += part
        if len(cleaned) > len(cls.levels):
            raise CodeError(
                f"a {cls.scheme.value} code has at most {len(cls.levels)} parts",
                text=" ".join(cleaned),
                location=location,
            )
        problem = cls._problem(digits)
        if problem is not None:
            raise CodeError(problem, text=" ".join(cleaned), location=location)
        return cls(digits)

    @classmethod
    def validate(cls, text: str) -> str:
        """Return the compact digits of *text*, or raise :class:`CodeError`.

        >>> FunctionCode.validate("201 01 01")
        '2010101'
        """
        return cls.parse(text).digits

    @classmethod
    def is_valid(cls, text: object) -> bool:
        """Whether *text* is a valid code of this scheme; never raises.

        >>> FunctionCode.is_valid("30101"), DeptEconomicCode.is_valid("30101")
        (False, True)
        """
        if not isinstance(text, str):
            return False
        try:
            cls.parse(text)
        except CodeError:
            return False
        return True


@functools.lru_cache(maxsize=16384)
def _problem(cls: Any, digits: str) -> str | None:
    """:meth:`Code._problem`, remembered: the same codes are read again and again."""
    found: str | None = cls._problem(digits)
    return found


@functools.lru_cache(maxsize=16384)
def _parent(cls: Any, digits: str) -> Any:
    """The code one level above *digits* in *cls*, remembered (codes are immutable)."""
    levels = cls.levels
    index = levels.index(Level(len(digits)))
    if index == 0:
        return None
    return cls(digits[: levels[index - 1].value])


@attrs.frozen(order=True, cache_hash=True)
class FunctionCode(Code):
    """A functional expenditure code (支出功能分类): 类 201, 款 20101, 项 2010101.

    .. versionadded:: 0.1
    """

    scheme: ClassVar[Scheme] = Scheme.FUNCTIONAL
    levels: ClassVar[tuple[Level, ...]] = (Level.CATEGORY, Level.SECTION, Level.ITEM)
    leading: ClassVar[str] = "2"


@attrs.frozen(order=True, cache_hash=True)
class DeptEconomicCode(Code):
    """A departmental economic expenditure code (部门预算支出经济分类): 类 301, 款 30101.

    .. versionadded:: 0.1
    """

    scheme: ClassVar[Scheme] = Scheme.DEPT_ECONOMIC
    levels: ClassVar[tuple[Level, ...]] = (Level.CATEGORY, Level.SECTION)
    leading: ClassVar[str] = "3"


@attrs.frozen(order=True, cache_hash=True)
class GovEconomicCode(Code):
    """A government economic expenditure code (政府预算支出经济分类): 类 501, 款 50101.

    .. versionadded:: 0.1
    """

    scheme: ClassVar[Scheme] = Scheme.GOV_ECONOMIC
    levels: ClassVar[tuple[Level, ...]] = (Level.CATEGORY, Level.SECTION)
    leading: ClassVar[str] = "5"


_BY_LEADING: Final[
    dict[str, type[FunctionCode] | type[DeptEconomicCode] | type[GovEconomicCode]]
] = {cls.leading: cls for cls in (FunctionCode, DeptEconomicCode, GovEconomicCode)}


def _scheme_hint(digits: str) -> Scheme | None:
    cls = _BY_LEADING.get(digits[:1])
    return cls.scheme if cls is not None else None


def parse_code(
    text: str, *, location: Location | None = None
) -> FunctionCode | DeptEconomicCode | GovEconomicCode:
    """Read an expenditure code of whichever scheme its first digit names (2, 3 or 5).

    >>> parse_code("50101"), parse_code("30217 公务接待费")
    (GovEconomicCode(digits='50101'), DeptEconomicCode(digits='30217'))

    Raises:
        CodeError: When *text* holds no code, or one of no known scheme.

    .. versionadded:: 0.1
    """
    if location is None and isinstance(text, str):
        return _parse_code(text)  # codes are immutable: each text is read once
    return _parse_code_at(text, location)


@functools.lru_cache(maxsize=16384)
def _parse_code(text: str) -> FunctionCode | DeptEconomicCode | GovEconomicCode:
    return _parse_code_at(text, None)


def _parse_code_at(
    text: str, location: Location | None
) -> FunctionCode | DeptEconomicCode | GovEconomicCode:
    match = _LEADING.match(_normalise(text)) if isinstance(text, str) else None
    cls = _BY_LEADING.get(match["code"][:1]) if match is not None else None
    if cls is None:
        raise CodeError(
            "holds no expenditure code (functional 2xx, economic 3xx or 5xx)",
            text=str(text),
            location=location,
        )
    return cls.parse(text, location=location)
