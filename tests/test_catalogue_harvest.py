"""Harvests, inferred years, known renames, and the catalogue built from ../shared."""

import runpy
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import FunctionCode, Scheme, check
from govbudget.catalogue import (
    Catalogue,
    ConflictKind,
    Harvest,
    Sighting,
    conflicts,
    read_harvest,
    read_user_list,
)
from govbudget.catalogue._files import read_year
from govbudget.catalogue.entry import Change
from govbudget.catalogue.inference import infer
from govbudget.catalogue.sighting import name_key, parse_harvest
from govbudget.cli import main
from govbudget.errors import FormatError
from govbudget.harvest import harvest
from govbudget.readers import read

ROOT = Path(__file__).resolve().parent.parent
SEED_JSON = ROOT / "examples" / "seed_2020.json"
SCRIPTS = ROOT / "scripts" / "catalogue"
CATALOGUE = Catalogue()
F = Scheme.FUNCTIONAL
D = Scheme.DEPT_ECONOMIC


# -- the shared corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Harvest:
    """A fresh harvest of every document in ../shared/ (skips when it is absent)."""
    shared = ROOT.parent / "shared"
    if not shared.is_dir():
        pytest.skip("../shared/ (real documents) is not present")
    return harvest([shared / "seeds", shared / "corpus"], relative_to=shared)


def _rejected() -> set[tuple[str, str, str, int, str, str]]:
    keys = {}
    for line in (SCRIPTS / "documents.tsv").read_text(encoding="utf-8").splitlines()[4:]:
        key, document, _ = line.split("\t")
        keys[key] = document
    out = set()
    for line in (SCRIPTS / "rejected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "document\t")) or not line:
            continue
        key, page, scheme, year, code, name, _ = line.split("\t")
        out.add((keys[key], page, scheme, int(year), code, name_key(name)))
    return out


def test_every_printed_code_resolves_in_its_year_to_its_printed_name(corpus: Harvest) -> None:
    """Each code printed in ../shared/ has, in its year, the name printed beside it.

    The exceptions are the sightings listed in scripts/catalogue/rejected.tsv (an old
    name, a unit's own numbering): there the catalogue has another name, so that
    `govbudget check` reports them.
    """
    rejected = _rejected()
    scheme_keys = {F: "functional", D: "dept_economic", Scheme.GOV_ECONOMIC: "gov_economic"}
    wrong, flagged = [], []
    for s in corpus.sightings:
        official = CATALOGUE.get(s.code, s.year)
        mark = (s.document, s.page, scheme_keys[s.scheme], s.year, s.code, name_key(s.name))
        name = official.name if official is not None else None
        if mark in rejected:
            flagged.append(mark)
            assert name is None or name_key(name) != name_key(s.name)
        elif name is None or name_key(name) != name_key(s.name):
            wrong.append((s, name))

    assert len(corpus.sightings) > 1200
    assert wrong == []
    assert len(flagged) == len(rejected)


def test_the_committed_harvest_is_current(corpus: Harvest) -> None:
    """scripts/catalogue/corpus-harvest.tsv is what harvesting ../shared/ gives today."""
    committed = read_harvest(SCRIPTS / "corpus-harvest.tsv")

    assert committed.sightings == corpus.sightings
    assert corpus.unreadable == ()


def test_corpus_conflicts_are_the_welfare_home_ones(corpus: Harvest) -> None:
    """The corpus disagrees with itself only in the 2024 welfare-home unit budget."""
    found = corpus.conflicts

    assert found
    for conflict in found:
        assert conflict.year == 2024
        assert any("welfare-home" in s.document for s in conflict.sightings)


# -- inferred years ---------------------------------------------------------------------


def test_a_category_verified_in_two_years_is_inferred_between() -> None:
    """212 城乡社区支出 is printed in 2018 and 2024: 2019-2023 answer, marked inferred."""
    verified = CATALOGUE.lookup("212", 2024)
    between = CATALOGUE.lookup("212", 2021)

    assert (verified.name, verified.status, verified.verified) == ("城乡社区支出", "verified", True)
    assert (between.name, between.status, between.inferred_from) == (
        "城乡社区支出",
        "inferred",
        (2018, 2024),
    )
    assert between.inferred_years == (2019, 2020, 2021, 2022, 2023)
    assert any(line.startswith("2018: js-npc-2018 p.8") for line in between.evidence)
    assert any(line.startswith("2024: putuo-fb-2024 p.6") for line in between.evidence)
    assert CATALOGUE.get("212", 2025) is None  # never beyond the last sighting


def test_nothing_is_inferred_across_a_rename() -> None:
    """215 and 220 change names between 2018 and 2024: no year between answers for them."""
    for code in ("215", "220", "20805"):
        assert [y for y in range(2019, 2024) if CATALOGUE.get(code, y) is not None] == []
    # 2080505 keeps its name, but its 款 20805 was renamed between: not inferred either
    assert CATALOGUE.lookup("2080505", 2018).name == CATALOGUE.lookup("2080505", 2024).name
    assert [y for y in range(2019, 2024) if CATALOGUE.get("2080505", y) is not None] == []


def test_nothing_is_inferred_across_the_2018_reform() -> None:
    """30202 印刷费 is printed in 2017 and 2020; the 2018 reform lies between."""
    assert CATALOGUE.lookup("30202", 2017).name == CATALOGUE.lookup("30202", 2020).name
    assert CATALOGUE.get("30202", 2018) is None
    assert CATALOGUE.get("30202", 2019) is None


def test_infer_stops_at_a_rename_even_when_the_names_agree() -> None:
    """A name seen on both sides of a known rename is not carried across it."""
    rename = Change("rename", F, "210", "甲", "乙", 2019, 2018, 2019, "test")
    names = {2017: "甲", 2021: "甲"}

    assert list(infer(names, F, "210", ())) == [(y, 2017, 2021) for y in (2018, 2019, 2020)]
    assert list(infer(names, F, "210", (rename,))) == []
    assert list(infer(names, F, "21001", (rename,))) == []  # the 类's rename stops its 款
    assert list(infer(names, F, "211", (rename,))) == [(y, 2017, 2021) for y in (2018, 2019, 2020)]


@given(st.sampled_from(list(Scheme)), st.integers(2017, 2026))
def test_every_inferred_entry_lies_between_two_same_name_sightings(
    scheme: Scheme, year: int
) -> None:
    """Each inferred entry cites two verified years around it with its name, no change between."""
    for entry in CATALOGUE.entries(scheme, year):
        if entry.verified:
            continue
        assert entry.inferred_from is not None
        before, after = entry.inferred_from
        assert before < year < after
        assert CATALOGUE.lookup(entry.code, before).verified
        assert CATALOGUE.lookup(entry.code, after).verified
        assert name_key(CATALOGUE.lookup(entry.code, before).name) == name_key(entry.name)
        assert name_key(CATALOGUE.lookup(entry.code, after).name) == name_key(entry.name)
        assert not any(
            c.between(before, after)
            for c in CATALOGUE.renames(scheme)
            if entry.code.digits.startswith(c.code)
        )


def test_lookup_prints_verified_and_inferred_years(capsys: pytest.CaptureFixture[str]) -> None:
    """`govbudget lookup 212 --year 2024` answers, with the years verified and inferred."""
    assert main(["lookup", "212", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "212 城乡社区支出"
    assert "verified in 2017, 2018 and 2024; inferred for 2019–2023" in out

    assert main(["lookup", "212", "--year", "2020"]) == 0
    out = capsys.readouterr().out
    assert "2020 (inferred)" in out
    assert "source: inferred: 城乡社区支出 is verified in 2018 and 2024" in out


# -- renames ----------------------------------------------------------------------------


def test_renames_are_data_with_their_source() -> None:
    """The 2019 renames of 207 and 210 are recorded with the issue that states them."""
    renames = {(c.code, c.old, c.new, c.year): c for c in CATALOGUE.renames(F)}

    assert ("210", "医疗卫生与计划生育支出", "卫生健康支出", 2019) in renames
    assert ("207", "文化体育与传媒支出", "文化旅游体育与传媒支出", 2019) in renames
    assert "issue 17" in renames["207", "文化体育与传媒支出", "文化旅游体育与传媒支出", 2019].source
    unsourced = [c for c in CATALOGUE.renames(F) if c.year is None]
    assert {c.code for c in unsourced} == {"215", "220", "20805"}
    assert all((c.after, c.by) == (2018, 2024) for c in unsourced)


def test_former_name_finds_an_old_name_in_a_newer_document() -> None:
    """A 2024 document printing 医疗卫生与计划生育支出 for 210 uses a name retired in 2019."""
    old = CATALOGUE.former_name("210", "三、医疗卫生与计划生育支出", 2024)

    assert old is not None
    assert (old.code, old.new, old.when) == ("210", "卫生健康支出", "from 2019")
    assert CATALOGUE.former_name("210", "医疗卫生与计划生育支出", 2018) is None
    assert CATALOGUE.former_name("210", "卫生健康支出", 2024) is None
    assert CATALOGUE.former_name("215", "资源勘探信息等支出", 2020) is None  # maybe not yet
    assert CATALOGUE.former_name("215", "资源勘探信息等支出", 2024) is not None


def test_diff_shows_known_renames_between_years(capsys: pytest.CaptureFixture[str]) -> None:
    """Between 2020 and 2024 the catalogue lists known renames even where 2020 lacks the code."""
    change = CATALOGUE.diff(2020, 2024, F)

    assert {c.code for c in change.changes} == {"215", "220", "20805"}
    assert main(["diff", "2017", "2018", "--scheme", "dept_economic"]) == 0
    out = capsys.readouterr().out
    assert "! 部门预算支出经济分类 reformed from 2018" in out
    assert "~ 310 其他资本性支出 → 资本性支出" in out


# -- harvest API, file and command ------------------------------------------------------


def _s(code: str, name: str, document: str = "a.pdf", year: int = 2024) -> Sighting:
    return Sighting(F, code, name, year, document, "3")


def test_conflicts_one_code_two_names_and_one_name_two_codes() -> None:
    """Two names for 212 in one year, and one name under two 类, are both reported."""
    found = conflicts(
        [
            _s("212", "城乡社区支出"),
            _s("212", "城乡社区事务", "b.pdf"),
            _s("213", "农林水支出"),
            _s("214", "农林水支出", "c.pdf"),
            _s("2120101", "行政运行"),
            _s("2130101", "行政运行"),  # one 项 name under two 款: normal
            _s("212", "城乡社区事务", "d.pdf", 2023),  # another year: no conflict
        ]
    )

    assert [(c.kind, c.sightings[0].code) for c in found] == [
        (ConflictKind.CODE, "212"),
        (ConflictKind.NAME, "213"),
    ]
    assert "212 is printed as" in found[0].describe()
    assert "城乡社区支出 (a.pdf p.3)" in found[0].describe()
    assert "城乡社区事务 (b.pdf p.3)" in found[0].describe()


def test_printed_spellings_are_one_name() -> None:
    """Half- and full-width brackets, spaces and 一、 do not make two names."""
    same = [_s("30213", "维修（护）费"), _s("30213", "维修(护)费"), _s("30213", "维 修（护）费")]

    assert conflicts(same) == ()
    assert _s("201", "一、一般公共服务支出").name == "一般公共服务支出"


sightings = st.builds(
    Sighting,
    st.sampled_from(list(Scheme)),
    st.sampled_from(["201", "20101", "2010101", "302", "30217"]),
    st.text(st.characters(categories=["Lo"]), min_size=1, max_size=8),
    st.integers(2017, 2026),
    st.sampled_from(["a.pdf", "dir/b.xlsx"]),
    st.sampled_from(["", "3", "公开05表"]),
    st.sampled_from(["coded", "line"]),
)


@given(st.lists(sightings, max_size=20))
def test_harvest_file_round_trips(items: list[Sighting]) -> None:
    """A harvest written and read back is the same harvest."""
    original = Harvest(tuple(sorted(set(items))))

    assert parse_harvest(original.to_tsv()).sightings == original.sightings


def test_a_harvest_file_must_say_what_it_is(tmp_path: Path) -> None:
    """Any other file is a FormatError naming it."""
    path = tmp_path / "x.tsv"
    path.write_text("code\tname\n201\t一般公共服务支出\n", encoding="utf-8")

    with pytest.raises(FormatError, match="not a govbudget harvest file"):
        read_harvest(path)


def test_harvest_reads_a_disclosure() -> None:
    """The seed's JSON gives its codes with their 2020 names, the 01 lines marked as such."""
    found = harvest([SEED_JSON])
    by_code = {(s.code, s.how) for s in found.sightings}

    assert found.unreadable == ()
    assert found.years() == (2020,)
    assert ("2010107", "coded") in by_code
    assert ("202", "line") in by_code
    assert found.conflicts == ()


def test_harvest_lists_unreadable_files(tmp_path: Path) -> None:
    """A file that is no disclosure is listed with the reason; the rest are read."""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    found = harvest([bad, SEED_JSON])

    assert [path for path, _ in found.unreadable] == [str(bad)]
    assert found.sightings


def test_cli_harvest_then_lookup_with_the_harvest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`catalogue harvest` writes a file that `lookup --catalogue` merges for its year."""
    later = tmp_path / "later.json"
    later.write_text(
        SEED_JSON.read_text(encoding="utf-8").replace('"year": 2020', '"year": 2031'), "utf-8"
    )
    out = tmp_path / "h.tsv"
    assert main(["catalogue", "harvest", str(later), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "sightings from 1 documents" in err
    assert "0 conflicts" in err

    assert main(["lookup", "2010107", "--year", "2031"]) == 2
    capsys.readouterr()
    assert main(["lookup", "2010107", "--year", "2031", "--catalogue", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2010107 人大代表履职能力提升" in printed
    assert "harvest " in printed


def test_cli_harvest_reports_conflicts_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two documents naming one code differently: the conflict is printed, exit 1."""
    text = SEED_JSON.read_text(encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(text.replace("人大代表履职能力提升", "人大代表履职"), encoding="utf-8")

    status = main(["catalogue", "harvest", str(SEED_JSON), str(other), "-o", str(tmp_path / "h")])

    assert status == 1
    assert "conflict: 2020 支出功能分类 2010107 is printed as" in capsys.readouterr().err


def test_a_harvest_fills_years_and_codes_not_names(tmp_path: Path) -> None:
    """A harvest adds what the shipped data lacks; where both name a code, shipped stays."""
    user = Harvest(
        (_s("2129901", "新科目", "mine.pdf"), _s("212", "另一个名字", "mine.pdf")), source="h"
    )
    merged = CATALOGUE.with_harvest(user)

    assert merged.lookup("2129901", 2024).name == "新科目"
    assert merged.lookup("2129901", 2024).source == "harvest h: mine.pdf p.3"
    assert merged.lookup("212", 2024).name == "城乡社区支出"


def test_check_counts_inferred_codes_apart(tmp_path: Path) -> None:
    """check() compares inferred names too but counts them as codes_inferred."""
    seed = read(SEED_JSON)
    report = check(seed, rules=["catalogue.*"])
    assert report.coverage["codes_verified"] == 124
    assert report.coverage.get("codes_inferred", 0) == 0


def test_shipped_data_stays_small() -> None:
    """The package data of the catalogue stays under 200 kB."""
    folder = ROOT / "src" / "govbudget" / "data" / "catalogue"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    assert size < 200_000


def test_coverage_page_is_current() -> None:
    """docs/reference/catalogue.md is what docs/catalogue_coverage.py renders from the data."""
    render = runpy.run_path(str(ROOT / "docs" / "catalogue_coverage.py"))["render"]
    page = (ROOT / "docs" / "reference" / "catalogue.md").read_text(encoding="utf-8")

    assert page == render(), "run: python docs/catalogue_coverage.py"


# -- how the shipped data is built ------------------------------------------------------


def test_a_doubtful_source_counts_only_where_another_agrees() -> None:
    """jiuqi-2019 alone gives 220's 2019 name: held back; line-items-2024 agrees with Wanli."""
    held = read_year(F, 2019)
    corroborated = CATALOGUE.lookup("20129", 2024)

    assert held is not None
    assert any(line.startswith("220 自然资源海洋气象等支出 (jiuqi-2019") for line in held.held_back)
    assert CATALOGUE.get("220", 2019) is None
    assert [line.split(" ")[0].rstrip(":") for line in corroborated.evidence] == [
        "line-items-2024",
        "putuo-wanli-2024",
    ]


def test_the_build_refuses_a_code_with_two_names(tmp_path: Path) -> None:
    """Without its rejection, the welfare home's 30202 咨询费 stops the build."""
    folder = tmp_path / "catalogue"
    shutil.copytree(SCRIPTS, folder)
    rejected = folder / "rejected.tsv"
    lines = rejected.read_text(encoding="utf-8").splitlines()
    rejected.write_text(
        "\n".join(line for line in lines if "\t30202\t" not in line) + "\n", encoding="utf-8"
    )
    build = runpy.run_path(str(ROOT / "scripts" / "build_catalogue.py"))["build"]
    build.__globals__["HERE"] = folder

    with pytest.raises(SystemExit, match="dept_economic 2024 30202 is named"):
        build()


def test_an_old_name_in_a_newer_document_says_when_it_was_renamed() -> None:
    """A 2024 table printing 210 as 医疗卫生与计划生育支出: catalogue.code names the rename."""
    seed = read(SEED_JSON)
    kind = next(k for k, t in seed.tables.items() if any(r.key == "221" for r in t.coded_rows()))
    table = seed.tables[kind]
    rows = [
        attrs.evolve(r, code=FunctionCode("210"), label="医疗卫生与计划生育支出")
        if r.key == "221"
        else r
        for r in table.rows
    ]
    later = attrs.evolve(seed, year=2024, tables={kind: attrs.evolve(table, rows=rows)})

    findings = [f for f in check(later, rules=["catalogue.*"]).findings if f.row == "210"]

    assert [f.message for f in findings] == [
        "210 is printed as '医疗卫生与计划生育支出'; its 2024 name is '卫生健康支出', "
        "renamed from 2019"
    ]
    assert findings[0].message_zh.endswith("（2019年起更名）")


def test_nothing_is_inferred_into_a_year_with_a_users_list(tmp_path: Path) -> None:
    """A user's 2021 list is the whole list: a code it lacks is not inferred for 2021."""
    path = tmp_path / "2021.csv"
    path.write_text("科目编码,科目名称\n201,一般公共服务支出\n", encoding="utf-8")
    merged = CATALOGUE.with_user_list(read_user_list(path, 2021))

    assert CATALOGUE.lookup("212", 2021).status == "inferred"
    assert merged.get("212", 2021) is None
    assert merged.lookup("212", 2022).status == "inferred"
