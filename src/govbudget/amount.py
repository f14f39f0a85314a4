"""Figures as disclosures print them: a ``Decimal`` value, a unit and a printed precision.

This module owns numbers. It refuses ``float`` and ``bool``, converts between units exactly,
and judges sums with interval arithmetic: a figure printed with two decimals stands for any
true value within ±0.005 of it, so ``parent = Σ children`` holds when the intervals overlap.

>>> a = parse_amount("876.17", Unit.WAN)
>>> a.interval
Interval(low=Decimal('876.165'), high=Decimal('876.175'), unit=<Unit.WAN: '万元'>)
>>> str(a.to(Unit.YUAN))
'8761700 元'
>>> children = [parse_amount(t, Unit.WAN) for t in ["657.19", "6.43", "24.2", "92.84", "56.25"]]
>>> places = common_places(children)  # the table prints two decimals; "24.2" is 24.20
>>> verdict = compare(parse_amount("836.91", Unit.WAN),
...                   total(c.with_places(places) for c in children))
>>> verdict.consistent, verdict.difference, verdict.tolerance
(True, Decimal('0.00'), Decimal('0.03'))
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)
from typing import Final

import attrs
from moneyed import Money

from govbudget.errors import AmountError, UnitMismatchError
from govbudget.location import Location

__all__ = [
    "Amount",
    "Comparison",
    "Interval",
    "Unit",
    "common_places",
    "compare",
    "parse_amount",
    "read_plain",
    "tidy",
    "to_decimal",
    "total",
]

#: Arithmetic on figures is exact: any operation that would round raises instead.
EXACT: Final = Context(
    prec=200,
    rounding=ROUND_HALF_UP,
    traps=[Inexact, Rounded, InvalidOperation, Overflow, DivisionByZero],
)

#: The currency of every disclosure.
CURRENCY: Final = "CNY"


class Unit(enum.Enum):
    """A unit of money as disclosures print it; the value is the Chinese label.

    >>> Unit.WAN.factor
    Decimal('10000')
    >>> Unit.parse("单位：万元")
    <Unit.WAN: '万元'>

    .. versionadded:: 0.1
    """

    __hash__ = object.__hash__  # members are singletons: hashed by identity, in C

    YUAN = "元"
    QIAN = "千元"
    WAN = "万元"
    YI = "亿元"

    @property
    def exponent(self) -> int:
        """The power of ten of yuan in one of this unit (元 0, 千元 3, 万元 4, 亿元 8)."""
        return _EXPONENTS[self]

    @property
    def factor(self) -> Decimal:
        """How many yuan one of this unit is, as an exact ``Decimal``."""
        return Decimal(10) ** self.exponent

    @classmethod
    def parse(cls, text: str) -> Unit:
        """Read a unit from a label such as ``万元``, ``单位：万元`` or ``wan``.

        Raises:
            AmountError: When *text* names no unit.
        """
        cleaned = unicodedata.normalize("NFKC", text).strip().lower()
        cleaned = re.sub(r"^(金额)?单位\s*:?\s*", "", cleaned).strip()
        for unit in cls:
            if cleaned in (unit.value, unit.value.removesuffix("元"), unit.name.lower()):
                return unit
        raise AmountError("not a unit of money (元, 千元, 万元 or 亿元)", text=text)


_EXPONENTS: Final = {Unit.YUAN: 0, Unit.QIAN: 3, Unit.WAN: 4, Unit.YI: 8}


def to_decimal(value: Decimal | int) -> Decimal:
    """Return *value* as a finite ``Decimal``; the one door through which numbers enter.

    ``int`` is accepted (it is exact); ``float`` and ``bool`` are refused, because a float
    has already lost the printed figure and a bool is not a figure.

    >>> to_decimal(12)
    Decimal('12')
    >>> to_decimal(0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: amounts must be Decimal or int, not float (0.1); ...

    Raises:
        TypeError: For ``float``, ``bool`` and any other type.
        ValueError: For ``NaN`` and infinities.

    .. versionadded:: 0.1
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(
            f"amounts must be Decimal or int, not {type(value).__name__} ({value!r}); "
            "parse printed text with parse_amount()"
        )
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"amounts must be finite, not {value!r}")
    return result


@functools.lru_cache(maxsize=64)
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@functools.lru_cache(maxsize=64)
def _radius(places: int) -> Decimal:
    """Half a unit in the last printed place: ±0.005 for two decimals, ±50 for -2."""
    return Decimal(5).scaleb(-places - 1)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (``1E+2`` → ``100``).

    >>> tidy(Decimal("0.0300")), tidy(Decimal("1E+2"))
    (Decimal('0.03'), Decimal('100'))

    .. versionadded:: 0.1
    """
    with localcontext(EXACT):
        normal = value.normalize()
        return normal.quantize(Decimal(1)) if _decimals(normal) < 0 else normal


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"amounts must be finite, not {value!r}")
    return -exponent


@attrs.frozen
class Interval:
    """The closed range of true values a printed figure (or a sum of them) stands for.

    Arithmetic is exact and propagates the ranges: the sum of two intervals holds every sum
    of their members. Intervals in different units are never combined silently.

    >>> one = Interval.exact(Decimal("1"), Unit.WAN)
    >>> one + Interval(Decimal("0.995"), Decimal("1.005"), Unit.WAN)
    Interval(low=Decimal('1.995'), high=Decimal('2.005'), unit=<Unit.WAN: '万元'>)

    .. versionadded:: 0.1
    """

    low: Decimal = attrs.field(converter=to_decimal)
    high: Decimal = attrs.field(converter=to_decimal)
    unit: Unit

    @high.validator
    def _check_order(self, _attribute: attrs.Attribute[Decimal], high: Decimal) -> None:
        if high < self.low:
            raise ValueError(f"an interval's high end {high} is below its low end {self.low}")

    @classmethod
    def exact(cls, value: Decimal | int, unit: Unit) -> Interval:
        """The interval holding exactly *value*."""
        if cls is Interval and type(value) is Decimal and value.is_finite():
            return _interval(value, value, unit)  # nothing to convert or check
        return cls(value, value, unit)

    @property
    def midpoint(self) -> Decimal:
        """The centre of the interval (for a printed figure: the figure itself)."""
        with localcontext(EXACT):
            return tidy((self.low + self.high) / 2)

    @property
    def radius(self) -> Decimal:
        """Half the width: how far the true value may lie from the midpoint."""
        with localcontext(EXACT):
            return tidy((self.high - self.low) / 2)

    def contains(self, value: Decimal | int) -> bool:
        """Whether *value* (in this interval's unit) lies in the interval, ends included."""
        number = to_decimal(value)
        return self.low <= number <= self.high

    def overlaps(self, other: Interval) -> bool:
        """Whether some true value lies in both intervals."""
        self._same_unit(other)
        return self.low <= other.high and other.low <= self.high

    def to(self, unit: Unit) -> Interval:
        """The same interval in another unit, converted exactly."""
        if unit is self.unit:
            return self
        shift = self.unit.exponent - unit.exponent
        with localcontext(EXACT):
            return _interval(self.low.scaleb(shift), self.high.scaleb(shift), unit)

    def _same_unit(self, other: Interval) -> None:
        if not isinstance(other, Interval):
            raise TypeError(f"cannot combine an Interval with {type(other).__name__}")
        if other.unit is not self.unit:
            raise UnitMismatchError(
                f"cannot combine {self.unit.value} with {other.unit.value}; "
                "convert one of them first with .to()"
            )

    def __add__(self, other: Interval) -> Interval:
        self._same_unit(other)
        with localcontext(EXACT):
            return _interval(self.low + other.low, self.high + other.high, self.unit)

    def __sub__(self, other: Interval) -> Interval:
        self._same_unit(other)
        with localcontext(EXACT):
            return _interval(self.low - other.high, self.high - other.low, self.unit)

    def __neg__(self) -> Interval:
        return _interval(-self.high, -self.low, self.unit)

    def __str__(self) -> str:
        return f"[{self.low}, {self.high}] {self.unit.value}"


def _interval(low: Decimal, high: Decimal, unit: Unit) -> Interval:
    """An :class:`Interval` from exact arithmetic on valid ones: finite, ordered, checked.

    Sums, differences, negations and unit changes of valid intervals are valid, so their
    fields are not converted and checked again.
    """
    made = object.__new__(Interval)
    _SET_LOW(made, low)
    _SET_HIGH(made, high)
    _SET_INTERVAL_UNIT(made, unit)
    return made


def _default_places(instance: Amount) -> int:
    return max(_decimals(instance.value), 0)


@attrs.frozen
class Amount:
    """A figure as printed: an exact value, its unit and the number of decimals printed.

    ``places`` is the printed precision. It defaults to the number of decimals the
    ``Decimal`` carries (``Decimal("24.20")`` has 2), may be negative after converting to a
    smaller unit (876.17 万元 is 8761700 元 known to the hundred: ``places == -2``), and
    fixes the interval of true values the figure stands for.

    ``blank`` marks a cell printed empty or as a dash: no figure, kept distinct from zero,
    summed as zero.

    >>> Amount(Decimal("24.2"), Unit.WAN).with_places(2).interval
    Interval(low=Decimal('24.195'), high=Decimal('24.205'), unit=<Unit.WAN: '万元'>)
    >>> Amount.empty(Unit.WAN, 2) == Amount(Decimal("0.00"), Unit.WAN)
    False

    Raises:
        TypeError: When *value* is a ``float`` or a ``bool``.
        ValueError: When *value* has more decimals than *places*, or a blank is not zero.

    .. versionadded:: 0.1
    """

    value: Decimal = attrs.field(converter=to_decimal)
    unit: Unit = attrs.field(validator=attrs.validators.instance_of(Unit))
    places: int = attrs.field(
        default=attrs.Factory(_default_places, takes_self=True),
        validator=attrs.validators.instance_of(int),
    )
    blank: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )

    def __attrs_post_init__(self) -> None:
        if isinstance(self.places, bool):
            raise TypeError("places must be an int, not bool")
        if self.blank and self.value != 0:
            raise ValueError(f"a blank amount is zero, not {self.value}")
        with localcontext(EXACT) as ctx:
            ctx.traps[Inexact] = False
            ctx.traps[Rounded] = False
            if self.value.quantize(_quantum(self.places)) != self.value:
                raise ValueError(
                    f"{self.value} has more decimals than its printed precision ({self.places})"
                )

    @classmethod
    def empty(cls, unit: Unit, places: int) -> Amount:
        """A blank cell (empty, ``-``, ``—``) in a table printed at *places* decimals."""
        if cls is Amount and type(unit) is Unit and type(places) is int:
            return _empty(unit, places)  # amounts are immutable: one blank per precision
        return cls(Decimal(0), unit, places, blank=True)

    @property
    def radius(self) -> Decimal:
        """Half a unit in the last printed place: the most rounding can have moved it."""
        return _radius(self.places)

    @property
    def interval(self) -> Interval:
        """The true values this printed figure stands for (ROUND_HALF_UP, ends included)."""
        radius = _radius(self.places)
        with localcontext(EXACT):
            return _interval(self.value - radius, self.value + radius, self.unit)

    def to(self, unit: Unit) -> Amount:
        """The same figure in another unit, exactly; the printed precision moves with it.

        >>> Amount(Decimal("876.17"), Unit.WAN).to(Unit.YUAN)
        Amount(value=Decimal('8761700'), unit=<Unit.YUAN: '元'>, places=-2, blank=False)
        """
        if unit is self.unit:
            return self
        shift = self.unit.exponent - unit.exponent
        with localcontext(EXACT):
            value = self.value.scaleb(shift)
            if _decimals(value) < 0:
                value = value.quantize(Decimal(1))
        return Amount(value, unit, self.places - shift, blank=self.blank)

    def with_places(self, places: int) -> Amount:
        """The same figure declared printed at *places* decimals (never rounds).

        A table printed at two decimals shows ``24.2`` for 24.20: the precision belongs to
        the table, so readers widen each figure to the table's precision with this method.

        Raises:
            ValueError: When the value has more decimals than *places*.
        """
        if type(places) is int and places >= self.places:  # widening keeps every digit
            return _trusted(self.value, self.unit, places, blank=self.blank)
        return Amount(self.value, self.unit, places, blank=self.blank)

    def rounded(self, places: int) -> Amount:
        """Round to *places* decimals, half up (四舍五入), as disclosures do.

        >>> Amount(Decimal("0.125"), Unit.WAN).rounded(2)
        Amount(value=Decimal('0.13'), unit=<Unit.WAN: '万元'>, places=2, blank=False)
        """
        with localcontext(EXACT) as ctx:
            ctx.traps[Inexact] = False
            ctx.traps[Rounded] = False
            if places >= 0:
                value = self.value.quantize(_quantum(places), rounding=ROUND_HALF_UP)
            else:
                value = self.value.scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                value = value.scaleb(-places).quantize(Decimal(1))
        return Amount(value, self.unit, places, blank=self.blank)

    def to_money(self) -> Money:
        """The value as py-moneyed ``Money`` in yuan (CNY), exactly; no rounding.

        >>> Amount(Decimal("876.17"), Unit.WAN).to_money()
        Money('8761700', 'CNY')
        """
        return Money(self.to(Unit.YUAN).value, CURRENCY)

    @classmethod
    def from_money(cls, money: Money, unit: Unit = Unit.YUAN, places: int | None = None) -> Amount:
        """An amount in *unit* from py-moneyed ``Money`` in CNY, exactly.

        *places* defaults to the precision the money's ``Decimal`` carries, moved to *unit*.

        Raises:
            ValueError: When the money is not in CNY.
        """
        if str(money.currency) != CURRENCY:
            raise ValueError(f"disclosures are in CNY, not {money.currency}")
        yuan = Amount(to_decimal(money.amount), Unit.YUAN)
        converted = yuan.to(unit)
        return converted if places is None else converted.with_places(places)

    def printed(self) -> str:
        """The figure as a table prints it: ``"876.17"``; a blank prints as ``""``."""
        if self.blank:
            return ""
        if self.places >= 0:
            return f"{self.value:.{self.places}f}"
        return f"{self.value:f}"

    def __str__(self) -> str:
        return f"{self.printed() or '(blank)'} {self.unit.value}"


# Dashes and marks that mean "no figure" in a cell.
_BLANKS: Final = frozenset({"", "-", "--", "—", "——", "–", "－", "－－", "―", "/", "\\", "…"})
_NUMBER: Final = re.compile(
    r"""
    (?P<sign>[-+])?
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)?
    (?:\.(?P<frac>\d+))?
    """,
    re.VERBOSE,
)
# A figure with nothing to clean: an optional minus, ASCII digits, decimals after a point.
# It reads the same through Decimal() as through the full parse below (never wider).
_PLAIN: Final = re.compile(r"-?[0-9]+(?:\.([0-9]+))?", re.ASCII)
_EDGE_SPACES: Final = " \t\r\n\u00a0\u2009\u202f\u3000"


def parse_amount(text: str, unit: Unit, *, location: Location | None = None) -> Amount:
    """Read a figure as printed in a disclosure cell.

    Understands ``2,940.05``, ``876.17``, ``0``, ``0.00``, ``-12.5``, full-width digits and
    separators (``２，９４０．０５``), the minus signs ``-`` ``－`` ``−``, and empty cells or
    dashes (``-``, ``－``, ``—``) meaning "no figure", which give a blank amount. The
    number of decimals printed becomes the amount's ``places``.

    >>> parse_amount("２，９４０．０５", Unit.WAN)
    Amount(value=Decimal('2940.05'), unit=<Unit.WAN: '万元'>, places=2, blank=False)
    >>> parse_amount("—", Unit.WAN).blank
    True
    >>> parse_amount("12..5", Unit.WAN)
    Traceback (most recent call last):
    ...
    govbudget.errors.AmountError: not a figure: '12..5'

    Raises:
        TypeError: When *text* is not a ``str`` (a ``float`` has already lost the figure).
        AmountError: When *text* is not a figure; the message quotes it.

    .. versionadded:: 0.1
    """
    if type(text) is str and type(unit) is Unit:
        plain = read_plain(text, unit)  # the common case: ASCII digits, nothing around them
        if plain is not None:
            return plain
        if not text:
            return Amount.empty(unit, 0)
    if not isinstance(text, str):
        raise TypeError(f"parse_amount() reads printed text, not {type(text).__name__} ({text!r})")
    if not isinstance(unit, Unit):
        raise TypeError(f"unit must be a Unit, not {type(unit).__name__}")
    cleaned = text.strip(_EDGE_SPACES)
    if cleaned in _BLANKS:
        return Amount.empty(unit, 0)
    if not cleaned.isascii():
        cleaned = unicodedata.normalize("NFKC", cleaned).replace("−", "-").replace("﹣", "-")
        if cleaned in _BLANKS:
            return Amount.empty(unit, 0)
    match = _NUMBER.fullmatch(cleaned)
    if match is None or (match["int"] is None and match["frac"] is None):
        raise AmountError("not a figure", text=text, location=location)
    digits = (match["int"] or "0").replace(",", "")
    frac = match["frac"]
    number = f"{match['sign'] or ''}{digits}" + (f".{frac}" if frac is not None else "")
    return _read(Decimal(number), unit, len(frac) if frac is not None else 0)


def read_plain(text: str, unit: Unit) -> Amount | None:
    """The amount of a figure printed plainly (``"12"``, ``"-0.50"``), else ``None``.

    Plainly means ASCII digits with an optional leading minus and decimals after a
    point, nothing around them; :func:`parse_amount` reads such a figure the same way.
    Anything else (blanks, separators, full-width digits, spaces) gives ``None``, for
    the caller to read with :func:`parse_amount`. The fast path of stored tables.

    >>> read_plain("-0.50", Unit.WAN)
    Amount(value=Decimal('-0.50'), unit=<Unit.WAN: '万元'>, places=2, blank=False)
    >>> read_plain("1,000", Unit.WAN) is None
    True

    .. versionadded:: 0.4
    """
    plain = _PLAIN.fullmatch(text)
    if plain is None:
        return None
    places = plain.end() - plain.start(1) if plain.start(1) >= 0 else 0
    return _trusted(Decimal(text), unit, places, blank=False)


def _read(value: Decimal, unit: Unit, places: int) -> Amount:
    """An amount whose value was just read with exactly *places* decimals.

    The checks :class:`Amount` makes (a finite ``Decimal``, no more decimals than printed,
    an ``int`` precision) hold by construction here, so they are not run again: reading
    is the hot path of every reader.
    """
    return _trusted(value, unit, places, blank=False)


def _trusted(value: Decimal, unit: Unit, places: int, *, blank: bool) -> Amount:
    """An :class:`Amount` from fields already known valid, without checking them again."""
    amount = object.__new__(Amount)
    _SET_VALUE(amount, value)
    _SET_UNIT(amount, unit)
    _SET_PLACES(amount, places)
    _SET_BLANK(amount, blank)
    return amount


# The slots of the two frozen classes, each set through its own descriptor: filling an
# instance from fields already checked this way costs about two thirds of
# object.__setattr__ (figures and their intervals are made by the thousand).
_SET_VALUE, _SET_UNIT, _SET_PLACES, _SET_BLANK = (
    vars(Amount)[name].__set__ for name in ("value", "unit", "places", "blank")
)
_SET_LOW, _SET_HIGH, _SET_INTERVAL_UNIT = (
    vars(Interval)[name].__set__ for name in ("low", "high", "unit")
)


@functools.lru_cache(maxsize=256)
def _empty(unit: Unit, places: int) -> Amount:
    return Amount(Decimal(0), unit, places, blank=True)


def common_places(amounts: Iterable[Amount]) -> int:
    """The printed precision of a table: the most decimals any of its figures shows.

    Exports drop trailing zeros (``24.2`` beside ``657.19``), so a table's precision is
    inferred from all its figures, never from one. Blank cells do not count; a table of
    blanks only has precision 0.

    >>> common_places(parse_amount(t, Unit.WAN) for t in ["24.2", "657.19", "", "9.5"])
    2

    .. versionadded:: 0.1
    """
    return max({a.places for a in amounts if not a.blank}, default=0)


def total(amounts: Iterable[Amount | Interval], unit: Unit | None = None) -> Interval:
    """The interval of true sums of *amounts* (blanks count as zero).

    All terms must share one unit. *unit* names it for a sum that may have no terms.

    Raises:
        UnitMismatchError: When the terms are in different units.
        ValueError: When there are no terms and no *unit*.

    .. versionadded:: 0.1
    """
    result: Interval | None = None if unit is None else Interval.exact(Decimal(0), unit)
    for term in amounts:
        interval = term.interval if isinstance(term, Amount) else term
        result = interval if result is None else result + interval
    if result is None:
        raise ValueError("an empty sum needs a unit: pass unit=")
    return result


@attrs.frozen
class Comparison:
    """The verdict of comparing a printed figure with what it should equal.

    Attributes:
        found: The printed value (the midpoint of its interval).
        expected: The value it should equal (e.g. the sum of the printed children).
        difference: ``found - expected``.
        tolerance: The largest difference rounding can explain: the sum of both radii.
        unit: The unit of all four numbers.

    .. versionadded:: 0.1
    """

    found: Decimal
    expected: Decimal
    difference: Decimal
    tolerance: Decimal
    unit: Unit

    @property
    def consistent(self) -> bool:
        """Whether the two intervals overlap: ``|difference| <= tolerance``."""
        return abs(self.difference) <= self.tolerance


def compare(found: Amount | Interval, expected: Amount | Interval) -> Comparison:
    """Judge whether *found* is consistent, within rounding, with *expected*.

    Both sides are intervals of true values; they are consistent when they overlap, i.e.
    when ``|found - expected| <= radius(found) + radius(expected)``. For a parent printed
    at two decimals against the sum of *n* children so printed, the tolerance is
    ``0.005 × (n + 1)``, as in XBRL Calculations 1.1.

    Raises:
        UnitMismatchError: When the two sides are in different units.

    .. versionadded:: 0.1
    """
    left = found.interval if isinstance(found, Amount) else found
    right = expected.interval if isinstance(expected, Amount) else expected
    left._same_unit(right)
    with localcontext(EXACT):
        found_mid = found.value if isinstance(found, Amount) else left.midpoint
        expected_mid = expected.value if isinstance(expected, Amount) else right.midpoint
        return Comparison(
            found=found_mid,
            expected=expected_mid,
            difference=found_mid - expected_mid,
            tolerance=tidy(left.radius + right.radius),
            unit=left.unit,
        )
