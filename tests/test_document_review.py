"""The document review (``document.*``): each defect found, located and quoted.

Each correct counterpart is left alone.

The fixtures are short documents written for these tests, page by page; the figures are
made up. The last tests run the review over the real documents in ``../shared/`` and pin
what it finds there: every finding listed is a real defect of the published document.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import check, read, serialize
from govbudget.checks import Registry, rule
from govbudget.checks.document import sections_rule
from govbudget.cli import main
from govbudget.disclosure import Disclosure
from govbudget.pages import Page
from govbudget.report import Finding, Severity, reports_to_dict
from govbudget.review import load_sections, paragraphs, review_lines, sentences
from govbudget.review.text import Paragraph
from govbudget.tables.base import Family, TableKind

COVER_BUDGET = "上海市某区2024年区级部门预算\n预算主管部门：上海市某区某局"
COVER_UNIT = "上海市某区某中心2024年单位预算\n预算单位：上海市某区某中心"
COVER_FINAL = "上海市某区某局\n2024年度部门决算"


def doc(
    *pages: str,
    family: Family = Family.BUDGET,
    year: int = 2024,
    department: str = "上海市某区某局",
    tables: int = 0,
) -> Disclosure:
    """A disclosure of the given pages of text (the first is the cover)."""
    return Disclosure(
        department=department,
        year=year,
        family=family,
        narrative="\n".join(pages),
        pages=[Page(i + 1, text, tables=tables if i else 0) for i, text in enumerate(pages)],
    )


def review(disclosure: Disclosure, rule_id: str) -> list[Finding]:
    """The findings of one review rule."""
    return list(check(disclosure, rules=[rule_id]).findings)


def test_a_blank_page_between_pages_is_found() -> None:
    """An empty page after the contents is reported with its number; the last page is not."""
    d = doc(COVER_BUDGET, "目录\n一、部门主要职能", "", "一、部门主要职能\n某局负责某事。", "")

    found = review(d, "document.blank-page")
    pictured = attrs.evolve(
        d, pages=[*d.pages[:2], attrs.evolve(d.pages[2], figures=1), *d.pages[3:]]
    )

    assert [(f.location.page, f.rule) for f in found] == [("3", "document.blank-page")]
    assert review(pictured, "document.blank-page") == []  # a page holding only a picture


def test_a_table_page_without_its_table_is_found() -> None:
    """A page holding only a table's title and unit; a page with its table is left alone."""
    title = "2024年部门收入预算总表\n单位：万元"
    bare = doc(COVER_BUDGET, title, "正文。")
    with_table = attrs.evolve(bare, pages=[bare.pages[0], Page(2, title, tables=1), bare.pages[2]])

    found = review(bare, "document.blank-page")

    assert [f.location.page for f in found] == ["2"]
    assert found[0].stated == "2024年部门收入预算总表"
    assert review(with_table, "document.blank-page") == []


def test_a_page_printed_twice_is_found() -> None:
    """The second of two pages with the same text is reported, naming the first."""
    text = "\n".join(f"第{i}段说明文字，内容各不相同，长度足够比较，编号{i}。" for i in range(4))
    d = doc(COVER_BUDGET, text, text, text.replace("编号3", "编号9").replace("编号2", "编号8"))

    found = review(d, "document.repeated-page")

    assert [(f.location.page, f.message_zh) for f in found] == [("3", "第3页重复了第2页的内容")]


@pytest.mark.parametrize("bad", ["(cid:3028)", "\ue012", "\ufffd"])
def test_text_that_does_not_display_is_found(bad: str) -> None:
    """A (cid:N) glyph, a private-use and a replacement character, quoted with their context."""
    d = doc(
        COVER_BUDGET, f"一、收入预算\n本年收入预算{bad}万元，比上年增加。", "本年收入预算12万元。"
    )

    found = review(d, "document.undisplayable")

    assert len(found) == 1
    assert found[0].location.page == "2"
    assert found[0].location.section == "一、收入预算"
    assert bad in (found[0].quote or "")


def test_layout_characters_are_not_undisplayable() -> None:
    """A form feed or tab between pages of extracted text is layout, not a missing glyph."""
    d = Disclosure(
        department="某局", year=2024, narrative="一、说明\n收入12万元。\f\n二、其他\t无。"
    )

    assert review(d, "document.undisplayable") == []


@pytest.mark.parametrize(
    ("text", "stated", "computed"),
    [
        ("2024年度“三公”经费财政拨款支出决算数比2023年度减少1.00万元。", None, None),
        ("2023年度“三公”经费财政拨款支出决算数比2023年度减少1.00万元。", "2023年", "2024年"),
    ],
)
def test_a_final_accounts_own_figure_names_its_year(
    text: str, stated: str | None, computed: str | None
) -> None:
    """「YYYY年度…决算数」 in a 2024 final account names 2024 (the comparison names 2023)."""
    d = attrs.evolve(doc(COVER_FINAL, "一、说明\n" + text), family=Family.FINAL)

    found = review(d, "document.year")

    assert [(f.stated, f.computed) for f in found] == ([(stated, computed)] if stated else [])


@pytest.mark.parametrize(
    ("text", "stated", "computed"),
    [
        ("财政拨款收入12.00万元，比2024年预算减少3.00万元。", "2024年", "2023年"),
        ("2023年当年预算执行数为8.00万元，2024年预算安排6.00万元。", None, None),
        ("2022年当年预算执行数为8.00万元，2024年预算安排6.00万元。", "2022年", "2023年"),
        ("财政拨款收入12.00万元，与2023年预算持平。", None, None),
        ("2023年当年预算执行数为8.00万元，2023年预算安排6.00万元。", "2023年", "2024年"),
    ],
)
def test_a_comparison_names_last_year(text: str, stated: str | None, computed: str | None) -> None:
    """In a 2024 budget a comparison names 2023; 2024 or 2022 is reported, 2023 is not."""
    d = doc(COVER_BUDGET, "四、部门预算编制说明\n" + text)

    found = review(d, "document.year")

    assert [(f.stated, f.computed) for f in found] == ([(stated, computed)] if stated else [])
    if found:
        assert found[0].quote == text


def test_the_reporting_date_of_a_final_account_is_its_year() -> None:
    """截至2023年12月31日 in a 2024 final account is reported; 截至2024年12月31日 is not."""
    wrong = doc(COVER_FINAL, "（三）国有资产占有使用情况\n截至2023年12月31日，共有车辆2辆。")
    right = doc(COVER_FINAL, "（三）国有资产占有使用情况\n截至2024年12月31日，共有车辆2辆。")
    wrong, right = (attrs.evolve(d, family=Family.FINAL) for d in (wrong, right))

    found = review(wrong, "document.year")

    assert [(f.stated, f.computed, f.location.page) for f in found] == [("2023年", "2024年", "2")]
    assert review(right, "document.year") == []


def test_a_paragraph_opening_on_another_year_is_found() -> None:
    """「2023年，某局收入预算…」 in a 2024 budget; 「2024年，…」 is right."""
    wrong = doc(COVER_BUDGET, "四、部门预算编制说明\n2023年，某局收入预算12.00万元。")
    right = doc(COVER_BUDGET, "四、部门预算编制说明\n2024年，某局收入预算12.00万元。")

    found = review(wrong, "document.year")

    assert [(f.stated, f.computed, f.location.page) for f in found] == [("2023年", "2024年", "2")]
    assert review(right, "document.year") == []


def test_a_heading_from_another_year_is_found() -> None:
    """A heading naming 2021 in a 2024 budget; the 2024 heading is left alone."""
    d = doc(
        COVER_BUDGET, "2021年部门预算编制说明\n收入预算12万元。", "2024年部门预算编制说明\n正文。"
    )

    found = review(d, "document.year")

    assert [(f.location.page, f.stated) for f in found] == [("2", "2021年")]


def test_placeholders_are_found_and_a_template_gets_one_note() -> None:
    """XX left in a published text is an error; in a blank template one note says so."""
    d = doc(COVER_BUDGET, "一、收入\n本年收入合计XXX万元，主要用于日常运转。")

    found = review(d, "document.placeholder")

    assert [(f.severity, f.stated, f.location.page) for f in found] == [
        (Severity.ERROR, "XXX", "2")
    ]
    template = review(attrs.evolve(d, template=True), "document.placeholder")
    assert [f.severity for f in template] == [Severity.INFO]
    assert review(doc(COVER_BUDGET, "本年收入合计12万元。"), "document.placeholder") == []


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("与上年相比增加（减少）3.00万元。", "增加（减少）"),
        ("比上年下降（上升）2.5%。", "下降（上升）"),
        ("按上述格式依次说明到各项级科目。", "按上述格式"),
        ("五、国有资产占有使用情况（增加内容）", "（增加内容）"),
        ("决算数大于（小于）预算数的主要原因是项目调整。", "大于（小于）"),
        ("与上年相比增加3.00万元（主要为人员增加）。", None),
    ],
)
def test_template_wording_left_in_is_found(text: str, stated: str | None) -> None:
    """Both alternatives of a choice, or an instruction, are reported; a plain sentence is not."""
    found = review(doc(COVER_BUDGET, "一、说明\n" + text), "document.template-wording")

    assert [f.stated for f in found] == ([stated] if stated else [])


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("公务用车运行费6.40万元，与上年持平，主要原因是。", "主要原因是"),
        ("信息化建设10.00万元，主要用于。", "主要用于"),
        ("公务用车运行费6.40万元，与上年持平，主要原因是车辆未增加。", None),
        ("公务用车运行费6.40万元，其中：\n1.运行费6.40万元。", None),
        ("有关支出不再列入其中。", None),
    ],
)
def test_a_sentence_cut_off_is_found(text: str, cut: str | None) -> None:
    """A sentence ending right after 主要原因是 or 主要用于; complete ones are left alone."""
    found = review(doc(COVER_BUDGET, "一、2024年三公经费预算情况说明\n" + text), "document.cut-off")

    assert [f.stated for f in found] == ([cut] if cut else [])
    if cut is not None:
        assert found[0].location.section == "一、2024年三公经费预算情况说明"
        assert (found[0].quote or "").endswith(cut + "。")


def test_a_unit_budget_calling_itself_a_department_budget_is_found() -> None:
    """A 单位预算 saying 2024年部门预算; saying 2024年单位预算 is right."""
    wrong = doc(COVER_UNIT, "2024年部门预算编制说明\n收入预算12万元。")
    right = doc(COVER_UNIT, "2024年单位预算编制说明\n收入预算12万元。")

    found = review(wrong, "document.family-wording")

    assert [(f.stated, f.computed, f.location.page) for f in found] == [
        ("部门预算", "单位预算", "2")
    ]
    assert review(right, "document.family-wording") == []


def test_a_final_account_calling_itself_a_budget_is_found() -> None:
    """A 决算's heading 2024年度部门预算情况说明; citing its year's 部门预算 in text is fine."""
    d = attrs.evolve(
        doc(
            COVER_FINAL,
            "第三部分 2024年度部门预算情况说明\n根据2024年度部门预算批复，年初预算为12万元。",
        ),
        family=Family.FINAL,
    )

    found = review(d, "document.family-wording")

    assert [(f.stated, f.computed, f.location.page) for f in found] == [
        ("部门预算", "部门决算", "2")
    ]


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("收入预算12.00万元。。", "。。"),
        ("收入预算12.00万元，，其中财政拨款12.00万元。", "，，"),
        ("“三公”经费预算0.95万元。", None),
        ("“三公经费预算0.95万元。", "“"),
        ("三公”经费预算0.95万元。", "”"),
        ("公务用车购置及运行费（含运行维护费0.95万元。", "（"),
        ("依据《预算法及其实施条例。", "《"),
        ("主要用于：1）办公费；2）差旅费（含会议）。", None),
    ],
)
def test_doubled_and_unmatched_punctuation_is_found(text: str, stated: str | None) -> None:
    """Doubled stops and unmatched quotation marks or brackets, each with its sentence."""
    found = review(doc(COVER_BUDGET, "一、说明\n" + text), "document.punctuation")

    assert [f.stated for f in found] == ([stated] if stated else [])
    if found:
        assert found[0].location.page == "2"


def test_a_paragraph_without_its_stop_is_found() -> None:
    """A paragraph ending without 。 before the next numbered item; one with 。 is fine."""
    d = doc(
        COVER_BUDGET,
        "一、说明\n1.行政运行10.00万元，主要原因是人员增加\n2.一般行政管理事务5.00万元，主要原因是项目调整。",
    )

    found = review(d, "document.closing-stop")

    assert [(f.location.page, f.quote) for f in found] == [
        ("2", "1.行政运行10.00万元，主要原因是人员增加")
    ]


def test_a_paragraph_broken_by_the_page_end_is_joined_not_reported() -> None:
    """A sentence running on to the next page is one paragraph, on the page it starts."""
    d = doc(COVER_BUDGET, "一、说明\n收入预算12万元，比上年增加2万元，主要原因是", "人员增加。")

    found = paragraphs(d)

    assert [(p.text, p.page) for p in found][-1] == (
        "收入预算12万元，比上年增加2万元，主要原因是人员增加。",
        2,
    )
    assert review(d, "document.closing-stop") == []


def test_a_classification_name_of_another_year_is_found() -> None:
    """医疗卫生与计划生育支出 in 2024 is reported; in 2018 it is right, and 卫生健康支出 is not."""
    text = "一、说明\n5.医疗卫生与计划生育支出（类）行政事业单位医疗（款）50.37万元。"
    new = "一、说明\n5.卫生健康支出（类）行政事业单位医疗（款）50.37万元。"

    found = review(doc(COVER_BUDGET, text), "document.old-name")

    assert [(f.stated, f.computed, f.location.page) for f in found] == [
        ("医疗卫生与计划生育支出", "卫生健康支出", "2")
    ]
    assert review(doc(COVER_BUDGET, text, year=2018), "document.old-name") == []
    assert review(doc(COVER_BUDGET, new), "document.old-name") == []
    assert [f.stated for f in review(doc(COVER_BUDGET, new, year=2018), "document.old-name")] == [
        "卫生健康支出"
    ]


def test_a_rename_known_only_between_two_sightings_is_judged_outside_them() -> None:
    """A rename whose year no source gives is judged only outside its bracket.

    215's old name is last seen in 2018 and its new one first in 2024: the old name is
    reported in 2024, neither name in 2021, the new one in 2018.
    """
    old = "一、说明\n7.资源勘探信息等支出（类）支出12.00万元。"
    new = "一、说明\n7.资源勘探工业信息等支出（类）支出12.00万元。"

    found = review(doc(COVER_BUDGET, old), "document.old-name")

    assert [(f.stated, f.computed) for f in found] == [
        ("资源勘探信息等支出", "资源勘探工业信息等支出")
    ]
    assert "2019年至2024年间更名" in found[0].message_zh
    assert review(doc(COVER_BUDGET, old, year=2021), "document.old-name") == []
    assert review(doc(COVER_BUDGET, new, year=2021), "document.old-name") == []
    assert [f.stated for f in review(doc(COVER_BUDGET, new, year=2018), "document.old-name")] == [
        "资源勘探工业信息等支出"
    ]


def test_the_narrative_names_a_class_as_the_tables_do(seed: Disclosure) -> None:
    """一般公共预算服务（类） where the tables say 一般公共服务支出; a 款 labelled 类 too."""
    wrong = attrs.evolve(seed, narrative="主要用于：一般公共预算服务（类）836.91万元。")
    level = attrs.evolve(seed, narrative="1．住房改革支出（类）住房公积金（项）30.00万元。")
    right = attrs.evolve(seed, narrative="主要用于：一般公共服务（类）836.91万元。")

    found = review(wrong, "document.row-name")

    assert [(f.stated, f.computed) for f in found] == [("一般公共预算服务", "一般公共服务支出")]
    assert [f.computed for f in review(level, "document.row-name")] == ["住房改革支出（款）"]
    assert review(right, "document.row-name") == []


def test_one_subject_given_two_amounts_is_found() -> None:
    """The same subject stated twice with different amounts; the same amount twice is fine."""
    wrong = doc(COVER_BUDGET, "一、说明\n公务接待费预算0.95万元，公务接待费预算1.20万元。")
    right = doc(COVER_BUDGET, "一、说明\n公务接待费预算0.95万元，公务接待费预算0.95万元。")

    found = review(wrong, "document.two-amounts")

    assert [(f.stated, f.computed) for f in found] == [("1.20万元", "0.95万元")]
    assert review(right, "document.two-amounts") == []


@pytest.mark.parametrize(
    ("text", "stated", "computed"),
    [
        ("年初预算为10.00万元，支出决算为12.00万元，完成年初预算的120.00%。", None, None),
        ("年初预算为10.00万元，支出决算为12.00万元，完成年初预算的80.00%。", "80.00%", "120.00%"),
        (
            "年初预算为10.00万元，支出决算为12.00万元，完成年初预算的120.00%。决算数小于年初预算数。",
            "小于",
            "大于",
        ),
        ("年初预算为589.64万元，支出决算为657.19万元，完成年初预算的111.0%。", None, None),
        (
            "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。",
            None,
            None,
        ),
        (
            "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数增加57.14%。",
            "增加",
            "减少",
        ),
        (
            "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少133.33%。",
            "133.33%",
            "57.14%",
        ),
    ],
)
def test_a_stated_change_agrees_with_its_own_amounts(
    text: str, stated: str | None, computed: str | None
) -> None:
    """A completion rate, 大于/小于, 增加/减少 and its rate, against the sentence's amounts.

    A rate printed at whole percent (111.0% for 111.46%) is let pass.
    """
    found = review(doc(COVER_FINAL, "一、说明\n" + text), "document.stated-change")

    assert [(f.stated, f.computed) for f in found] == ([(stated, computed)] if stated else [])


CONTENTS = "目录\n一、部门主要职能……3\n二、部门机构设置……4\n三、名词解释……5"


def test_a_listed_section_missing_from_the_body_is_found() -> None:
    """The contents list 三、名词解释, the document has no such section."""
    d = doc(COVER_BUDGET, CONTENTS, "一、部门主要职能\n负责某事。", "二、部门机构设置\n设三个处。")

    found = review(d, "document.contents")

    assert [(f.stated, f.location.page) for f in found] == [("名词解释", "2")]


def test_sections_out_of_the_contents_order_are_found() -> None:
    """机构设置 printed before 主要职能, against the contents' order; in order is fine."""
    swapped = doc(
        COVER_BUDGET,
        CONTENTS,
        "二、部门机构设置\n设三个处。",
        "一、部门主要职能\n负责某事。",
        "三、名词解释\n基本支出：指日常运转支出。",
    )
    ordered = doc(
        COVER_BUDGET,
        CONTENTS,
        "一、部门主要职能\n负责某事。",
        "二、部门机构设置\n设三个处。",
        "三、名词解释\n基本支出：指日常运转支出。",
    )

    found = review(swapped, "document.contents")

    assert [f.message_zh for f in found] == ["「机构设置」在正文中的位置与目录顺序不一致"]
    assert review(ordered, "document.contents") == []


def test_a_listed_title_in_other_word_order_is_present() -> None:
    """政府性基金财政拨款支出预算表 in the contents is the body's 财政拨款政府性基金支出预算表."""
    listed = "目录\n一、部门主要职能……3\n二、政府性基金财政拨款支出预算表……4"
    d = doc(
        COVER_BUDGET,
        listed,
        "一、部门主要职能\n负责某事。",
        "二、财政拨款政府性基金支出预算表\n本表为空表。",
    )

    assert review(d, "document.contents") == []


def test_the_order_of_a_document_in_several_files_is_not_judged() -> None:
    """A narrative file and a tables file number their own pages: no order is judged."""
    swapped = doc(
        COVER_BUDGET,
        CONTENTS,
        "二、部门机构设置\n设三个处。",
        "一、部门主要职能\n负责某事。",
        "三、名词解释\n基本支出：指日常运转支出。",
    )
    two_files = attrs.evolve(
        swapped,
        pages=[
            attrs.evolve(page, file="narrative.pdf" if page.number < 3 else "tables.pdf")
            for page in swapped.pages
        ],
    )

    assert review(two_files, "document.contents") == []


def test_required_sections_come_from_data_and_can_be_replaced(tmp_path: Path) -> None:
    """A Shanghai budget without 目录 and 名词解释 is reported; a user's list is used instead."""
    d = doc(
        COVER_BUDGET,
        "一、部门主要职能\n负责某事。",
        "二、部门机构设置\n设三个处。",
        "三、2024年部门预算编制说明\n收入12万元。",
        "四、其他相关情况说明\n无。",
    )
    mine = tmp_path / "sections.json"
    mine.write_text(json.dumps({"budget": {"*": [["绩效目标"]]}}), encoding="utf-8")
    shipped = review(d, "document.sections")
    own_rules = Registry()
    rule(
        "document.sections",
        "Required sections",
        "必备内容",
        severity=Severity.WARNING,
        tables=tuple(TableKind),
        registry=own_rules,
    )(sections_rule(load_sections(mine)))
    own = check(attrs.evolve(d, department="某县某局"), registry=own_rules).findings

    assert [f.computed for f in shipped] == ["目录", "名词解释"]
    assert [f.computed for f in own] == ["绩效目标"]


def test_a_bad_sections_file_is_a_typed_error(tmp_path: Path) -> None:
    """A sections file of the wrong shape names the file."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"budget": {"*": "名词解释"}}), encoding="utf-8")

    with pytest.raises(ValueError, match=r"bad\.json"):
        load_sections(bad)


def test_an_empty_table_must_say_it_has_no_data(seed: Disclosure) -> None:
    """A table with no rows that does not say 此表无数据; one that says so is fine."""
    kind = TableKind.GOV_FUND
    table = seed.tables[kind]
    empty = attrs.evolve(table, rows=(), no_data=False, note="")
    silent = attrs.evolve(seed, tables={**seed.tables, kind: empty})
    said = attrs.evolve(seed, tables={**seed.tables, kind: attrs.evolve(empty, no_data=True)})

    found = review(silent, "document.empty-table")

    noted = attrs.evolve(
        seed, tables={**seed.tables, kind: attrs.evolve(empty, note="本单位没有政府性基金收入。")}
    )

    assert [(f.table, f.computed) for f in found] == [(kind, "此表无数据")]
    assert review(said, "document.empty-table") == []
    assert review(noted, "document.empty-table") == []


def test_coverage_counts_the_review_rules_and_their_findings() -> None:
    """The report's coverage says how many review rules ran and how much they found."""
    d = doc(COVER_BUDGET, "一、说明\n收入预算12.00万元。。主要原因是。")

    report = check(d, rules=["document.*"], skip=["document.sections"])

    assert report.coverage["review_rules_run"] == len(report.rules) == 16
    assert report.coverage["review_findings"] == len(report.findings) == 2
    assert report.to_dict()["coverage"]["review_findings"] == 2


def test_the_text_report_lists_the_review_by_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under 文档审查, page by page: the finding, its section, the quote, printed and expected."""
    d = doc(COVER_BUDGET, "一、说明\n收入预算12.00万元。。", "二、其他\n主要原因是。")
    path = tmp_path / "d.json"
    path.write_text(serialize.dumps(d), encoding="utf-8")

    main(["check", str(path), "--rules", "document.*", "--skip", "document.sections"])
    out = capsys.readouterr().out

    assert "文档审查（16 项审查规则，发现 2 处）" in out
    assert out.index("第 2 页") < out.index("document.punctuation") < out.index("第 3 页")
    assert "所在部分：一、说明" in out
    assert "原文：「收入预算12.00万元。。」" in out
    assert "现为「。。」，应为「。」" in out


def test_review_lines_are_empty_without_review_findings() -> None:
    """No 文档审查 heading when the review found nothing."""
    assert review_lines([], rules_run=16) == []


def test_pages_survive_the_json_round_trip() -> None:
    """A disclosure's pages are written and read back exactly."""
    d = doc(COVER_BUDGET, "一、说明\n正文。", "", tables=1)

    assert serialize.loads(serialize.dumps(d)) == d


TEXT = st.text(alphabet="一二三说明，。：；（）“”主要原因是12.万元\n 、", max_size=80)


@given(st.lists(TEXT, min_size=1, max_size=5))
def test_paragraphs_keep_every_character(pages: list[str]) -> None:
    """Joining paragraphs back gives the pages' text: nothing dropped, nothing repeated."""
    d = doc(*pages)

    found = paragraphs(d)

    assert "".join("".join(p.text.split()) for p in found) == "".join("".join(pages).split())


@given(TEXT)
def test_sentences_cover_their_paragraph(text: str) -> None:
    """A paragraph's sentences, joined, are the paragraph."""
    paragraph = Paragraph(text)

    assert "".join(s.text for s in sentences(paragraph)) == text


# ------------------------------------------------------------------ the real documents

#: What the review finds in each real document: (rule, page, stated). Each is a real
#: defect of the published document (see the docstring of the test).
REAL: dict[str, list[tuple[str, str | None, str | None]]] = {
    "corpus/shanghai-final-accounts-template-2024.pdf": [("document.placeholder", None, None)],
    "corpus/shanghai-putuo-finance-bureau-2024-final-accounts.pdf": [],
    "corpus/budgets/jiangsu-cppcc-office-2018-budget-narrative.pdf": [],
    "corpus/budgets/jiangsu-cppcc-office-2018-budget-tables.pdf": [],
    "corpus/budgets/jiangsu-high-court-2017-budget.pdf": [("document.closing-stop", "10", "议")],
    "corpus/budgets/jiangsu-npc-office-2018-budget.pdf": [
        *[("document.template-wording", "19", s) for s in ["增加（减少）", "增长（减少）"] * 2],
        *[("document.template-wording", "20", s) for s in ["增加（减少）", "增长（减少）"] * 2],
        ("document.template-wording", "28", "增加（减少）"),
        ("document.template-wording", "28", "增加（减少）"),
        ("document.template-wording", "28", "增长（减少）"),
        ("document.template-wording", "29", "增加（减少）"),
        ("document.template-wording", "29", "增长（降低）"),
        ("document.punctuation", "25", "。。"),
        *[("document.row-name", "25", "行政事业单位离退休（类）")] * 3,
        ("document.row-name", "25", "住房改革支出（类）"),
        ("document.row-name", "26", "住房改革支出（类）"),
    ],
    "corpus/budgets/shanghai-putuo-finance-bureau-2025-budget.pdf": [
        ("document.repeated-page", "8", None)
    ],
    "corpus/budgets/shanghai-putuo-wanli-subdistrict-2024-budget.pdf": [],
    "corpus/budgets/shanghai-putuo-welfare-home-2024-unit-budget.pdf": [
        ("document.template-wording", "16", "（增加内容）"),
        ("document.cut-off", "16", "主要原因是"),
        ("document.old-name", "6", "医疗卫生与计划生育支出"),
    ],
    "corpus/budgets/shanghai-putuo-budget-template-2026-department.xlsx": [
        ("document.placeholder", None, None)
    ],
    "corpus/budgets/shanghai-putuo-budget-template-2026-unit.xls": [
        ("document.placeholder", None, None)
    ],
    "seeds/000_424111e6d4059655.txt": [
        ("document.closing-stop", None, "，"),
        *[("document.row-name", None, "一般公共预算服务")] * 4,
    ],
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_the_real_documents_give_only_their_real_defects(name: str, shared: Path) -> None:
    """Every review finding on the real documents, each inspected and a real defect.

    The NPC office's 2018 budget leaves 增加（减少） choices in, doubles a full stop
    and calls the 款 行政事业单位离退休 and 住房改革支出 类; the Putuo finance bureau
    prints its 2025 编制说明 twice (pages 7 and 8); the welfare home's 2024 unit budget
    leaves 「（增加内容）」 in a heading, stops a sentence at 「主要原因是。」 and uses
    the pre-2019 name 医疗卫生与计划生育支出; the high court's list of duties ends
    without a full stop; the seed ends a paragraph with 「，」 and calls 一般公共服务
    一般公共预算服务. The templates get one note each.
    """
    d = read(shared / name)

    found = check(d, rules=["document.*"]).findings

    assert sorted(((f.rule, f.location.page, f.stated) for f in found), key=str) == sorted(
        REAL[name], key=str
    )


def test_a_review_finding_names_its_section_in_json() -> None:
    """The JSON finding carries the heading of the section the sentence is in."""
    d = doc(COVER_BUDGET, "三、部门预算情况说明\n收入预算12万元，比上年增加2万元。。")

    document = reports_to_dict([check(d, rules=["document.punctuation"])])["documents"][0]

    assert [(f["page"], f["section"]) for f in document["findings"]] == [
        ("2", "三、部门预算情况说明")
    ]
