"""The per-process caches of the narrative and document review give what fresh work gives.

Each cache is keyed by what its result depends on (text, labels, figures); each test
checks a disclosure, changes one input and checks that the result follows the change
rather than coming back from the cache.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govbudget import check, serialize
from govbudget.amount import Amount, Unit, total
from govbudget.disclosure import Disclosure
from govbudget.errors import UnitMismatchError
from govbudget.narrative.subjects import _alone
from govbudget.narrative.verdicts import _read
from govbudget.pages import Page
from govbudget.review import paragraphs
from govbudget.tables.base import Family, TableKind

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed_2020.json"


def _seed() -> Disclosure:
    """A fresh copy of the seed with its narrative, as read from JSON."""
    return serialize.loads(SEED.read_text(encoding="utf-8"))


def _relabel(disclosure: Disclosure, kind: TableKind, key: str, label: str) -> Disclosure:
    """*disclosure* with the row *key* of table *kind* printing *label*."""
    table = disclosure.table(kind)
    assert table is not None
    rows = tuple(attrs.evolve(r, label=label) if r.key == key else r for r in table.rows)
    tables = {**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    return attrs.evolve(disclosure, tables=tables)


def _findings(disclosure: Disclosure, rule: str) -> list[tuple[str | None, str | None]]:
    return [(f.row, f.stated) for f in check(disclosure, rules=[rule]).findings]


def test_paragraphs_follow_the_pages_and_the_narrative() -> None:
    """The same text gives equal paragraphs; other text, page numbers or narrative do not."""
    pages = [Page(1, "封面"), Page(2, "一、收入预算\n本年收入12万元。")]
    first = Disclosure(department="某局", year=2024, pages=pages)
    again = Disclosure(department="某局", year=2024, pages=list(pages))
    other = Disclosure(
        department="某局", year=2024, pages=[pages[0], Page(2, "一、收入预算\n本年收入13万元。")]
    )
    moved = Disclosure(department="某局", year=2024, pages=[pages[0], Page(5, pages[1].text)])
    plain = Disclosure(department="某局", year=2024, narrative="一、说明\n收入12万元。")
    changed = attrs.evolve(plain, narrative="一、说明\n收入14万元。")

    assert paragraphs(again) == paragraphs(first)
    assert paragraphs(first)[-1].text == "本年收入12万元。"
    assert paragraphs(other)[-1].text == "本年收入13万元。"
    assert paragraphs(moved)[-1].page == 5
    assert paragraphs(plain)[-1].text == "收入12万元。"
    assert paragraphs(changed)[-1].text == "收入14万元。"


def test_paragraphs_follow_the_department() -> None:
    """The body begins where a line repeats an entry, the department left out of both."""
    text = "目录\n一、某局主要职能…………1\n二、收支情况…………2\n一、主要职能\n某局负责某事。"
    pages = [Page(1, "封面"), Page(2, text)]

    def contents(department: str) -> list[bool]:
        found = paragraphs(Disclosure(department=department, year=2024, pages=pages))
        return [p.contents for p in found if p.text == "一、主要职能"]

    assert contents("某局") == [False]  # 一、主要职能 repeats 一、（某局）主要职能: the body
    assert contents("另一局") == [True]
    assert contents("某局") == [False]


def test_undisplayable_labels_are_found_in_any_table() -> None:
    """A label that does not display is found; a (cid: split over two labels is not one."""
    seed = _seed()
    assert _findings(seed, "document.undisplayable") == []
    broken = _relabel(seed, TableKind.EXPENDITURE, "201", "一般公共服务\ue012支出")
    assert _findings(broken, "document.undisplayable") == [("201", "U+E012")]
    table = seed.table(TableKind.EXPENDITURE)
    assert table is not None
    first, second = (row.key for row in table.rows[:2])
    split = _relabel(seed, TableKind.EXPENDITURE, first, "合计(ci")
    split = _relabel(split, TableKind.EXPENDITURE, second, "d:12)项目")
    assert _findings(split, "document.undisplayable") == []
    whole = _relabel(split, TableKind.EXPENDITURE, second, "(cid:12)项目")
    assert _findings(whole, "document.undisplayable") == [(second, "(cid:12)")]


def _refigure(
    disclosure: Disclosure, kind: TableKind, key: str, column: str, value: str
) -> Disclosure:
    """*disclosure* with the cell (*key*, *column*) of table *kind* printing *value*."""
    table = disclosure.table(kind)
    assert table is not None
    figure = Amount(Decimal(value), table.unit, 2)
    rows = tuple(
        attrs.evolve(r, cells={**r.cells, column: figure}) if r.key == key else r
        for r in table.rows
    )
    tables = {**disclosure.tables, kind: attrs.evolve(table, rows=rows)}
    return attrs.evolve(disclosure, tables=tables)


def _judged(disclosure: Disclosure) -> list[tuple[str, str, str | None]]:
    """Every narrative finding: rule, quote and the figure recomputed."""
    report = check(disclosure, rules=["narrative.*"])
    return [(f.rule, f.quote or "", f.computed) for f in report.findings]


def test_a_changed_narrative_is_judged_anew() -> None:
    """Another figure in the text is found wrong; the seed's own text again is right."""
    seed = _seed()
    assert [r for r, *_ in _judged(seed) if r != "narrative.unbound"] == []
    wrong = attrs.evolve(
        seed, narrative=seed.narrative.replace("本年收入合计876.17", "本年收入合计876.30")
    )
    found = [(r, c) for r, _q, c in _judged(wrong) if r == "narrative.amount"]
    assert found == [("narrative.amount", "876.17 (876.1650…876.1750)")] * 2  # 全部为财政拨款收入
    assert [r for r, *_ in _judged(_seed()) if r != "narrative.unbound"] == []


def test_changed_figures_are_judged_anew() -> None:
    """The same text against another table figure: the new figure is read, not a kept one."""
    seed = _seed()
    changed = _refigure(seed, TableKind.GENERAL_BUDGET_EXPENDITURE, "221", "total", "39.40")
    found = [(r, c) for r, _q, c in _judged(changed) if r == "narrative.amount"]
    assert found == [("narrative.amount", "39.40 (39.3950…39.4050)")]
    assert [r for r, *_ in _judged(_seed()) if r != "narrative.unbound"] == []


def test_changed_labels_are_bound_anew() -> None:
    """A class the tables now call otherwise is bound by the closest name, and said so."""
    seed = _seed()
    renamed = _relabel(seed, TableKind.GENERAL_BUDGET_EXPENDITURE, "221", "住房保障和安居支出")
    found = [(r, q) for r, q, _c in _judged(renamed) if r == "narrative.name"]
    assert found == [("narrative.name", "其中一般公共服务支出836.91万元，住房保障支出39.26万元。")]
    assert [r for r, *_ in _judged(_seed()) if r == "narrative.name"] == []


def test_claims_are_read_at_the_precision_of_the_tables_at_hand() -> None:
    """The same text beside tables at two decimals, then with no table: its own precision."""
    seed = attrs.evolve(_seed(), narrative="本年收入合计876万元。")
    bare = attrs.evolve(seed, tables={})
    assert [c.number.places for c in _read(seed, budget=False) if c.number] == [2]
    assert [c.number.places for c in _read(bare, budget=False) if c.number] == [0]
    assert [c.number.places for c in _read(seed, budget=False) if c.number] == [2]


def _paged(text: str, *, year: int = 2024, family: Family = Family.BUDGET) -> Disclosure:
    """A document of a cover and one page of *text*."""
    pages = [Page(1, "某局2024年部门预算"), Page(2, text)]
    return Disclosure(department="某局", year=year, family=family, pages=pages)


def _stated(disclosure: Disclosure, rule: str) -> list[str | None]:
    return [f.stated for f in check(disclosure, rules=[rule]).findings]


def test_a_year_is_judged_against_each_documents_year() -> None:
    """The same sentence in documents of other years, or of the other family, anew."""
    text = "一、说明\n财政拨款收入12.00万元，比2023年预算减少1.00万元。"
    assert _stated(_paged(text), "document.year") == []
    assert _stated(_paged(text, year=2025), "document.year") == ["2023年"]
    assert _stated(_paged(text), "document.year") == []
    own = "一、说明\n2023年度“三公”经费财政拨款支出决算数为1.00万元。"
    assert _stated(_paged(own, family=Family.FINAL), "document.year") == ["2023年"]
    assert _stated(_paged(own, year=2023, family=Family.FINAL), "document.year") == []


@pytest.mark.parametrize(
    ("rule", "wrong", "right", "stated"),
    [
        ("document.two-amounts", "接待费预算0.95万元，公务接待费预算1.20万元。", None, "1.20万元"),
        ("document.punctuation", "“三公”经费预算0.95万元。。", None, "。。"),
        ("document.placeholder", "本年收入合计XXX万元。", None, "XXX"),
        ("document.template-wording", "与上年相比增加（减少）3.00万元。", None, "增加（减少）"),
        ("document.cut-off", "公务用车运行费6.40万元，主要原因是。", None, "主要原因是"),
        (
            "document.stated-change",
            "年初预算为10.00万元，支出决算为12.00万元，完成年初预算的80.00%。",
            None,
            "80.00%",
        ),
        ("document.undisplayable", "本年收入预算\ue012万元。", None, "U+E012"),
    ],
)
def test_review_rules_judge_each_paragraph_anew(
    rule: str, wrong: str, right: str | None, stated: str
) -> None:
    """A defect is found, its correction is not, and the defect again is."""
    right = right or "本年收入合计12.00万元。"
    first = _stated(_paged("一、说明\n公务" + wrong), rule)
    assert stated in first
    assert _stated(_paged("一、说明\n公务" + right), rule) == []
    assert _stated(_paged("一、说明\n公务" + wrong), rule) == first


def test_a_narrative_without_tables_is_read_at_its_own_precision() -> None:
    """Without tables the text's own precision counts: another text, another precision."""
    bare = attrs.evolve(_seed(), tables={})
    for text, places in [("收入876万元。支出876万元。", 0), ("收入876.5万元。支出876.1万元。", 1)]:
        read = _read(attrs.evolve(bare, narrative=text), budget=False)
        assert [c.number.places for c in read if c.number] == [places, places]


def test_a_table_figure_is_read_as_printed() -> None:
    """Equal figures printed with other digits keep their own digits in the interval."""
    for digits in ["24.2", "24.20", "24.2", "2420E-2"]:
        figure = Amount(Decimal(digits), Unit.WAN, 2)
        alone, summed = _alone(figure, Unit.WAN), total([figure], Unit.WAN)
        assert (str(alone.low), str(alone.high)) == (str(summed.low), str(summed.high))
    with pytest.raises(UnitMismatchError):
        _alone(Amount(Decimal("24.2"), Unit.WAN, 2), Unit.YUAN)


def test_a_share_of_a_table_whole_reads_the_table_and_one_of_its_own_whole_does_not() -> None:
    """A share of the 三公 total follows the table's figure; one of a stated whole, the text."""
    opening = "五、“三公”经费财政拨款支出决算中，公务接待费1.98万元，占100.00%。"
    seed = attrs.evolve(_seed(), narrative=opening)
    grown = _refigure(seed, TableKind.THREE_PUBLIC, "three_public", "actual_total", "3.96")
    assert [r for r, *_ in _judged(seed) if r == "narrative.share"] == []
    assert [(r, c) for r, _q, c in _judged(grown) if r == "narrative.share"] == [
        ("narrative.share", "50.00 (49.8108…50.1896)")
    ]
    stated = attrs.evolve(
        _seed(), narrative="支出合计10.00万元，其中公务接待费5.00万元，占60.00%。"
    )
    right = attrs.evolve(stated, narrative=stated.narrative.replace("60.00%", "50.00%"))
    assert [r for r, *_ in _judged(stated) if r == "narrative.share"] == ["narrative.share"]
    assert [r for r, *_ in _judged(right) if r == "narrative.share"] == []


@pytest.mark.parametrize(
    ("label", "stated"),
    [
        ("一般公共服务\ufffd支出", "U+FFFD"),
        ("一般公共服务\u3000支出", None),  # not printable, yet it displays
        ("一般公共服务\x7f支出", "U+007F"),
        ("一般公共服务\U000f0001支出", "U+F0001"),
        ("一般公共服务\t支出", None),
    ],
)
def test_each_undisplayable_label_is_found_printable_or_not(label: str, stated: str | None) -> None:
    """The printable short cut lets no flagged character through, nor flags a layout one."""
    found = _findings(
        _relabel(_seed(), TableKind.EXPENDITURE, "201", label), "document.undisplayable"
    )
    assert found == ([("201", stated)] if stated else [])
