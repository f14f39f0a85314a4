"""The catalogue: shipped names, the tree, search, diff, mapping, user lists, Names."""

import itertools
import re
import runpy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import (
    CodeError,
    DeptEconomicCode,
    Disclosure,
    FormatError,
    FunctionCode,
    Scheme,
    UnknownCodeError,
    check,
)
from govbudget.catalogue import Catalogue, read_user_list

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Catalogue()
SCHEMES = tuple(Scheme)
YEARS = range(2018, 2026)


def test_seed_names_resolve_in_2020(shared: Path) -> None:
    """Every code the 2020 seed prints with a name (公开02-06表) has that name in 2020."""
    text = (shared / "seeds" / "000_424111e6d4059655.txt").read_text(encoding="utf-8")
    printed: set[tuple[str, str]] = set()
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        for code, name in itertools.pairwise(cells):
            if re.fullmatch(r"[23]\d{2}(\d{2}){0,2}", code) and name:
                printed.add((code, name.replace(" ", "")))

    assert len(printed) == 90
    assert {(c, CATALOGUE.lookup(c, 2020).name) for c, _ in printed} == printed


def _pdf_pairs(path: Path) -> set[tuple[str, str]]:
    pdfplumber = pytest.importorskip("pdfplumber")
    pairs: set[tuple[str, str]] = set()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = [(c or "").replace("\n", "").replace(" ", "") for c in row]
                    pairs.update(_row_pairs(cells))
    return pairs


def _row_pairs(cells: list[str]) -> set[tuple[str, str]]:
    """Code and name pairs of one ruled row; 类/款/项 may sit in separate cells."""
    pairs = set()
    i = 0
    while i < len(cells):
        if re.fullmatch(r"[23]\d{2}(\d{2}){0,2}", cells[i]):
            code, j = cells[i], i + 1
            while j < len(cells) and len(code) < 7 and re.fullmatch(r"\d{2}", cells[j]):
                code, j = code + cells[j], j + 1
            while j < len(cells) and not cells[j]:
                j += 1
            if j < len(cells) and not re.fullmatch(r"[\d,.]+", cells[j]):
                pairs.add((code, cells[j]))
            i = j
        i += 1
    return pairs


def test_shanghai_2024_names_resolve(shared: Path) -> None:
    """Every code the 普陀区财政局 2024 final accounts print has that name in 2024."""
    pdf = shared / "corpus" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
    printed = _pdf_pairs(pdf)

    assert len(printed) == 83
    assert {(c, CATALOGUE.lookup(c, 2024).name) for c, _ in printed} == printed


def test_diff_2018_2019_finds_the_known_rename_with_its_source() -> None:
    """210 is renamed 医疗卫生与计划生育支出 → 卫生健康支出, and 224 appears, in 2019."""
    change = CATALOGUE.diff(2018, 2019, Scheme.FUNCTIONAL)

    assert [(r.code.digits, r.old.name, r.new.name) for r in change.renamed] == [
        ("207", "文化体育与传媒支出", "文化旅游体育与传媒支出"),
        ("210", "医疗卫生与计划生育支出", "卫生健康支出"),
    ]
    assert [str(e) for e in change.added] == ["224 灾害防治及应急管理支出"]
    assert "issues 3 and 17" in change.renamed[1].new.source
    assert change.partial


def test_diff_of_a_year_with_itself_is_empty() -> None:
    """Nothing changes between a year and itself."""
    change = CATALOGUE.diff(2020, 2020)

    assert (change.added, change.removed, change.renamed) == ((), (), ())


def test_unknown_code_suggests_and_names_other_years() -> None:
    """A code of 2024 asked for in 2020: the message says 2024 and suggests close codes."""
    with pytest.raises(UnknownCodeError) as info:
        CATALOGUE.lookup("2010601", 2020)

    assert info.value.years == (2024, 2025)
    assert "listed in 2024–2025" in str(info.value)
    assert "did you mean 2010101 行政运行" in str(info.value)
    assert isinstance(info.value, CodeError)


def test_unknown_year_is_an_unknown_code_error() -> None:
    """A year the catalogue has no list for says which years it has."""
    with pytest.raises(UnknownCodeError, match="2017–2026"):
        CATALOGUE.lookup("201", 2030)


def test_lookup_without_year_takes_the_latest() -> None:
    """Without a year, a code is looked up in the latest year that lists it."""
    entry = CATALOGUE.lookup(FunctionCode("2010101"))

    assert (entry.year, entry.name, entry.level.label, entry.parent) == (
        2020,
        "行政运行",
        "项",
        FunctionCode("20101"),
    )


def test_tree_children_descendants_walk() -> None:
    """The 2020 tree under 201 is 20101 and its five 项, in order."""
    children = [str(e.code) for e in CATALOGUE.children("201", 2020)]
    below = [str(e.code) for e in CATALOGUE.descendants("201", 2020)]
    walked = [str(e.code) for e in CATALOGUE.walk(Scheme.FUNCTIONAL, 2020)]

    assert children == ["20101"]
    assert below == ["20101", "2010101", "2010102", "2010104", "2010106", "2010107"]
    assert walked[: len(below) + 1] == ["201", *below]


def test_search_exact_substring_fuzzy_and_code() -> None:
    """Search ranks an exact name first, then substrings, then close names."""
    exact = CATALOGUE.search("住房公积金", year=2020)
    fuzzy = CATALOGUE.search("人大代表履职能力", year=2020, scheme=Scheme.FUNCTIONAL)
    close = CATALOGUE.search("人大监察", year=2020)
    prefix = CATALOGUE.search("30217", year=2020)

    assert [(str(m.entry), m.how) for m in exact][:2] == [
        ("2210201 住房公积金", "exact"),
        ("30113 住房公积金", "exact"),
    ]
    assert fuzzy[0].entry.code.digits == "2010107"
    assert close[0].how == "fuzzy"
    assert close[0].entry.name == "人大监督"
    assert [str(m.entry) for m in prefix] == ["30217 公务接待费"]


def test_search_across_years_groups_years() -> None:
    """Across years a code and name found in several years is one match with its years."""
    (match,) = [m for m in CATALOGUE.search("卫生健康支出") if m.how == "exact"]

    assert match.years == tuple(range(2019, 2026))


def test_economic_mapping_both_ways() -> None:
    """30101 基本工资 corresponds to 50101 工资奖金津补贴, and back."""
    assert [str(e) for e in CATALOGUE.to_gov("30101", 2020)] == ["50101 工资奖金津补贴"]
    assert [str(e) for e in CATALOGUE.to_dept("50101", 2024)] == ["30101 基本工资"]
    assert CATALOGUE.to_gov("30102", 2024) == ()
    with pytest.raises(CodeError):
        CATALOGUE.to_gov("50101", 2020)


# -- entries and correspondences read for issue 3 -----------------------------------------


@pytest.mark.parametrize(
    ("code", "year", "name", "source"),
    [
        ("50102", 2020, "社会保障缴费", "crosswalk-2020"),
        ("50103", 2020, "住房公积金", "crosswalk-2020"),
        ("502", 2020, "机关商品和服务支出", "crosswalk-2020"),
        ("50201", 2020, "办公经费", "crosswalk-2020"),
        ("50204", 2020, "专用材料购置费", "crosswalk-2020"),
        ("30107", 2020, "绩效工资", "hdu-2020"),
        ("30219", 2018, "装备购置费", "wanglu-2018"),
        ("30223", 2018, "军队其他运行维护费", "wanglu-2018"),
        ("30231", 2018, "公务用车运行维护费", "wanglu-2018"),
        ("30108", 2022, "机关事业单位基本养老保险缴费", "1synews-2023"),
        ("30110", 2023, "职工基本医疗保险缴费", "1synews-2023"),
        ("20809", 2023, "退役安置", "xzcs-2023"),
        ("2080905", 2023, "军队转业干部安置", "xzcs-2023"),
    ],
)
def test_issue3_entries_carry_their_source(code: str, year: int, name: str, source: str) -> None:
    """Each entry read for issue 3 has the printed name and cites the source it came from."""
    entry = CATALOGUE.lookup(code, year)

    assert entry.name == name
    assert f"{source}: " in entry.source


@pytest.mark.parametrize(
    ("code", "years"),
    [
        ("30219", (2018,)),
        ("50102", (2020,)),
        ("2080901", (2023,)),
    ],
)
def test_issue3_entries_only_in_the_years_their_source_vouches_for(
    code: str, years: tuple[int, ...]
) -> None:
    """Nothing is extended to other years by analogy."""
    assert tuple(y for y in YEARS if CATALOGUE.get(code, y) is not None) == years


def test_two_sources_agree_on_the_2020_salary_codes() -> None:
    """The 2020 seed, the 对照表 copy and the 2020 list agree on 30101-30112's names."""
    for code in ("30101", "30102", "30103", "30106", "30108", "30112"):
        source = CATALOGUE.lookup(code, 2020).source
        assert "seed-2020 p.公开06表: " in source
        assert "hdu-2020: " in source
        assert "crosswalk-2020: " in source


@pytest.mark.parametrize(
    ("dept", "gov"),
    [
        ("30101", "50101"),
        ("30103", "50101"),
        ("30109", "50102"),
        ("30113", "50103"),
        ("30114", "50199"),
        ("30211", "50201"),
        ("30240", "50201"),
        ("30215", "50202"),
        ("30216", "50203"),
        ("30224", "50204"),
    ],
)
def test_crosswalk_2020_maps_dept_to_gov(dept: str, gov: str) -> None:
    """The 2020 对照表: each departmental 款 maps to the government 款 it is grouped under."""
    assert [e.code.digits for e in CATALOGUE.to_gov(dept, 2020)] == [gov]


def test_crosswalk_2020_many_dept_codes_share_one_gov_code() -> None:
    """50101 gathers 30101-30103; 50201 gathers fourteen 302 款 (办公经费)."""
    salaries = [str(e) for e in CATALOGUE.to_dept("50101", 2020)]
    office = [e.code.digits for e in CATALOGUE.to_dept("50201", 2020)]

    assert salaries == ["30101 基本工资", "30102 津贴补贴", "30103 奖金"]
    assert office == [
        "30201", "30202", "30204", "30205", "30206", "30207", "30208",
        "30209", "30211", "30214", "30228", "30229", "30239", "30240",
    ]  # fmt: skip
    assert CATALOGUE.to_gov("30107", 2020) == ()  # 绩效工资: not in the part of the table read


@given(st.sampled_from(SCHEMES), st.sampled_from(list(YEARS)))
def test_every_code_has_its_parents(scheme: Scheme, year: int) -> None:
    """In every shipped year, each 项's 款 and 类 (each 款's 类) are listed too."""
    entries = CATALOGUE.entries(scheme, year)
    listed = {e.code.digits for e in entries}

    for entry in entries:
        assert {a.digits for a in entry.code.ancestors} <= listed
        assert entry.name.strip() == entry.name != ""
        assert entry.source
        assert year in entry.years + entry.inferred_years
        assert entry.verified == (year in entry.years)


@given(st.sampled_from(SCHEMES), st.sampled_from(list(YEARS)))
def test_no_duplicate_codes_and_tree_order(scheme: Scheme, year: int) -> None:
    """Each code appears once a year and entries come in tree order."""
    codes = [e.code.digits for e in CATALOGUE.entries(scheme, year)]

    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


@given(st.sampled_from(list(YEARS)))
def test_mapping_targets_exist(year: int) -> None:
    """Every correspondence points at a government code listed that year."""
    for entry in CATALOGUE.entries(Scheme.DEPT_ECONOMIC, year):
        for target in CATALOGUE.to_gov(entry.code, year):
            assert CATALOGUE.official_name(target.code, year) == target.name


def test_every_scheme_and_year_is_shipped() -> None:
    """One list per scheme and year 2017-2026 (government economic from 2018), read lazily."""
    for scheme in SCHEMES:
        first = 2018 if scheme is Scheme.GOV_ECONOMIC else 2017
        assert CATALOGUE.years(scheme) == tuple(range(first, 2027))
        assert all(CATALOGUE.is_partial(scheme, y) for y in YEARS)


def test_shipped_files_are_what_the_build_script_writes() -> None:
    """The shipped files are reproducible from scripts/catalogue/ (no ../shared needed)."""
    script = runpy.run_path(str(ROOT / "scripts" / "build_catalogue.py"))
    target = ROOT / "src" / "govbudget" / "data" / "catalogue"

    for path, text in script["build"]().files.items():
        assert (target / path).read_text(encoding="utf-8") == text, path


def test_check_runs_catalogue_rule_on_the_seed(seed: Disclosure) -> None:
    """check(seed, names=Catalogue()) runs catalogue.code and finds every name right."""
    report = check(seed, rules=["catalogue.code"], names=CATALOGUE)

    assert report.checked >= 0
    assert [f for f in report.findings if f.rule == "catalogue.code"] == []


def test_names_protocol_flags_a_wrong_name(seed: Disclosure) -> None:
    """Names returns None for an unknown code and the official name otherwise."""
    assert CATALOGUE.official_name(FunctionCode("2010107"), 2020) == "人大代表履职能力提升"
    assert CATALOGUE.official_name(FunctionCode("2010199"), 2020) is None
    assert CATALOGUE.official_name(DeptEconomicCode("30217"), 2018) == "公务接待费"


# -- user lists -------------------------------------------------------------------------


def test_user_csv_merges_over_shipped(tmp_path: Path) -> None:
    """A user's CSV adds codes and wins on names; shipped codes it omits stay."""
    path = tmp_path / "2021.csv"
    path.write_text(
        "说明\n科目编码,科目名称\n101,税收收入\n,一、一般公共服务\n"
        "201,一般公共服务支出\n20101,人大事务\n2010101,行政运行\n210,卫生健康\n",
        encoding="utf-8",
    )
    user = read_user_list(path, 2021)
    merged = CATALOGUE.with_user_list(user)

    assert user.skipped == 2
    assert merged.lookup("2010101", 2021).source == f"user file {path}"
    assert merged.lookup("210", 2021).name == "卫生健康"
    assert merged.lookup("50101", 2021).name == "工资奖金津补贴"
    assert merged.years(Scheme.FUNCTIONAL) == CATALOGUE.years(Scheme.FUNCTIONAL)
    assert not merged.is_partial(Scheme.FUNCTIONAL, 2021)
    assert CATALOGUE.get("2010101", 2021) is None


def test_user_csv_in_gb18030_without_header(tmp_path: Path) -> None:
    """A GBK-encoded list without a header row is read from its first two columns."""
    path = tmp_path / "list.csv"
    path.write_bytes("229,其他支出\n22999,其他支出\n".encode("gb18030"))

    user = read_user_list(path, 2025)

    assert user.names == (("229", "其他支出"), ("22999", "其他支出"))
    assert Catalogue([user]).lookup("22999", 2025).parent == FunctionCode("229")


def test_user_xlsx(tmp_path: Path) -> None:
    """An .xlsx list with numeric code cells is read like a CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "说明"])
    sheet.append([301, "工资福利支出", ""])
    sheet.append([30101.0, "基本工资", ""])
    path = tmp_path / "2023.xlsx"
    workbook.save(path)

    user = read_user_list(path, 2023)

    assert user.names == (("301", "工资福利支出"), ("30101", "基本工资"))
    assert [str(c) for c in user.codes] == ["301", "30101"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n2010100,行政运行\n", "项 part is 00"),
        ("code,name\n201,\n", "has no name"),
        ("code,name\n201,甲\n201,乙\n", "named both"),
    ],
)
def test_user_list_errors(tmp_path: Path, content: str, message: str) -> None:
    """Malformed codes, missing names and conflicting names are FormatErrors."""
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(FormatError, match=message):
        read_user_list(path, 2020)


def test_user_list_refuses_other_formats(tmp_path: Path) -> None:
    """Only CSV, TSV and xlsx are read."""
    with pytest.raises(FormatError, match="xlsx"):
        read_user_list(tmp_path / "list.pdf", 2020)
