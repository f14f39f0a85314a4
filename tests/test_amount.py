"""Unit tests for amounts: parsing, units, intervals, comparison, money."""

from decimal import Decimal

import pytest
from moneyed import Money

from govbudget import (
    Amount,
    AmountError,
    Interval,
    Location,
    Unit,
    UnitMismatchError,
    common_places,
    compare,
    parse_amount,
    to_decimal,
    total,
)

WAN = Unit.WAN


@pytest.mark.parametrize(
    ("text", "value", "places"),
    [
        ("2,940.05", "2940.05", 2),
        ("876.17", "876.17", 2),
        ("0", "0", 0),
        ("0.00", "0.00", 2),
        ("-12.5", "-12.5", 1),
        ("+3", "3", 0),
        ("２，９４０．０５", "2940.05", 2),
        ("－１２．５", "-12.5", 1),
        ("−7.25", "-7.25", 2),
        ("  24.2\u3000", "24.2", 1),
        (".5", "0.5", 1),
        ("1,234,567.891", "1234567.891", 3),
    ],
)
def test_parse_amount_reads_printed_figures(text: str, value: str, places: int) -> None:
    """Every spelling real disclosures print gives the exact value and its precision."""
    amount = parse_amount(text, WAN)

    assert (amount.value, amount.places, amount.blank) == (Decimal(value), places, False)


@pytest.mark.parametrize("text", ["", "  ", "-", "－", "—", "——", "–", "\u3000", "/"])
def test_parse_amount_blank_cells_are_blank_not_zero(text: str) -> None:
    """Empty cells and dashes mean 'no figure': blank, summed as zero, unequal to 0."""
    amount = parse_amount(text, WAN)

    assert amount.blank
    assert amount.value == 0
    assert amount != parse_amount("0", WAN)


@pytest.mark.parametrize("text", ["12..5", "1,2,3", "abc", "12.5万", "1.2.3", "--5", "1 2", "%"])
def test_parse_amount_rejects_non_figures_quoting_input(text: str) -> None:
    """Text that is not a figure raises AmountError (a ValueError) quoting the input."""
    with pytest.raises(AmountError) as info:
        parse_amount(text, WAN, location=Location(file="f.txt", table="公开02表", row="201"))

    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)
    assert "f.txt" in str(info.value)
    assert "公开02表" in str(info.value)


@pytest.mark.parametrize("bad", [1.5, True, None, b"1"])
def test_parse_amount_refuses_non_text(bad: object) -> None:
    """Only printed text is parsed; a float has already lost the figure."""
    with pytest.raises(TypeError):
        parse_amount(bad, WAN)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.5, True, False, "1.5", None])
def test_amount_refuses_float_bool_and_text(bad: object) -> None:
    """The constructor takes Decimal or int only, with a clear TypeError otherwise."""
    with pytest.raises(TypeError, match="Decimal or int"):
        Amount(bad, WAN)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_amount_refuses_non_finite(bad: Decimal) -> None:
    """NaN and infinities are not figures."""
    with pytest.raises(ValueError, match="finite"):
        Amount(bad, WAN)


def test_amount_refuses_more_decimals_than_places() -> None:
    """A value cannot be more precise than the precision it was printed at."""
    with pytest.raises(ValueError, match="more decimals"):
        Amount(Decimal("1.234"), WAN, 2)


def test_blank_amount_must_be_zero() -> None:
    """A blank cell has no figure; a nonzero blank is a contradiction."""
    with pytest.raises(ValueError, match="blank"):
        Amount(Decimal(1), WAN, 0, blank=True)


def test_places_default_to_decimals_carried() -> None:
    """Decimal('24.20') was printed with two decimals, Decimal('24.2') with one."""
    assert Amount(Decimal("24.20"), WAN).places == 2
    assert Amount(Decimal("24.2"), WAN).places == 1
    assert Amount(7, WAN).places == 0


def test_interval_of_printed_figure() -> None:
    """876.17 万元 at two decimals stands for [876.165, 876.175]."""
    interval = parse_amount("876.17", WAN).interval

    assert (interval.low, interval.high) == (Decimal("876.165"), Decimal("876.175"))


def test_whole_yuan_interval() -> None:
    """Whole-yuan figures have ±0.5 元."""
    interval = parse_amount("8761700", Unit.YUAN).interval

    assert (interval.low, interval.high) == (Decimal("8761699.5"), Decimal("8761700.5"))


def test_unit_conversion_is_exact_and_moves_precision() -> None:
    """876.17 万元 = 8,761,700 元, known to the hundred (places -2), and back."""
    wan = parse_amount("876.17", WAN)
    yuan = wan.to(Unit.YUAN)

    assert (yuan.value, yuan.places) == (Decimal(8761700), -2)
    assert yuan.interval == wan.interval.to(Unit.YUAN)
    assert yuan.to(WAN) == wan
    assert str(yuan) == "8761700 元"


def test_conversion_to_larger_unit() -> None:
    """1234 元 is 0.1234 万元 exactly, printed precision 4 decimals."""
    amount = parse_amount("1234", Unit.YUAN).to(WAN)

    assert (amount.value, amount.places) == (Decimal("0.1234"), 4)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("-0.125", 2, "-0.13"),
        ("2.5", 0, "3"),
        ("1249.6", -2, "1200"),
        ("1250", -2, "1300"),
    ],
)
def test_rounded_is_half_up(value: str, places: int, expected: str) -> None:
    """Rounding is explicit and half up (四舍五入), also to tens and hundreds."""
    rounded = Amount(Decimal(value), Unit.YUAN).rounded(places)

    assert (rounded.value, rounded.places) == (Decimal(expected), places)


def test_with_places_widens_and_refuses_to_round() -> None:
    """with_places declares precision; it never rounds a figure away."""
    assert parse_amount("24.2", WAN).with_places(2).radius == Decimal("0.005")
    with pytest.raises(ValueError, match="more decimals"):
        parse_amount("24.25", WAN).with_places(1)


def test_money_round_trip_is_exact() -> None:
    """Amount → Money (CNY, yuan) → Amount loses nothing."""
    amount = parse_amount("876.17", WAN)
    money = amount.to_money()

    assert money == Money("8761700", "CNY")
    assert Amount.from_money(money, WAN, 2) == amount


def test_from_money_keeps_money_precision() -> None:
    """Money('12.30') in yuan is known to the fen: places 2 in 元, 6 in 万元."""
    assert Amount.from_money(Money(Decimal("12.30"), "CNY")).places == 2
    assert Amount.from_money(Money(Decimal("12.30"), "CNY"), WAN).places == 6


def test_from_money_refuses_other_currency() -> None:
    """Disclosures are in CNY."""
    with pytest.raises(ValueError, match="CNY"):
        Amount.from_money(Money("1", "USD"))


def test_printed() -> None:
    """printed() shows the figure at its printed precision; blanks print empty."""
    assert parse_amount("24.2", WAN).with_places(2).printed() == "24.20"
    assert Amount.empty(WAN, 2).printed() == ""
    assert str(Amount.empty(WAN, 2)) == "(blank) 万元"


def test_seed_section_sum_holds_with_table_precision() -> None:
    """Seed 公开02表: 20101 人大事务 836.91 = Σ its five 项 (24.2 is printed at 2 decimals)."""
    children = [parse_amount(t, WAN) for t in ["657.19", "6.43", "24.2", "92.84", "56.25"]]
    places = common_places(children)

    verdict = compare(parse_amount("836.91", WAN), total(c.with_places(places) for c in children))

    assert places == 2
    assert verdict.consistent
    assert verdict.difference == 0
    assert verdict.tolerance == Decimal("0.03")


def test_seed_personnel_total_with_blanks() -> None:
    """Seed 公开06表: 人员经费合计 600.88 = 301 547.16 + 303 53.72, blanks counted as zero."""
    terms = [parse_amount(t, WAN) for t in ["547.16", "53.72", "", "—"]]

    verdict = compare(parse_amount("600.88", WAN), total(terms, WAN))

    assert verdict.consistent


def test_compare_reports_difference_and_tolerance() -> None:
    """A parent off by 0.05 against two children: caught, with the figures to act on."""
    verdict = compare(
        parse_amount("10.05", WAN), total([parse_amount("5.00", WAN), parse_amount("5.00", WAN)])
    )

    assert not verdict.consistent
    assert (verdict.found, verdict.expected) == (Decimal("10.05"), Decimal("10.00"))
    assert (verdict.difference, verdict.tolerance) == (Decimal("0.05"), Decimal("0.015"))


def test_tolerance_edge_is_inclusive() -> None:
    """|difference| equal to the tolerance is still consistent (closed intervals)."""
    parent = parse_amount("10.02", WAN)
    children = [parse_amount("5.00", WAN), parse_amount("5.00", WAN)]

    assert compare(parse_amount("10.01", WAN), total(children)).consistent
    assert not compare(parent, total(children)).consistent


def test_units_never_mix_silently() -> None:
    """Summing 元 with 万元 without converting raises UnitMismatchError (a TypeError)."""
    with pytest.raises(UnitMismatchError):
        total([parse_amount("1", WAN), parse_amount("1", Unit.YUAN)])
    with pytest.raises(TypeError):
        compare(parse_amount("1", WAN), parse_amount("10000", Unit.YUAN))


def test_empty_total_needs_a_unit() -> None:
    """An empty sum has no unit to speak of unless told."""
    assert total([], WAN) == Interval.exact(0, WAN)
    with pytest.raises(ValueError, match="unit"):
        total([])


def test_interval_arithmetic() -> None:
    """Subtraction widens: [1,2] - [0,1] = [0,2]; negation flips ends."""
    a = Interval(Decimal(1), Decimal(2), WAN)
    b = Interval(Decimal(0), Decimal(1), WAN)

    assert a - b == Interval(Decimal(0), Decimal(2), WAN)
    assert -a == Interval(Decimal(-2), Decimal(-1), WAN)
    assert a.overlaps(b)
    assert a.contains(2)
    assert not a.contains(Decimal("2.001"))
    assert str(a) == "[1, 2] 万元"


def test_interval_refuses_reversed_ends() -> None:
    """Low must not exceed high."""
    with pytest.raises(ValueError, match="below"):
        Interval(Decimal(2), Decimal(1), WAN)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("万元", Unit.WAN),
        ("单位：万元", Unit.WAN),
        ("单位:元", Unit.YUAN),
        ("金额单位：千元", Unit.QIAN),
        ("亿元", Unit.YI),
        ("wan", Unit.WAN),
        ("万", Unit.WAN),
    ],
)
def test_unit_parse(text: str, unit: Unit) -> None:
    """Unit lines as tables print them."""
    assert Unit.parse(text) is unit


def test_unit_parse_rejects_unknown() -> None:
    """A unit line without a unit is an error, not a default."""
    with pytest.raises(AmountError, match="unit"):
        Unit.parse("单位：美元")


def test_to_decimal_accepts_int_not_bool() -> None:
    """Int is exact and accepted; bool is refused even though it is an int."""
    assert to_decimal(3) == Decimal(3)
    with pytest.raises(TypeError, match="bool"):
        to_decimal(True)
