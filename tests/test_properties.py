"""Property-based tests: the invariants of amounts, intervals and codes."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from govbudget import Amount, FunctionCode, Unit, compare, parse_amount, total
from govbudget.strategies import (
    amounts,
    dept_economic_codes,
    function_codes,
    gov_economic_codes,
    units,
)

FEN = Decimal("0.000001")  # one fen (0.01 元) in 万元


@given(amounts(unit=None, places=None), units())
def test_unit_conversion_round_trips_exactly(amount: Amount, unit: Unit) -> None:
    """Converting to any unit and back gives the identical amount; the interval follows."""
    converted = amount.to(unit)

    assert converted.to(amount.unit) == amount
    assert converted.interval == amount.interval.to(unit)


@given(amounts(unit=None, places=None, allow_blank=True))
def test_money_round_trips_exactly(amount: Amount) -> None:
    """Amount → Money → Amount is exact (blank becomes zero: Money has no blank)."""
    back = Amount.from_money(amount.to_money(), amount.unit, amount.places)

    assert back.value == amount.value
    assert back.places == amount.places


@given(amounts(places=None))
def test_printed_text_parses_back(amount: Amount) -> None:
    """parse_amount(printed()) gives the same amount, with thousands separators too."""
    printed = amount.printed()

    assert parse_amount(printed, amount.unit) == amount
    assert parse_amount(f"{amount.value:,}", amount.unit) == amount


true_fen = st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: n * FEN)


@given(st.lists(true_fen, min_size=1, max_size=40), st.sampled_from([0, 1, 2, 3]))
def test_rounded_sums_never_flag_honest_rounding(values: list[Decimal], places: int) -> None:
    """For any true values, printing each and the true total rounded is judged consistent."""
    printed = [Amount(v, Unit.WAN).rounded(places) for v in values]
    parent = Amount(sum(values, Decimal(0)), Unit.WAN).rounded(places)

    verdict = compare(parent, total(printed))

    assert verdict.consistent, verdict


@given(
    st.lists(true_fen, min_size=1, max_size=40),
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from([1, -1]),
)
def test_errors_beyond_twice_tolerance_are_always_caught(
    values: list[Decimal], units_off: int, sign: int
) -> None:
    """A parent whose true value misses the true sum by more than 2×tolerance is caught."""
    places = 2
    n = len(values)
    tolerance = Decimal("0.005") * (n + 1)
    error = sign * (2 * tolerance + units_off * Decimal("0.01"))
    printed = [Amount(v, Unit.WAN).rounded(places) for v in values]
    parent = Amount(sum(values, Decimal(0)) + error, Unit.WAN).rounded(places)

    verdict = compare(parent, total(printed))

    assert not verdict.consistent
    assert verdict.tolerance == tolerance


@given(st.lists(amounts(min_value=-(10**6), max_value=10**6), min_size=1, max_size=30))
def test_one_digit_beyond_tolerance_is_caught(children: list[Amount]) -> None:
    """Moving the printed parent just past the tolerance (in last-digit steps) is caught."""
    exact = total(children)
    tolerance = Decimal("0.005") * (len(children) + 1)
    steps = int(tolerance / Decimal("0.01")) + 1
    for sign in (1, -1):
        wrong = Amount(exact.midpoint + sign * steps * Decimal("0.01"), Unit.WAN, 2)

        assert not compare(wrong, exact).consistent
    right = Amount(exact.midpoint + (steps - 1) * Decimal("0.01"), Unit.WAN, 2)
    assert compare(right, exact).consistent


@given(st.one_of(function_codes(), dept_economic_codes(), gov_economic_codes()))
def test_code_text_round_trips(code: FunctionCode) -> None:
    """Str → parse, spaced parts → parse, parts → from_parts, full-width, labelled."""
    cls = type(code)
    full_width = str(code).translate(str.maketrans("0123456789", "０１２３４５６７８９"))

    assert cls.parse(str(code)) == code
    assert cls.parse(" ".join(code.parts)) == code
    assert cls.from_parts(*code.parts) == code
    assert cls.parse(full_width) == code
    assert cls.parse_with_name(f"[{code}]名称") == (code, "名称")
    assert cls.is_valid(str(code))


@given(st.one_of(function_codes(), dept_economic_codes(), gov_economic_codes()))
def test_parent_and_ancestor_laws(code: FunctionCode) -> None:
    """Parents are prefixes one level up; ancestors are the chain of parents, 类 first."""
    chain = []
    node = code.parent
    while node is not None:
        chain.append(node)
        node = node.parent

    assert tuple(reversed(chain)) == code.ancestors
    for ancestor in code.ancestors:
        assert ancestor.is_ancestor_of(code)
        assert not code.is_ancestor_of(ancestor)
        assert ancestor < code
        assert code.digits.startswith(ancestor.digits)
    if code.parent is not None:
        assert code.parent.level.value < code.level.value
