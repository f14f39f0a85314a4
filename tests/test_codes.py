"""Unit tests for classification codes: parsing the printed spellings, levels, hierarchy."""

import pytest

from govbudget import (
    Code,
    CodeError,
    DeptEconomicCode,
    FunctionCode,
    GovEconomicCode,
    Level,
    Location,
    Scheme,
    parse_code,
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2010101", ""),
        ("201 01 01", ""),
        ("[2010101]行政运行", "行政运行"),
        ("【2010101】行政运行", "行政运行"),
        ("2010101 行政运行", "行政运行"),
        ("2010101行政运行", "行政运行"),
        ("２０１０１０１", ""),
        ("  2010101\u3000", ""),
        ("［２０１０１０１］行政运行", "行政运行"),
        ("2010101：行政运行", "行政运行"),
    ],
)
def test_parse_spellings(text: str, name: str) -> None:
    """Every spelling real documents print gives the same code, and the printed name."""
    assert FunctionCode.parse_with_name(text) == (FunctionCode("2010101"), name)


def test_from_parts_split_cells() -> None:
    """Codes printed in separate 类/款/项 cells join into one code."""
    assert FunctionCode.from_parts("201", "01", "01") == FunctionCode("2010101")
    assert FunctionCode.from_parts("201", "01") == FunctionCode("20101")
    assert FunctionCode.from_parts("201", "", "") == FunctionCode("201")
    assert FunctionCode.from_parts("２０１", "０１", None) == FunctionCode("20101")
    assert FunctionCode.from_parts("201", "20101", "2010101") == FunctionCode("2010101")
    assert DeptEconomicCode.from_parts("302", "17") == DeptEconomicCode("30217")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("201", "", "01"), "款 cell is empty"),
        (("201", "1"), "not 4"),
        (("201", "01", "01", "01"), "at most 3 parts"),
        (("", "01"), "类 cell is empty"),
        (("301", "01"), "starts with 2"),
    ],
)
def test_from_parts_errors(parts: tuple[str, ...], message: str) -> None:
    """Broken split cells say what is wrong."""
    with pytest.raises(CodeError, match=message):
        FunctionCode.from_parts(*parts)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20101011", "not 8"),
        ("2010", "not 4"),
        ("30101", "looks like a 部门预算支出经济分类 code"),
        ("abc", "holds no"),
        ("", "holds no"),
        ("2010001", "款 part is 00"),
        ("2010100", "项 part is 00"),
        ("201010１1", "not 8"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, message: str) -> None:
    """Invalid codes raise CodeError (a ValueError) with a precise reason and the input."""
    with pytest.raises(CodeError, match=message) as info:
        FunctionCode.parse(text, location=Location(table="公开05表", row="3"))

    assert isinstance(info.value, ValueError)
    assert "公开05表" in str(info.value)


def test_constructor_is_strict() -> None:
    """The constructor takes compact ASCII digits only; parse() is the lenient door."""
    with pytest.raises(CodeError):
        FunctionCode("201 01")
    with pytest.raises(CodeError):
        FunctionCode("２０１")
    with pytest.raises(CodeError):
        FunctionCode(201)  # type: ignore[arg-type]


def test_validate_and_is_valid() -> None:
    """validate() returns compact digits or raises; is_valid() never raises."""
    assert FunctionCode.validate(" 201 01 ") == "20101"
    assert FunctionCode.is_valid("2010101")
    assert not FunctionCode.is_valid("30101")
    assert not FunctionCode.is_valid(None)
    assert not FunctionCode.is_valid(2010101)
    assert GovEconomicCode.is_valid("50101")
    assert not GovEconomicCode.is_valid("5010101")


def test_levels_and_hierarchy() -> None:
    """Levels by digit count; parent is the prefix; ancestors are listed 类 first."""
    item = FunctionCode("2010101")

    assert [item.level, item.parent.level if item.parent else None] == [
        Level.ITEM,
        Level.SECTION,
    ]
    assert item.ancestors == (FunctionCode("201"), FunctionCode("20101"))
    assert FunctionCode("201").parent is None
    assert FunctionCode("201").ancestors == ()
    assert item.parts == ("201", "01", "01")
    assert item.at(Level.CATEGORY) == FunctionCode("201")
    assert Level.SECTION.label == "款"


def test_at_below_own_level_raises() -> None:
    """A 款 has no 项 above it."""
    with pytest.raises(ValueError, match="项"):
        FunctionCode("20101").at(Level.ITEM)
    with pytest.raises(ValueError, match="项"):
        DeptEconomicCode("30101").at(Level.ITEM)


def test_is_ancestor_of() -> None:
    """Strict ancestry within one scheme only."""
    assert FunctionCode("201").is_ancestor_of(FunctionCode("2010101"))
    assert not FunctionCode("201").is_ancestor_of(FunctionCode("201"))
    assert not FunctionCode("201").is_ancestor_of(FunctionCode("2020101"))
    assert not DeptEconomicCode("301").is_ancestor_of(GovEconomicCode("50101"))


def test_ordering_is_tree_preorder() -> None:
    """Sorting puts each parent just before its children."""
    codes = [FunctionCode(d) for d in ["20102", "2010101", "221", "201", "20101", "2010102"]]

    assert [str(c) for c in sorted(codes)] == [
        "201",
        "20101",
        "2010101",
        "2010102",
        "20102",
        "221",
    ]


def test_schemes_do_not_mix() -> None:
    """Codes of different schemes are never equal and cannot be ordered together."""
    assert DeptEconomicCode("30101") != GovEconomicCode("50101")  # type: ignore[comparison-overlap]  # the point of the test
    with pytest.raises(TypeError):
        _ = DeptEconomicCode("30101") < GovEconomicCode("50101")  # type: ignore[operator]
    assert {FunctionCode("201"), FunctionCode("201")} == {FunctionCode("201")}


def test_schemes_and_names() -> None:
    """Each class names its scheme; str() is the compact code."""
    assert FunctionCode.scheme is Scheme.FUNCTIONAL
    assert DeptEconomicCode.scheme is Scheme.DEPT_ECONOMIC
    assert GovEconomicCode.scheme is Scheme.GOV_ECONOMIC
    assert str(DeptEconomicCode("30217")) == "30217"


def test_economic_codes_have_two_levels() -> None:
    """Economic codes have 类 and 款 only."""
    with pytest.raises(CodeError, match="not 7"):
        DeptEconomicCode.parse("3010101")
    assert DeptEconomicCode("30101").parent == DeptEconomicCode("301")


def test_parse_code_dispatches_by_first_digit() -> None:
    """parse_code reads whichever expenditure scheme the first digit names."""
    assert parse_code("2010101 行政运行") == FunctionCode("2010101")
    assert parse_code("30217") == DeptEconomicCode("30217")
    assert parse_code("[50101]") == GovEconomicCode("50101")
    with pytest.raises(CodeError, match="no expenditure code"):
        parse_code("10101")
    with pytest.raises(CodeError, match="no expenditure code"):
        parse_code("合计")


def test_base_code_is_abstract() -> None:
    """Code itself is only the interface."""
    with pytest.raises(TypeError, match="abstract"):
        Code("201")
