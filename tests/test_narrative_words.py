"""Direction words, completion bases, binding, precision and paragraph wholes (issue 14).

Every narrative here is written for these tests; the figures are the seed's published ones
(``examples/seed_2020.py``, 万元): 本年支出合计 876.17, 一般公共服务支出 836.91, 人员经费
600.88, 公用经费 275.29, 公务接待费 budget 2.01 and actual 1.98.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govbudget import Disclosure, Severity, check
from govbudget.report import Finding, Report


def judged(seed: Disclosure, narrative: str) -> Report:
    """The narrative rules run over the seed with *narrative* in place of its own."""
    return check(attrs.evolve(seed, narrative=narrative), rules=["narrative.*"])


def flagged(report: Report) -> list[Finding]:
    """Every finding above info."""
    return [f for f in report.findings if f.severity is not Severity.INFO]


# --- items 4 and 5: direction words -------------------------------------------------------

WRONG_WORDS = (
    # the final figure is above the budget, the words say below
    (
        "年初预算为735.80万元，支出决算为876.17万元，决算数小于年初预算数。",
        "narrative.comparison",
        "小于",
        "大于 (+140.37万元)",
    ),
    # equal in words, not in figures
    (
        "年初预算为24.20万元，支出决算为25.20万元，与年初预算一致。",
        "narrative.comparison",
        "一致",
        "大于 (+1.00万元)",
    ),
    (
        "年初预算为24.20万元，支出决算为23.90万元，决算数等于年初预算数。",
        "narrative.comparison",
        "等于",
        "小于 (-0.30万元)",
    ),
    # last year's figure stated: the change goes the other way
    (
        "本年支出合计876.17万元，上年支出合计为837.69万元，比上年减少38.48万元。",
        "narrative.change",
        "减少",
        "增加 (+38.48万元)",
    ),
    # 持平 / 无变化 while the two stated figures differ
    (
        "本年支出合计876.17万元，上年为870.00万元，与上年持平。",
        "narrative.change",
        "持平",
        "增加 (+6.17万元)",
    ),
    (
        "本年支出合计876.17万元，上年为880.00万元，同比无变化。",
        "narrative.change",
        "无变化",
        "减少 (-3.83万元)",
    ),
)


@pytest.mark.parametrize(("sentence", "rule_id", "word", "computed"), WRONG_WORDS)
def test_a_wrong_direction_word_is_reported_as_a_word(
    seed: Disclosure, sentence: str, rule_id: str, word: str, computed: str
) -> None:
    """``stated`` is the word; ``computed`` is the word the figures give and their gap."""
    (finding,) = flagged(judged(seed, sentence))
    assert (finding.rule, finding.severity) == (rule_id, Severity.ERROR)
    assert (finding.stated, finding.computed) == (word, computed)
    assert finding.difference is None
    assert word in finding.message_zh


RIGHT_WORDS = (
    "年初预算为735.80万元，支出决算为876.17万元，决算数大于年初预算数。",
    "年初预算为24.20万元，支出决算为24.20万元，与年初预算一致。",
    "年初预算为24.20万元，支出决算为24.2万元，决算数等于年初预算数。",
    "本年支出合计876.17万元，上年支出合计为837.69万元，比上年增加38.48万元。",
    "本年支出合计876.17万元，上年为876.17万元，与上年持平。",
    "本年支出合计876.17万元，上年为876.17万元，同比无变化。",
)


@pytest.mark.parametrize("sentence", RIGHT_WORDS)
def test_a_right_direction_word_is_left_alone(seed: Disclosure, sentence: str) -> None:
    """The same sentences with the word that fits: nothing flagged, the word judged."""
    report = judged(seed, sentence)
    assert flagged(report) == []
    assert report.coverage["claims_inconsistent"] == 0
    assert report.coverage["claims_consistent"] >= 1


def test_a_change_amount_against_two_stated_figures(seed: Disclosure) -> None:
    """Last year's figure stated: a change amount that is not their difference is an error."""
    (finding,) = flagged(
        judged(seed, "本年支出合计876.17万元，上年支出合计为837.69万元，比上年增加40.48万元。")
    )
    assert (finding.rule, finding.stated, finding.expected) == (
        "narrative.change",
        "40.48",
        Decimal("38.48"),
    )


# --- item 3: the base a completion rate names ----------------------------------------------

LABELS = (
    # 年初预算 is 0; the rate is that of the adjusted budget: a wrong label
    (
        "年初预算为0万元，调整预算为120.00万元，支出决算为117.84万元，完成年初预算的98.20%。",
        "年初预算的98.20%",
        "调整预算的98.20%",
    ),
    # both bases stated and non-zero; the rate is that of 全年预算
    (
        "年初预算为100.00万元，全年预算为120.00万元，支出决算为117.84万元，完成年初预算的98.20%。",
        "年初预算的98.20%",
        "全年预算的98.20%",
    ),
    # a rate of a base of nothing, and no other base stated
    (
        "年初预算为0万元，支出决算为6.43万元，完成年初预算的100.00%。",
        "年初预算的100.00%",
        "年初预算为0，不能计算完成率",
    ),
)


@pytest.mark.parametrize(("sentence", "stated", "computed"), LABELS)
def test_a_completion_rate_is_judged_against_the_base_it_names(
    seed: Disclosure, sentence: str, stated: str, computed: str
) -> None:
    """The rate's base is the one it names; another base's rate is an error of label."""
    (finding,) = flagged(judged(seed, sentence))
    assert (finding.rule, finding.severity) == ("narrative.completion", Severity.ERROR)
    assert (finding.stated, finding.computed) == (stated, computed)


@pytest.mark.parametrize(
    "sentence",
    [
        "年初预算为0万元，调整预算为120.00万元，支出决算为117.84万元，完成调整预算的98.20%。",
        "年初预算为100.00万元，全年预算为120.00万元，支出决算为117.84万元，"
        "完成全年预算的98.20%，完成年初预算的117.84%。",
        "年初预算为0万元，支出决算为6.43万元，决算数大于年初预算数。",
    ],
)
def test_a_completion_rate_of_its_named_base_is_left_alone(seed: Disclosure, sentence: str) -> None:
    """The right label (and no rate at all of a base of 0) raise nothing."""
    assert flagged(judged(seed, sentence)) == []


# --- item 8: bind only what the words name ---------------------------------------------------

NOT_NAMED = (
    # a figure of an item the paragraph's path does not hold is not the path's figure
    "一、支出：一般公共服务（类）人大事务（款）行政运行（项）支出657.19万元。其中会议费12.00万元。",
    # the subject is 人员经费 (600.88), not the 基本支出 its words pass through
    "基本支出中的人员经费600.88万元。",
    # a misspelt class whose figure is not the closest class's: a guess, not a binding
    "一般公共预算服务（类）支出500.00万元。",
    # a name close to two rows alike names neither
    "人大事务（款）人大会（项）支出30.00万元。",
)


@pytest.mark.parametrize("sentence", NOT_NAMED)
def test_an_amount_binds_only_to_a_row_it_names(seed: Disclosure, sentence: str) -> None:
    """No error and no rename warning comes of a row the words do not name."""
    report = judged(seed, sentence)
    assert flagged(report) == []
    assert report.coverage["claims_inconsistent"] == 0


def test_an_unsure_binding_is_listed_with_the_row_it_was_closest_to(seed: Disclosure) -> None:
    """The claim is listed as not checked, naming the closest row and its figure."""
    (finding,) = judged(seed, "一般公共预算服务（类）支出500.00万元。").findings
    assert (finding.rule, finding.severity) == ("narrative.unbound", Severity.INFO)
    assert "201" in finding.message
    assert "836.91" in finding.message


def test_the_named_row_is_still_judged(seed: Disclosure) -> None:
    """The counterparts: the row named exactly, and a misspelling whose figure confirms it."""
    report = judged(seed, "基本支出中的人员经费610.88万元。")
    assert [(f.rule, f.expected) for f in flagged(report)] == [
        ("narrative.amount", Decimal("600.88"))
    ]
    renamed = judged(seed, "一般公共预算服务（类）支出836.91万元。")
    assert [f.rule for f in flagged(renamed)] == ["narrative.name"]


# --- item 1: a narrative figure is read at its document's precision -----------------------


def test_a_whole_figure_is_read_at_the_tables_precision(seed: Disclosure) -> None:
    """The seed prints two decimals: 26万元 is 26.00, and 100.00% of it is wrong."""
    wrong = "年初预算为26万元，支出决算为26.40万元，完成年初预算的100.00%。"
    (finding,) = flagged(judged(seed, wrong))
    assert (finding.rule, finding.severity) == ("narrative.completion", Severity.ERROR)
    assert finding.computed is not None
    assert finding.computed.startswith("101.54")
    right = wrong.replace("100.00%", "101.54%")
    assert flagged(judged(seed, right)) == []


def test_a_narrative_alone_is_read_at_its_own_precision() -> None:
    """No tables: the precision most of the narrative's amounts print decides."""
    two = "本年支出合计876.17万元，人员经费600.88万元。年初预算为26万元，支出决算为26.40万元，"
    whole = "本年支出合计876万元，人员经费601万元。年初预算为26万元，支出决算为26万元，"
    rate = "完成年初预算的101.00%。"
    precise = check(Disclosure("某单位", 2020, narrative=two + rate), rules=["narrative.*"])
    assert [f.rule for f in flagged(precise)] == ["narrative.completion"]
    rough = check(Disclosure("某单位", 2020, narrative=whole + rate), rules=["narrative.*"])
    assert flagged(rough) == []


# --- item 2: wholes the narrative states itself ------------------------------------------

_BASIC_STATED = "基本支出预算为600.00万元。年初预算中人员经费较多。"


@pytest.mark.parametrize(
    ("shares", "flags"),
    [
        ("其中公用经费150.00万元，占基本支出预算的25.00%。", []),
        ("其中公用经费150.00万元，占基本支出预算的30.00%。", ["narrative.share"]),
    ],
)
def test_a_share_of_a_whole_stated_sentences_earlier(shares: str, flags: list[str]) -> None:
    """No table holds the whole: the narrative's own figure two sentences back is used."""
    disclosure = Disclosure("某单位", 2020, narrative=_BASIC_STATED + shares)
    report = check(disclosure, rules=["narrative.*"])
    assert [f.rule for f in flagged(report)] == flags
    for finding in flagged(report):
        assert "取自说明本身" in finding.message_zh
        assert "600.00万元" in finding.message
    assert report.coverage["claims_consistent"] + report.coverage["claims_inconsistent"] == 1


def test_a_change_whose_figure_is_in_the_sentence_before() -> None:
    """A narrative with no tables: the change rate's base is the figure stated just before."""
    text = "本年支出合计876.17万元。\n与上年相比，增加38.48万元，增长{}%。"
    right = check(Disclosure("某单位", 2020, narrative=text.format("4.59")), rules=["narrative.*"])
    wrong = check(Disclosure("某单位", 2020, narrative=text.format("4.39")), rules=["narrative.*"])
    assert flagged(right) == []
    assert [f.rule for f in flagged(wrong)] == ["narrative.change"]


# --- item 6: the 三公 paragraph against the 三公 table's 预算数 and 决算数 --------------------

THREE_PUBLIC = (
    # budget and final amounts against their own columns
    ("公务接待费支出预算为2.10万元，支出决算为1.98万元。", ["narrative.amount"]),
    ("公务接待费支出预算为2.01万元，支出决算为1.89万元。", ["narrative.amount"]),
    # comparisons and completion with no figure stated: the table's two columns
    ("公务接待费决算数大于预算数。", ["narrative.comparison"]),
    ("公务接待费完成预算的95.00%。", ["narrative.completion"]),
    # each item's share of the 三公 total the sentence opens with
    ("2020年度“三公”经费支出决算中，公务接待费支出决算1.98万元，占90.0%。", ["narrative.share"]),
)


@pytest.mark.parametrize(("sentence", "rules"), THREE_PUBLIC)
def test_the_three_public_paragraph_against_its_table(
    seed: Disclosure, sentence: str, rules: list[str]
) -> None:
    """Budget 2.01 and final 1.98 (公务接待费, the whole 三公 total): each slip is found."""
    assert [f.rule for f in flagged(judged(seed, sentence))] == rules


@pytest.mark.parametrize(
    "sentence",
    [
        "公务接待费支出预算为2.01万元，支出决算为1.98万元，完成预算的98.51%，决算数小于预算数。",
        "公务接待费决算数小于预算数。",
        "公务接待费完成预算的98.51%。",
        "2020年度“三公”经费支出决算中，公务接待费支出决算1.98万元，占100.0%，"
        "因公出国（境）费支出决算0万元，占0.0%。",
    ],
)
def test_a_true_three_public_paragraph_is_left_alone(seed: Disclosure, sentence: str) -> None:
    """The right figures, words and shares: judged and consistent."""
    report = judged(seed, sentence)
    assert flagged(report) == []
    assert report.coverage["claims_unbound"] == 0


# --- item 7: parts larger than their whole ---------------------------------------------------

_PROCUREMENT = (
    "（三）政府采购\n本单位本年政府采购合同金额（按合同签订计）为251.25万元，其中：货物4.79万元、"
    "服务246.46万元。\n在面向中小企业预留的项目中，由中小企业供应商中标或成交的，采购金额"
    "{reserved}万元；在面向小微企业预留的项目中，由小微企业供应商中标或成交的，采购金额0万元；"
    "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{others}万元。"
)


@pytest.mark.parametrize(
    ("reserved", "others", "rules"),
    [
        ("246.46", "4.79", []),
        ("246.46", "14.79", ["narrative.parts"]),
        ("250.00", "4.79", ["narrative.parts"]),
    ],
)
def test_small_firms_awards_in_two_kinds_of_project_fit_the_total(
    reserved: str, others: str, rules: list[str]
) -> None:
    """Awards in reserved and in other projects are disjoint parts of all procurement."""
    text = _PROCUREMENT.format(reserved=reserved, others=others)
    report = check(Disclosure("某单位", 2024, narrative=text), rules=["narrative.*"])
    found = flagged(report)
    assert [f.rule for f in found] == rules
    for finding in found:
        assert finding.stated == f"{reserved} + {others}"
        assert "251.25" in finding.message_zh


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        ("本年支出合计876.17万元，其中：基本支出600.00万元、项目支出276.17万元。", []),
        (
            "本年支出合计876.17万元，其中：基本支出600.00万元、项目支出286.17万元。",
            ["narrative.parts"],
        ),
        # a nested list is not a second set of parts of the first whole
        ("收入合计876.17万元，其中：财政拨款870.00万元，其中一般公共预算870.00万元。", []),
        # a change beside a part is no part
        ("本年支出合计876.17万元，其中：基本支出876.17万元，比上年增加38.48万元。", []),
    ],
)
def test_a_list_after_qizhong_fits_its_whole(sentence: str, rules: list[str]) -> None:
    """The parts listed after 其中 cannot add up to more than the figure before it."""
    report = check(Disclosure("某单位", 2020, narrative=sentence), rules=["narrative.parts"])
    assert [f.rule for f in flagged(report)] == rules


# --- properties ------------------------------------------------------------------------------

_FIGURES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@given(_FIGURES, _FIGURES)
def test_the_right_comparison_word_holds_and_the_opposite_fails(
    final: Decimal, budget: Decimal
) -> None:
    """For any two stated figures the word they give holds; its opposite is an error."""
    right = "大于" if final > budget else "小于" if final < budget else "等于"
    text = f"年初预算为{budget}万元，支出决算为{final}万元，决算数{{}}年初预算数。"
    said = check(Disclosure("某单位", 2020, narrative=text.format(right)), rules=["narrative.*"])
    assert flagged(said) == []
    if right != "等于":
        wrong = {"大于": "小于", "小于": "大于"}[right]
        report = check(
            Disclosure("某单位", 2020, narrative=text.format(wrong)), rules=["narrative.*"]
        )
        (finding,) = flagged(report)
        assert (finding.stated, finding.computed.split(" ")[0] if finding.computed else "") == (
            wrong,
            right,
        )


@given(
    st.integers(min_value=1, max_value=50_000),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
)
def test_a_true_rate_of_a_whole_budget_is_never_flagged(budget: int, final: Decimal) -> None:
    """26万元 read as 26.00 never turns a rate computed from 26.00 into an error."""
    rate = (final / budget * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = (
        f"本年支出合计{final}万元。年初预算为{budget}万元，支出决算为{final}万元，"
        f"完成年初预算的{rate}%。"
    )
    assert flagged(check(Disclosure("某单位", 2020, narrative=text), rules=["narrative.*"])) == []


@given(st.lists(_FIGURES, min_size=2, max_size=6), st.integers(min_value=-300, max_value=300))
def test_parts_fit_their_whole_unless_they_exceed_it_beyond_rounding(
    parts: list[Decimal], cents: int
) -> None:
    """A whole at the parts' sum moved by *cents*: flagged exactly when it is too small."""
    whole = sum(parts, Decimal(0)) + Decimal(cents) / 100
    assume(whole > 0)
    listed = "、".join(f"第{i}项{p}万元" for i, p in enumerate(parts))
    text = f"支出合计{whole}万元，其中：{listed}。"
    report = check(Disclosure("某单位", 2020, narrative=text), rules=["narrative.parts"])
    tolerance = Decimal("0.005") * (len(parts) + 1)
    too_small = sum(parts, Decimal(0)) - whole > tolerance
    assert bool(flagged(report)) is too_small
