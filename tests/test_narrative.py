"""The narrative checks: claims found, bound to the tables, judged at printed precision.

The narratives here are written for these tests; the figures are the seed's published
ones (``examples/seed_2020.py``): 本年支出合计 876.17, 一般公共服务支出 836.91,
行政运行 657.19, 人员经费 600.88, 公用经费 275.29, 公务接待费 budget 2.01 and actual
1.98, all in 万元.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govbudget import Disclosure, Severity, TableKind, check, read
from govbudget.narrative import ClaimKind, Outcome, analyse, bind, bind_path, claims
from govbudget.report import Report
from govbudget.strategies import consistent_disclosures


def judged(seed: Disclosure, narrative: str) -> Report:
    """The narrative rules run over the seed with *narrative* in place of its own."""
    return check(attrs.evolve(seed, narrative=narrative), rules=["narrative.*"])


def flagged(report: Report) -> list[tuple[str, Severity]]:
    """The (rule, severity) of every finding above info."""
    return [(f.rule, f.severity) for f in report.findings if f.severity is not Severity.INFO]


TRUE_CLAIMS = (
    # amounts restated, a functional path, 三公 budget and actual
    "一、总体情况：本年收入合计876.17万元，本年支出合计876.17万元。",
    "二、支出：一般公共服务（类）人大事务（款）行政运行（项）支出657.19万元。",
    "三、基本支出：人员经费600.88万元，公用经费275.29万元。",
    "四、“三公”经费：年初预算2.01万元，支出决算1.98万元，全部是公务接待费。",
    # a share of a named whole, a share of the figure before it
    "五、结构：一般公共服务支出836.91万元，占本年支出合计的95.52%。",
    "六、本年支出合计876.17万元，其中住房保障支出39.26万元，占4.48%。",
    # a change with its amount (876.17 - 38.48 = 837.69 last year: +4.59%)
    "七、比较：本年支出合计876.17万元，比上年增加38.48万元，增长4.59%。",
    # completion and comparison (876.17 / 735.80 = 119.08%)
    "八、预算执行：一般公共预算财政拨款支出年初预算为735.80万元，决算数为876.17万元，"
    "完成年初预算的119.08%，决算数大于年初预算数。",
    # a total restated for income that is all appropriation
    "九、本年收入合计876.17万元，全部为财政拨款收入，占100%。",
)


@pytest.mark.parametrize("sentence", TRUE_CLAIMS)
def test_true_claims_are_not_flagged(seed: Disclosure, sentence: str) -> None:
    """Each true statement of every kind is bound and consistent."""
    report = judged(seed, sentence)
    assert flagged(report) == []
    assert report.coverage["claims_found"] >= 1
    assert report.coverage["claims_found"] == report.coverage["claims_consistent"]


FALSE_CLAIMS = (
    ("本年支出合计886.17万元。", "narrative.amount", Severity.ERROR),
    ("人员经费610.88万元。", "narrative.amount", Severity.ERROR),
    (
        "一般公共服务（类）人大事务（款）行政运行（项）支出675.19万元。",
        "narrative.amount",
        Severity.ERROR,
    ),
    ("四、“三公”经费：年初预算2.10万元。", "narrative.amount", Severity.ERROR),
    ("本年支出合计876.17元。", "narrative.unit-slip", Severity.ERROR),
    ("一般公共服务支出836.91万元，占本年支出合计的95.25%。", "narrative.share", Severity.ERROR),
    ("一般公共服务支出836.91万元，占本年支出合计的96.0%。", "narrative.share", Severity.WARNING),
    ("本年支出合计876.17万元，比上年增加38.48万元，增长4.5%。", "narrative.change", Severity.ERROR),
    (
        "本年支出合计876.17万元，比上年减少38.48万元，下降4.59%。",
        "narrative.change",
        Severity.ERROR,
    ),
    (
        "年初预算为735.80万元，支出决算为876.17万元，完成年初预算的118.08%。",
        "narrative.completion",
        Severity.ERROR,
    ),
    (
        "年初预算为735.80万元，支出决算为876.17万元，完成年初预算的119.0%。",
        "narrative.completion",
        Severity.WARNING,
    ),
    (
        "年初预算为735.80万元，支出决算为876.17万元，决算数小于年初预算数。",
        "narrative.comparison",
        Severity.ERROR,
    ),
    ("一般公共预算服务（类）支出836.91万元。", "narrative.name", Severity.WARNING),
)


@pytest.mark.parametrize(("sentence", "rule_id", "severity"), FALSE_CLAIMS)
def test_false_claims_are_flagged_by_their_rule(
    seed: Disclosure, sentence: str, rule_id: str, severity: Severity
) -> None:
    """Each false statement is caught by its own rule, at its severity."""
    assert flagged(judged(seed, sentence)) == [(rule_id, severity)]


def test_a_finding_carries_quote_position_stated_computed_and_cells(seed: Disclosure) -> None:
    """A finding says what was said, where, what it should be, and from which cell."""
    text = "一、概况\n本年收入合计876.17万元。人员经费610.88万元，公用经费275.29万元。\n"
    (finding,) = [f for f in judged(seed, text).findings if f.severity is Severity.ERROR]
    assert finding.rule == "narrative.amount"
    assert finding.quote == "人员经费610.88万元，公用经费275.29万元。"
    assert finding.location.row == f"char {text.index('人员经费')}"
    assert (finding.stated, finding.found, finding.expected) == (
        "610.88",
        Decimal("610.88"),
        Decimal("600.88"),
    )
    assert finding.difference == Decimal("10.00")
    assert finding.tolerance == Decimal("0.010")
    assert finding.computed == "600.88 (600.8750…600.8850)"
    assert finding.table is TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE
    assert (finding.row, finding.column) == ("personnel_total", "amount")
    record = finding.to_dict()
    assert (record["quote"], record["stated"]) == (finding.quote, "610.88")


def test_a_share_finding_states_the_percentage_without_its_sign(seed: Disclosure) -> None:
    """``stated`` is the number printed, without the % sign."""
    report = judged(seed, "一般公共服务支出836.91万元，占本年支出合计的95.25%。")
    (finding,) = report.findings
    assert finding.stated == "95.25"
    assert finding.computed is not None
    assert finding.computed.startswith("95.52 (95.51")
    assert "95.25%" in finding.message_zh


def test_the_name_warning_names_the_row_and_its_printed_name(seed: Disclosure) -> None:
    """A garbled class name is reported with the row and the table's name."""
    (finding,) = judged(
        seed, "一般公共预算服务（类）人大事务（款）人大会议（项）24.20万元。"
    ).findings
    assert finding.rule == "narrative.name"
    assert "一般公共预算服务" in finding.message_zh
    assert "201" in finding.message_zh
    assert "一般公共服务支出" in finding.message_zh


def test_a_name_without_its_zhichu_is_not_a_rename(seed: Disclosure) -> None:
    """一般公共服务（类） for 一般公共服务支出 is the usual spelling, not a rename."""
    report = judged(seed, "一般公共服务（类）人大事务（款）人大监督（项）支出92.84万元。")
    assert report.findings == ()


def test_unbound_claims_are_listed_and_counted(seed: Disclosure) -> None:
    """What cannot be bound is listed (info) and counted in the coverage."""
    text = "政府采购支出总额3.27万元。机关运行经费275.29万元。本年支出合计876.17万元。"
    report = judged(seed, text)
    unbound = [f for f in report.findings if f.rule == "narrative.unbound"]
    assert [f.stated for f in unbound] == ["3.27", "275.29"]
    assert all(f.severity is Severity.INFO for f in unbound)
    assert report.coverage == {
        "claims_found": 3,
        "claims_bound": 1,
        "claims_unbound": 2,
        "claims_consistent": 1,
        "claims_coarse": 0,
        "claims_inconsistent": 0,
    }
    coverage = report.to_dict()["coverage"]
    assert coverage["claims_found"] == 3
    assert coverage["relations_checked"] == 0


def test_no_change_on_last_year_is_listed_as_not_checked(seed: Disclosure) -> None:
    """与上年持平 is a claim; without last year's figure it is listed, never dropped."""
    report = judged(seed, "本年支出合计876.17万元，与上年持平。")
    (finding,) = report.findings
    assert finding.rule == "narrative.unbound"
    assert "与上年持平" in finding.message
    assert report.coverage["claims_found"] == 2


def test_a_unit_slip_is_its_own_finding_and_the_share_is_judged_as_meant(
    seed: Disclosure,
) -> None:
    """876.17元 for 万元 is a unit slip; the share is judged on the figure meant."""
    report = judged(seed, "一般公共预算财政拨款支出876.17元，占本年支出合计的100.00%。")
    assert flagged(report) == [("narrative.unit-slip", Severity.ERROR)]


def test_a_blank_class_is_read_as_the_sum_of_its_items(seed: Disclosure) -> None:
    """A class printed blank over its items binds to the items' sum."""
    binding = bind(seed, "资本性支出")
    assert binding is not None
    assert binding.printed.value == Decimal("3.27")
    assert [c.row for c in binding.cells] == [key for key, *_ in _economic_items("310", seed)]


def _economic_items(parent: str, seed: Disclosure) -> list[tuple[str]]:
    """The keys of the rows under *parent* in the basic-expenditure table."""
    table = seed.tables[TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE]
    return [(row.key,) for row in table.children(parent)]


def test_narrative_only_documents_are_checked_for_internal_consistency() -> None:
    """Without tables, rates are still judged against the figures stated beside them."""
    text = (
        "本年支出合计876.17万元，比上年增加38.48万元，增长4.7%。"
        "年初预算为735.80万元，支出决算为876.17万元，完成年初预算的119.08%，决算数小于年初预算数。"
    )
    report = check(Disclosure("某单位", 2020, narrative=text), rules=["narrative.*"])
    rules = [f.rule for f in report.findings]
    assert rules.count("narrative.change") == 1
    assert rules.count("narrative.comparison") == 1
    assert "narrative.completion" not in rules
    assert "narrative.amount" not in rules  # nothing to compare amounts with: listed instead
    assert report.coverage["claims_inconsistent"] == 2


def test_claims_keep_their_positions_across_wrapped_lines() -> None:
    """A paragraph wrapped over lines is read whole; positions point into the text."""
    text = "（一）收入\n本年收入合计\n100.00万元，其中：财政拨款收入80.00万元，\n占80.00%。"
    found = list(claims(text))
    assert [c.kind for c in found] == [ClaimKind.AMOUNT, ClaimKind.AMOUNT, ClaimKind.SHARE]
    for claim in found:
        assert claim.number is not None
        assert (
            text[claim.number.start : claim.number.end]
            .replace("\n", "")
            .startswith(claim.number.text)
        )


def test_bind_path_follows_the_tree(seed: Disclosure) -> None:
    """A 类/款/项 path binds level by level; an unknown path binds to nothing."""
    binding = bind_path(seed, "一般公共服务（类）人大事务（款）人大会议（项）")
    assert binding is not None
    assert binding.printed.value == Decimal("24.2")
    assert binding.renamed is None
    assert bind_path(seed, "教育（类）普通教育（款）") is None


# --- property tests: generated from a consistent disclosure --------------------------

_CENT = Decimal("0.01")


def _figure(disclosure: Disclosure, kind: TableKind, row: str, column: str) -> Decimal:
    amount = disclosure.tables[kind].amount(row, column)
    assume(amount is not None)  # a table drawn without that line
    assert amount is not None
    return amount.value.quantize(_CENT)


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(_CENT, rounding=ROUND_HALF_UP)


@st.composite
def narratives(draw: st.DrawFn) -> tuple[Disclosure, list[str]]:
    """A consistent disclosure and sentences stating its figures truly, one per claim."""
    disclosure = draw(consistent_disclosures())
    k = TableKind
    income = _figure(disclosure, k.INCOME_EXPENDITURE_SUMMARY, "income_total", "amount")
    spent = _figure(disclosure, k.INCOME_EXPENDITURE_SUMMARY, "expenditure_total", "amount")
    basic = _figure(disclosure, k.EXPENDITURE, "total", "basic")
    personnel = _figure(disclosure, k.GENERAL_BUDGET_BASIC_EXPENDITURE, "personnel_total", "amount")
    appropriated = _figure(disclosure, k.GENERAL_BUDGET_EXPENDITURE, "total", "total")
    assume(spent >= 100)
    increase = (Decimal(draw(st.integers(1, int(spent * 100) // 2))) / 100).quantize(_CENT)
    budget = (Decimal(draw(st.integers(10_000, 10**7))) / 100).quantize(_CENT)
    sentences = [
        f"本年收入合计{income}万元。",
        f"人员经费{personnel}万元。",
        f"本年支出合计{spent}万元，其中基本支出{basic}万元，占{_percent(basic, spent)}%。",
        f"本年支出合计{spent}万元，比上年增加{increase}万元，"
        f"增长{_percent(increase, spent - increase)}%。",
        f"一般公共预算财政拨款支出年初预算为{budget}万元，决算数为{appropriated}万元，"
        f"完成年初预算的{_percent(appropriated, budget)}%。",
    ]
    return disclosure, sentences


@given(narratives())
def test_claims_generated_from_a_consistent_disclosure_are_never_flagged(
    case: tuple[Disclosure, list[str]],
) -> None:
    """True statements generated from consistent tables are never flagged."""
    disclosure, sentences = case
    report = check(attrs.evolve(disclosure, narrative="\n".join(sentences)), rules=["narrative.*"])
    assert flagged(report) == []
    assert report.coverage["claims_consistent"] == report.coverage["claims_found"]


def _perturbed(sentence: str, shift: Decimal) -> str:
    """The sentence with its last number moved by *shift* (kept non-negative)."""
    head, number, tail = _last_number(sentence)
    moved = Decimal(number) + shift
    if moved < 0:
        moved = Decimal(number) + abs(shift)
    return f"{head}{moved.quantize(_CENT)}{tail}"


def _last_number(sentence: str) -> tuple[str, str, str]:
    matches = list(re.finditer(r"\d+\.\d+", sentence))
    last = matches[-1]
    return sentence[: last.start()], last.group(0), sentence[last.end() :]


@given(
    narratives(),
    st.data(),
    st.decimals(min_value=Decimal("1.00"), max_value=Decimal("500"), places=2),
    st.sampled_from([1, -1]),
)
def test_any_claim_moved_beyond_tolerance_is_flagged(
    case: tuple[Disclosure, list[str]], data: st.DataObject, size: Decimal, sign: int
) -> None:
    """Any one of those statements moved by 1.00 or more is flagged."""
    disclosure, sentences = case
    index = data.draw(st.integers(0, len(sentences) - 1))
    sentences[index] = _perturbed(sentences[index], size * sign)
    report = check(attrs.evolve(disclosure, narrative="\n".join(sentences)), rules=["narrative.*"])
    assert flagged(report), sentences[index]


# --- real documents ---------------------------------------------------------------------


def test_seed_text_narrative(shared: Path) -> None:
    """The seed's own narrative: what the checker finds there is documented in issue 6."""
    disclosure = read(shared / "seeds" / "000_424111e6d4059655.txt")
    verdicts = analyse(disclosure)
    outcomes = {v.outcome for v in verdicts}
    assert Outcome.CONSISTENT in outcomes
    report = check(disclosure, rules=["narrative.*"])
    found = {(f.rule, f.stated) for f in report.findings if f.severity is Severity.ERROR}
    # 增长4.5%: 38.48 on 837.69 is 4.59%; 876.17元 for 万元.
    assert ("narrative.change", "4.5") in found
    assert ("narrative.unit-slip", "876.17") in found
    coarse = {f.stated for f in report.findings if f.severity is Severity.WARNING}
    assert {"96.0", "4.0", "119.0", "111.0", "99.0"} <= coarse
    assert report.coverage["claims_found"] > 80


def test_putuo_narrative(shared: Path) -> None:
    """The Putuo finance bureau's narrative: its two slips are found, nothing else."""
    pdf = shared / "corpus" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
    report = check(read(pdf), rules=["narrative.*"])
    errors = {(f.rule, f.stated) for f in report.findings if f.severity is Severity.ERROR}
    # 财政拨款收入支出总计0.3万元 (公开04表: 2961.68); 2106.66 of 2940.05 is 71.65%, not 71.73%.
    assert errors == {("narrative.amount", "0.3"), ("narrative.share", "71.73")}
    assert report.coverage["claims_bound"] > 50
    payload = json.dumps(report.to_dict(), ensure_ascii=False)
    assert "财政拨款收入支出总计0.3万元" in payload
