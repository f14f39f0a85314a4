"""The budget tables (部门预算 / 单位预算公开表): their columns, lines and identities, as data.

Two published layouts share these kinds: the Shanghai nine-table set (部门财务收支预算总表 …
“三公”经费和机关运行经费预算表, figures in 元 except the 三公 table in 万元) and the Jiangsu
公开01表 … 公开12表 set (万元; the older set titles its tables 一、… 十二、 with department
and year inside). A kind declares every column and line either layout prints; a table
prints the ones it has. Single-figure columns are keyed ``total`` whatever their header
(合计, 金额, 机关运行经费支出), so the same identity reads both layouts.
"""

from __future__ import annotations

from typing import Final

from govbudget.codes import DeptEconomicCode
from govbudget.tables.base import Column, TableKind
from govbudget.tables.specs import LineEqual, LineSpec, LineSum, RowSum, TableSpec

__all__ = ["SETS", "SPECS"]

K = TableKind


def _c(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, label) for key, label in pairs)


#: Lines of the two summary tables (收支预算总表, 财政拨款收支预算总表), both layouts.
_SUMMARY_LINES: Final = (
    LineSpec("appropriation", "财政拨款收入", ("财政拨款",)),
    LineSpec(
        "general_budget",
        "一般公共预算资金",
        ("一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"),
    ),
    LineSpec("gov_fund", "政府性基金", ("政府性基金预算", "政府性基金预算资金")),
    LineSpec("state_capital", "国有资本经营预算", ("国有资本经营预算资金",)),
    LineSpec("special_account", "财政专户管理资金"),
    LineSpec("other_funds", "其他资金"),
    LineSpec("business", "事业收入"),
    LineSpec("operating", "事业单位经营收入", ("经营收入",)),
    LineSpec("other", "其他收入"),
    LineSpec("income_subtotal", "当年收入小计"),
    LineSpec("carryover", "上年结转资金", ("上年结转",)),
    LineSpec("income_total", "收入总计", ("收入合计",)),
    LineSpec("use_basic", "基本支出"),
    LineSpec("use_project", "项目支出"),
    LineSpec("use_reserve", "单位预留机动经费"),
    LineSpec("expenditure_subtotal", "当年支出小计"),
    LineSpec("carry_forward", "结转下年资金", ("结转下年",)),
    LineSpec("expenditure_total", "支出总计", ("支出合计",)),
)

_INCOME_PARTS: Final = (
    "appropriation",
    "special_account",
    "other_funds",
    "business",
    "operating",
    "other",
)
_USES: Final = ("use_basic", "use_project", "use_reserve")

_TOTAL: Final = (LineSpec("total", "合计"),)

_FUNCTIONAL_SPLIT: Final = _c(("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))
_SPLIT_SUM: Final = (RowSum("row.columns", "total", ("basic", "project")),)


def _functional(kind: TableKind, *titles: str) -> TableSpec:
    """A table of functional codes printing 合计 (or 金额) and, in Shanghai, 基本 / 项目."""
    return TableSpec(
        kind,
        _FUNCTIONAL_SPLIT,
        _TOTAL,
        titles=titles,
        aliases={"total": ("金额", "小计")},
        identities=_SPLIT_SUM,
        hierarchy=True,
        total_line=True,
    )


#: The budget specs by kind.
SPECS: Final[dict[TableKind, TableSpec]] = {
    K.BUDGET_SUMMARY: TableSpec(
        K.BUDGET_SUMMARY,
        # A unit budget (单位预算) splits its expenditure side: 预算数 合计 (the amount),
        # 基本支出 (人员经费, 公用经费) and 项目支出.
        _c(
            ("amount", "预算数"),
            ("basic", "基本支出"),
            ("personnel", "人员经费"),
            ("public", "公用经费"),
            ("project", "项目支出"),
        ),
        _SUMMARY_LINES,
        titles=("部门财务收支预算总表", "财务收支预算总表", "部门收支预算总表"),
        aliases={"amount": ("金额", "预算数 合计")},
        identities=(
            LineSum(
                "summary.income",
                "appropriation",
                ("general_budget", "gov_fund", "state_capital"),
                what_zh="财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算",
            ),
            LineSum(
                "summary.income",
                "income_subtotal",
                _INCOME_PARTS,
                what_zh="当年收入小计 = 各项收入之和",
            ),
            LineSum(
                "summary.income",
                "income_total",
                (*_INCOME_PARTS, "carryover"),
                what_zh="收入总计 = 各项收入 + 上年结转",
            ),
            LineSum(
                "summary.expenditure",
                "expenditure_subtotal",
                _USES,
                what_zh="当年支出小计 = 基本支出 + 项目支出 + 单位预留机动经费",
            ),
            LineSum(
                "summary.grand-total",
                "expenditure_total",
                ("expenditure_subtotal", "carry_forward"),
                what_zh="支出总计 = 当年支出小计 + 结转下年资金",
            ),
            LineEqual(
                "summary.balanced",
                ("expenditure_total", "amount"),
                ("income_total", "amount"),
                what_zh="支出总计 = 收入总计",
            ),
        ),
    ),
    K.BUDGET_INCOME: TableSpec(
        K.BUDGET_INCOME,
        _c(
            ("total", "合计"),
            ("appropriation", "财政拨款收入"),
            ("business", "事业收入"),
            ("operating", "事业单位经营收入"),
            ("other", "其他收入"),
        ),
        (
            LineSpec("total", "合计"),
            LineSpec("income_total", "收入总计"),
            LineSpec("general_budget_subtotal", "一般公共预算资金小计"),
            LineSpec(
                "general_budget_appropriation",
                "公共财政拨款（补助）资金",
                ("一般公共预算资金公共财政拨款（补助）资金",),
            ),
            LineSpec("general_budget_special", "专项收入", ("一般公共预算资金专项收入",)),
            LineSpec("gov_fund_subtotal", "政府性基金小计", ("政府性基金",)),
            LineSpec("special_account_subtotal", "财政专户管理资金小计"),
            LineSpec(
                "special_account_education",
                "专户管理教育收费",
                ("财政专户管理资金专户管理教育收费",),
            ),
            LineSpec("special_account_other", "其他非税收入", ("财政专户管理资金其他非税收入",)),
            LineSpec("other_funds_subtotal", "其他资金小计"),
            LineSpec("other_funds_business", "事业收入", ("其他资金事业收入",)),
            LineSpec("other_funds_operating", "经营收入", ("其他资金经营收入",)),
            LineSpec("other_funds_other", "其他收入", ("其他资金其他收入",)),
            LineSpec("other_funds_debt", "债务资金（银行贷款）", ("其他资金债务资金（银行贷款）",)),
            LineSpec("carryover_subtotal", "上年结转和结余资金小计", ("上年结转和结余资金",)),
            LineSpec("carryover_used", "其中：动用上年结转和结余资金"),
        ),
        titles=("部门收入预算总表", "收入预算表"),
        aliases={"total": ("金额", "收入预算合计")},
        identities=(
            RowSum("row.columns", "total", ("appropriation", "business", "operating", "other")),
            LineSum(
                "summary.income",
                "income_total",
                (
                    "general_budget_subtotal",
                    "gov_fund_subtotal",
                    "special_account_subtotal",
                    "other_funds_subtotal",
                    "carryover_subtotal",
                ),
                what_zh="收入总计 = 各项资金小计之和",
            ),
            LineSum(
                "summary.income",
                "general_budget_subtotal",
                ("general_budget_appropriation", "general_budget_special"),
                what_zh="一般公共预算资金小计 = 公共财政拨款（补助）资金 + 专项收入",
            ),
            LineSum(
                "summary.income",
                "special_account_subtotal",
                ("special_account_education", "special_account_other"),
                what_zh="财政专户管理资金小计 = 专户管理教育收费 + 其他非税收入",
            ),
            LineSum(
                "summary.income",
                "other_funds_subtotal",
                (
                    "other_funds_business",
                    "other_funds_operating",
                    "other_funds_other",
                    "other_funds_debt",
                ),
                what_zh="其他资金小计 = 事业收入 + 经营收入 + 其他收入 + 债务资金",
            ),
        ),
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_EXPENDITURE: TableSpec(
        K.BUDGET_EXPENDITURE,
        _c(
            ("total", "合计"),
            ("basic", "基本支出"),
            ("project", "项目支出"),
            ("reserve", "单位预留机动经费"),
            ("carry_forward", "结转下年资金"),
        ),
        _TOTAL,
        titles=("部门支出预算总表", "支出预算表"),
        aliases={"total": ("支出预算合计",)},
        identities=(
            RowSum("row.columns", "total", ("basic", "project", "reserve", "carry_forward")),
        ),
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_APPROPRIATION_SUMMARY: TableSpec(
        K.BUDGET_APPROPRIATION_SUMMARY,
        _c(
            ("amount", "预算数"),
            ("total", "合计"),
            ("general_budget", "一般公共预算"),
            ("gov_fund", "政府性基金预算"),
            ("state_capital", "国有资本经营预算"),
        ),
        _SUMMARY_LINES,
        titles=("部门财政拨款收支预算总表",),
        aliases={"amount": ("金额",)},
        identities=(
            RowSum(
                "summary.fund-columns", "total", ("general_budget", "gov_fund", "state_capital")
            ),
            LineSum(
                "summary.income",
                "income_total",
                ("general_budget", "gov_fund", "state_capital"),
                ("amount",),
                what_zh="收入总计 = 一般公共预算 + 政府性基金 + 国有资本经营预算",
            ),
            LineSum(
                "summary.expenditure",
                "expenditure_total",
                _USES,
                ("amount",),
                what_zh="支出合计 = 基本支出 + 项目支出 + 单位预留机动经费",
            ),
            LineEqual(
                "summary.balanced",
                ("expenditure_total", "total"),
                ("income_total", "amount"),
                what_zh="支出总计 = 收入总计",
            ),
            LineEqual(
                "summary.balanced",
                ("expenditure_total", "amount"),
                ("income_total", "amount"),
                what_zh="支出合计 = 收入合计",
            ),
        ),
    ),
    K.BUDGET_APPROPRIATION_EXPENDITURE: TableSpec(
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        _c(("total", "金额")),
        _TOTAL,
        titles=("财政拨款支出预算表（功能科目）", "部门财政拨款支出预算表"),
        aliases={"total": ("合计",)},
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_APPROPRIATION_BASIC: TableSpec(
        K.BUDGET_APPROPRIATION_BASIC,
        _c(("total", "金额")),
        _TOTAL,
        code_type=DeptEconomicCode,
        titles=("财政拨款基本支出预算表（经济科目）", "部门财政拨款基本支出预算表"),
        aliases={"total": ("合计",)},
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_GENERAL_EXPENDITURE: _functional(
        K.BUDGET_GENERAL_EXPENDITURE,
        "一般公共预算支出功能分类预算表",
        "部门一般公共预算支出功能分类预算表",
        "一般公共预算支出预算表（功能科目）",
        "部门一般公共预算支出预算表",
    ),
    K.BUDGET_GENERAL_BASIC: TableSpec(
        K.BUDGET_GENERAL_BASIC,
        _c(("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")),
        _TOTAL,
        code_type=DeptEconomicCode,
        titles=(
            "一般公共预算基本支出部门预算经济分类预算表",
            "部门一般公共预算基本支出部门预算经济分类预算表",
            "一般公共预算基本支出预算表（经济科目）",
            "部门一般公共预算基本支出预算表",
        ),
        aliases={"total": ("金额",)},
        identities=(RowSum("row.columns", "total", ("personnel", "public")),),
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_THREE_PUBLIC: TableSpec(
        K.BUDGET_THREE_PUBLIC,
        _c(
            ("total", "合计"),
            ("three_public", "“三公”经费 小计"),
            ("abroad", "因公出国（境）费"),
            ("vehicle", "公务用车购置及运行费 小计"),
            ("vehicle_purchase", "公务用车购置费"),
            ("vehicle_operation", "公务用车运行费"),
            ("reception", "公务接待费"),
            ("meeting", "会议费"),
            ("training", "培训费"),
            ("operating_costs", "机关运行经费预算数"),
        ),
        (LineSpec("three_public", "“三公”经费"),),
        code_type=None,
        titles=(
            "“三公”经费和机关运行经费预算表",
            "部门“三公”经费和机关运行经费预算表",
            "单位“三公”经费和机关运行经费预算表",
            "“三公”经费、会议费、培训费支出预算表",
            "一般公共预算“三公”经费、会议费、培训费支出预算表",
            "部门一般公共预算“三公”经费、会议费、培训费支出预算表",
            "“三公”经费预算表",
        ),
        aliases={
            "three_public": ("“三公”经费预算数 合计",),
            "vehicle": ("公务用车购置及运行维护费 小计",),
            "vehicle_operation": ("公务用车运行维护费", "运行费"),
            "vehicle_purchase": ("购置费",),
            "operating_costs": ("机关运行经费预算", "机关运行经费"),
        },
        identities=(
            RowSum(
                "three-public.sum",
                "total",
                ("abroad", "vehicle", "reception", "meeting", "training"),
            ),
            RowSum("three-public.sum", "three_public", ("abroad", "vehicle", "reception")),
            RowSum("three-public.sum", "vehicle", ("vehicle_purchase", "vehicle_operation")),
        ),
    ),
    K.BUDGET_GOV_FUND: _functional(
        K.BUDGET_GOV_FUND,
        "政府性基金预算支出功能分类预算表",
        "部门政府性基金预算支出功能分类预算表",
        "政府性基金预算财政拨款支出预算表",
        "政府性基金财政拨款支出预算表",
        "部门政府性基金支出预算表",
        "政府性基金支出预算表",
    ),
    K.BUDGET_STATE_CAPITAL: _functional(
        K.BUDGET_STATE_CAPITAL,
        "国有资本经营预算支出功能分类预算表",
        "部门国有资本经营预算支出功能分类预算表",
        "国有资本经营预算财政拨款支出预算表",
    ),
    K.BUDGET_OPERATING_COSTS: TableSpec(
        K.BUDGET_OPERATING_COSTS,
        _c(("total", "机关运行经费支出")),
        _TOTAL,
        code_type=DeptEconomicCode,
        titles=("部门一般公共预算机关运行经费支出预算表", "机关运行经费支出预算表"),
        aliases={"total": ("金额", "合计")},
        hierarchy=True,
        total_line=True,
    ),
    K.BUDGET_PROCUREMENT: TableSpec(
        K.BUDGET_PROCUREMENT,
        _c(("total", "总计")),
        (
            LineSpec("total", "合计"),
            LineSpec("goods", "货物", ("货物A", "货物类")),
            LineSpec("works", "工程", ("工程B", "工程类")),
            LineSpec("services", "服务", ("服务C", "服务类")),
        ),
        code_type=None,
        titles=("部门政府采购预算表", "政府采购预算表"),
        aliases={"total": ("金额", "合计", "预算金额")},
        labels=(
            "采购品目大类",
            "采购品目",
            "大类",
            "专项名称",
            "项目名称",
            "经济科目",
            "采购物品名称",
            "采购品目名称",
            "采购组织形式",
        ),
        item_labels=("采购物品名称", "采购品目名称", "采购组织形式"),
        identities=(
            LineSum(
                "summary.procurement",
                "total",
                ("goods", "works", "services"),
                what_zh="政府采购合计 = 货物 + 工程 + 服务",
            ),
        ),
        items=True,
    ),
}


#: The tables each published budget set must hold, by region's layout. A budget is
#: judged against the smallest set that holds every kind it prints.
SETS: Final[dict[str, tuple[TableKind, ...]]] = {
    "上海": (
        K.BUDGET_SUMMARY,
        K.BUDGET_INCOME,
        K.BUDGET_EXPENDITURE,
        K.BUDGET_APPROPRIATION_SUMMARY,
        K.BUDGET_GENERAL_EXPENDITURE,
        K.BUDGET_GOV_FUND,
        K.BUDGET_STATE_CAPITAL,
        K.BUDGET_GENERAL_BASIC,
        K.BUDGET_THREE_PUBLIC,
    ),
    "江苏": (
        K.BUDGET_SUMMARY,
        K.BUDGET_INCOME,
        K.BUDGET_EXPENDITURE,
        K.BUDGET_APPROPRIATION_SUMMARY,
        K.BUDGET_APPROPRIATION_EXPENDITURE,
        K.BUDGET_APPROPRIATION_BASIC,
        K.BUDGET_GENERAL_EXPENDITURE,
        K.BUDGET_GENERAL_BASIC,
        K.BUDGET_THREE_PUBLIC,
        K.BUDGET_GOV_FUND,
        K.BUDGET_OPERATING_COSTS,
        K.BUDGET_PROCUREMENT,
    ),
}
