"""The final-account tables (决算公开表): their columns and fixed lines, as data.

Each :class:`TableSpec` names, for one :class:`~govbudget.tables.base.TableKind`, the
columns a table of that kind may print (stable key, usual header, header spellings seen
in real documents), the fixed lines of the summary tables (01, 04, 07), and the scheme of
the codes its rows are keyed by. Readers use the spellings to place what they read; checks
use the keys.
"""

from __future__ import annotations

from typing import Final

from govbudget.codes import DeptEconomicCode
from govbudget.tables.base import Column, TableKind
from govbudget.tables.specs import LineSpec, RowSum, TableSpec

__all__ = ["APPROPRIATION_LINES", "CATEGORY_CODES", "SPECS"]


def _c(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, label) for key, label in pairs)


_INCOME_SOURCES: Final = (
    LineSpec("general_budget_income", "一般公共预算财政拨款收入", ("一般公共预算财政拨款",)),
    LineSpec("gov_fund_income", "政府性基金预算财政拨款收入", ("政府性基金预算财政拨款",)),
    LineSpec("state_capital_income", "国有资本经营预算财政拨款收入", ("国有资本经营预算财政拨款",)),
    LineSpec("superior_subsidy_income", "上级补助收入"),
    LineSpec("business_income", "事业收入"),
    LineSpec("operating_income", "经营收入"),
    LineSpec("affiliated_income", "附属单位上缴收入"),
    LineSpec("other_income", "其他收入"),
)

#: Income lines of 01 that are appropriations (财政拨款), in the order 04 prints them.
APPROPRIATION_LINES: Final = ("general_budget_income", "gov_fund_income", "state_capital_income")

#: Functional 类 by the names summary tables (01, 04) print them under, across the years
#: since the 2018 reform (renamed classes keep both names). Summary tables list 类 by name
#: only; readers use this to key those lines by code.
CATEGORY_CODES: Final[dict[str, str]] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

#: The names the vehicle group of the 三公 table is printed under, and the names of its
#: two parts under that group (购置费 / 运行维护费 alone, or spelt out).
_VEHICLE_GROUPS: Final = ("公务用车购置及运行费", "公务用车购置及运行维护费")
_VEHICLE_PARTS: Final = {
    "vehicle_purchase": ("购置费", "公务用车购置费"),
    "vehicle_operation": ("运行费", "运行维护费", "公务用车运行费", "公务用车运行维护费"),
}


def _three_public_aliases() -> dict[str, tuple[str, ...]]:
    """Header spellings of the 三公 table's vehicle columns, for 预算数 and 决算数.

    Layouts nest the vehicle columns three deep, with 预算数 / 决算数 on top or at the
    bottom: ``公务用车购置及运行维护费 / 小计 / 预算数`` and
    ``公务用车购置及运行维护费 / 购置费 / 决算数`` name the same columns as
    ``预算数 / 公务用车购置及运行费 / 小计`` and ``决算数 / 公务用车购置费``. Each
    spelling lists its header words in any order; the matcher looks each word up along
    the path, so order does not matter.
    """
    aliases: dict[str, tuple[str, ...]] = {}
    for side, word in (("budget", "预算数"), ("actual", "决算数")):
        aliases[f"{side}_vehicle"] = (f"{word} 公务用车购置及运行维护费 小计",)
        for key, parts in _VEHICLE_PARTS.items():
            aliases[f"{side}_{key}"] = tuple(
                f"{word} {group} {part}" for group in _VEHICLE_GROUPS for part in parts
            )
        aliases[f"{side}_vehicle_operation"] += (f"{word} 公务用车运行维护费",)
    return aliases


#: The final-account specs by kind.
SPECS: Final[dict[TableKind, TableSpec]] = {
    TableKind.INCOME_EXPENDITURE_SUMMARY: TableSpec(
        TableKind.INCOME_EXPENDITURE_SUMMARY,
        _c(("amount", "决算数")),
        (
            *_INCOME_SOURCES,
            LineSpec("income_total", "本年收入合计"),
            LineSpec(
                "use_non_appropriation_balance",
                "使用非财政拨款结余",
                ("使用非财政拨款结余（含专用结余）",),
            ),
            LineSpec("opening_balance", "年初结转和结余"),
            LineSpec("income_grand_total", "总计"),
            LineSpec("expenditure_total", "本年支出合计"),
            LineSpec("surplus_distribution", "结余分配"),
            LineSpec("closing_balance", "年末结转和结余"),
            LineSpec("expenditure_grand_total", "总计"),
        ),
        titles=("收入支出决算总表",),
    ),
    TableKind.INCOME: TableSpec(
        TableKind.INCOME,
        _c(
            ("total", "本年收入合计"),
            ("appropriation", "财政拨款收入"),
            ("superior_subsidy", "上级补助收入"),
            ("business", "事业收入"),
            ("operating", "经营收入"),
            ("affiliated", "附属单位上缴收入"),
            ("other", "其他收入"),
        ),
        (LineSpec("total", "合计"),),
        titles=("收入决算表",),
        aliases={"total": ("合计",), "appropriation": ("财政拨款",)},
        identities=(
            RowSum(
                "row.columns",
                "total",
                (
                    "appropriation",
                    "superior_subsidy",
                    "business",
                    "operating",
                    "affiliated",
                    "other",
                ),
            ),
        ),
        hierarchy=True,
        total_line=True,
    ),
    TableKind.EXPENDITURE: TableSpec(
        TableKind.EXPENDITURE,
        _c(
            ("total", "本年支出合计"),
            ("basic", "基本支出"),
            ("project", "项目支出"),
            ("remit_superior", "上缴上级支出"),
            ("operating", "经营支出"),
            ("affiliated_subsidy", "对附属单位补助支出"),
        ),
        (LineSpec("total", "合计"),),
        titles=("支出决算表",),
        aliases={"total": ("合计",)},
        identities=(
            RowSum(
                "row.columns",
                "total",
                ("basic", "project", "remit_superior", "operating", "affiliated_subsidy"),
            ),
        ),
        hierarchy=True,
        total_line=True,
    ),
    TableKind.APPROPRIATION_SUMMARY: TableSpec(
        TableKind.APPROPRIATION_SUMMARY,
        _c(
            ("amount", "决算数"),
            ("total", "合计"),
            ("general_budget", "一般公共预算财政拨款"),
            ("gov_fund", "政府性基金预算财政拨款"),
            ("state_capital", "国有资本经营预算财政拨款"),
        ),
        (
            LineSpec("general_budget_income", "一般公共预算财政拨款"),
            LineSpec("gov_fund_income", "政府性基金预算财政拨款"),
            LineSpec("state_capital_income", "国有资本经营预算财政拨款"),
            LineSpec("income_total", "本年收入合计"),
            LineSpec("opening_balance", "年初财政拨款结转和结余"),
            LineSpec("opening_general_budget", "一般公共预算财政拨款"),
            LineSpec("opening_gov_fund", "政府性基金预算财政拨款"),
            LineSpec("opening_state_capital", "国有资本经营预算财政拨款"),
            LineSpec("income_grand_total", "总计"),
            LineSpec("expenditure_total", "本年支出合计"),
            LineSpec("closing_balance", "年末财政拨款结转和结余"),
            LineSpec("closing_general_budget", "一般公共预算财政拨款"),
            LineSpec("closing_gov_fund", "政府性基金预算财政拨款"),
            LineSpec("closing_state_capital", "国有资本经营预算财政拨款"),
            LineSpec("expenditure_grand_total", "总计"),
        ),
        titles=("财政拨款收入支出决算总表",),
        aliases={"amount": ("金额",)},
        identities=(
            RowSum(
                "summary.fund-columns", "total", ("general_budget", "gov_fund", "state_capital")
            ),
        ),
    ),
    TableKind.GENERAL_BUDGET_EXPENDITURE: TableSpec(
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        _c(("total", "小计"), ("basic", "基本支出"), ("project", "项目支出")),
        (LineSpec("total", "合计"),),
        titles=("一般公共预算财政拨款支出决算表",),
        aliases={"total": ("合计", "本年支出")},
        identities=(RowSum("row.columns", "total", ("basic", "project")),),
        hierarchy=True,
        total_line=True,
    ),
    TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE: TableSpec(
        TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE,
        _c(("amount", "决算数")),
        (
            LineSpec("personnel_total", "人员经费合计"),
            LineSpec("public_total", "公用经费合计"),
        ),
        code_type=DeptEconomicCode,
        titles=("一般公共预算财政拨款基本支出决算表",),
        hierarchy=True,
    ),
    TableKind.THREE_PUBLIC: TableSpec(
        TableKind.THREE_PUBLIC,
        _c(
            ("budget_total", "预算数 合计"),
            ("budget_abroad", "预算数 因公出国（境）费"),
            ("budget_vehicle", "预算数 公务用车购置及运行费 小计"),
            ("budget_vehicle_purchase", "预算数 公务用车购置费"),
            ("budget_vehicle_operation", "预算数 公务用车运行费"),
            ("budget_reception", "预算数 公务接待费"),
            ("actual_total", "决算数 合计"),
            ("actual_abroad", "决算数 因公出国（境）费"),
            ("actual_vehicle", "决算数 公务用车购置及运行费 小计"),
            ("actual_vehicle_purchase", "决算数 公务用车购置费"),
            ("actual_vehicle_operation", "决算数 公务用车运行费"),
            ("actual_reception", "决算数 公务接待费"),
        ),
        (LineSpec("three_public", "“三公”经费"),),
        code_type=None,
        titles=(
            "一般公共预算财政拨款“三公”经费支出决算表",
            "财政拨款“三公”经费支出决算表",
            "“三公”经费支出决算表",
        ),
        aliases=_three_public_aliases(),
    ),
    TableKind.GOV_FUND: TableSpec(
        TableKind.GOV_FUND,
        _c(
            ("opening", "年初结转和结余"),
            ("income", "本年收入"),
            ("total", "本年支出 小计"),
            ("basic", "本年支出 基本支出"),
            ("project", "本年支出 项目支出"),
            ("closing", "年末结转和结余"),
        ),
        (LineSpec("total", "合计"),),
        titles=("政府性基金预算财政拨款收入支出决算表",),
        aliases={"total": ("本年支出 合计",)},
        identities=(RowSum("row.columns", "total", ("basic", "project")),),
        hierarchy=True,
        total_line=True,
    ),
    TableKind.STATE_CAPITAL: TableSpec(
        TableKind.STATE_CAPITAL,
        _c(
            ("opening", "年初结转和结余"),
            ("income", "本年收入"),
            ("total", "本年支出 合计"),
            ("basic", "本年支出 基本支出"),
            ("project", "本年支出 项目支出"),
            ("closing", "年末结转和结余"),
        ),
        (LineSpec("total", "合计"),),
        titles=(
            "国有资本经营预算财政拨款支出决算表",
            "国有资本经营预算财政拨款收入支出决算表",
        ),
        aliases={"total": ("本年支出 小计",)},
        identities=(RowSum("row.columns", "total", ("basic", "project")),),
        hierarchy=True,
        total_line=True,
    ),
}
