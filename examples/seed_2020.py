"""Build a disclosure in code: the 2020 final accounts of 株洲市渌口区人大常委会.

The figures, codes and names are the ones the department published (facts); the
narrative below is written for this example and only restates some of those figures.
Run it to check the disclosure and write it as JSON next to this file::

    python examples/seed_2020.py

``examples/seed_2020.json`` is the file this writes (kept in the repository, and checked
by the tests to be what this script builds).
"""

from __future__ import annotations

import attrs

from govbudget import (
    Amount,
    DeptEconomicCode,
    Disclosure,
    FunctionCode,
    Row,
    Table,
    TableKind,
    Unit,
    parse_amount,
)
from govbudget.tables import spec

UNIT = Unit.WAN
DEPARTMENT = "株洲市渌口区人大常委会"

FUNCTIONAL = (
    ("201", "一般公共服务支出", "836.91"),
    ("20101", "人大事务", "836.91"),
    ("2010101", "行政运行", "657.19"),
    ("2010102", "一般行政管理事务", "6.43"),
    ("2010104", "人大会议", "24.2"),
    ("2010106", "人大监督", "92.84"),
    ("2010107", "人大代表履职能力提升", "56.25"),
    ("221", "住房保障支出", "39.26"),
    ("22102", "住房改革支出", "39.26"),
    ("2210201", "住房公积金", "39.26"),
)

ECONOMIC = (
    ("301", "工资福利支出", "547.16"),
    ("30101", "基本工资", "176.61"),
    ("30102", "津贴补贴", "108.42"),
    ("30103", "奖金", "103.99"),
    ("30106", "伙食补助费", ""),
    ("30107", "绩效工资", ""),
    ("30108", "机关事业单位基本养老保险缴费", "46.31"),
    ("30109", "职业年金缴费", ""),
    ("30110", "职工基本医疗保险缴费", "26.68"),
    ("30111", "公务员医疗补助缴费", ""),
    ("30112", "其他社会保障缴费", "8.21"),
    ("30113", "住房公积金", "44.38"),
    ("30114", "医疗费", "21.91"),
    ("30199", "其他工资福利支出", "10.65"),
    ("303", "对个人和家庭的补助", "53.72"),
    ("30301", "离休费", "16.28"),
    ("30302", "退休费", ""),
    ("30303", "退职（役）费", ""),
    ("30304", "抚恤金", ""),
    ("30305", "生活补助", "1.34"),
    ("30306", "救济费", "0.73"),
    ("30307", "医疗费补助", "19.09"),
    ("30308", "助学金", ""),
    ("30309", "奖励金", "2.52"),
    ("30310", "个人农业生产补贴", ""),
    ("30311", "代缴社会保险费", ""),
    ("30399", "其他对个人和家庭的补助", "13.76"),
    ("302", "商品和服务支出", "272.02"),
    ("30201", "办公费", "47.24"),
    ("30202", "印刷费", "30.07"),
    ("30203", "咨询费", ""),
    ("30204", "手续费", ""),
    ("30205", "水费", ""),
    ("30206", "电费", ""),
    ("30207", "邮电费", "12.32"),
    ("30208", "取暖费", ""),
    ("30209", "物业管理费", "0.78"),
    ("30211", "差旅费", "1.56"),
    ("30212", "因公出国（境）费用", ""),
    ("30213", "维修（护）费", "4.88"),
    ("30214", "租赁费", "1.64"),
    ("30215", "会议费", "35.99"),
    ("30216", "培训费", ""),
    ("30217", "公务接待费", "1.98"),
    ("30218", "专用材料费", ""),
    ("30224", "被装购置费", ""),
    ("30225", "专用燃料费", ""),
    ("30226", "劳务费", "6.23"),
    ("30227", "委托业务费", "9.5"),
    ("30228", "工会经费", "16.29"),
    ("30229", "福利费", "3.1"),
    ("30231", "公务用车运行维护费", ""),
    ("30239", "其他交通费用", "35.41"),
    ("30240", "税金及附加费用", ""),
    ("30299", "其他商品和服务支出", "65.03"),
    ("307", "债务利息及费用支出", ""),
    ("30701", "国内债务付息", ""),
    ("30702", "国外债务付息", ""),
    ("310", "资本性支出", ""),
    ("31001", "房屋建筑物购建", ""),
    ("31002", "办公设备购置", "3.27"),
    ("31003", "专用设备购置", ""),
    ("31005", "基础设施建设", ""),
    ("31006", "大型修缮", ""),
    ("31007", "信息网络及软件购置更新", ""),
    ("31008", "物资储备", ""),
    ("31009", "土地补偿", ""),
    ("31010", "安置补助", ""),
    ("31011", "地上附着物和青苗补偿", ""),
    ("31012", "拆迁补偿", ""),
    ("31013", "公务用车购置", ""),
    ("31019", "其他交通工具购置", ""),
    ("31021", "文物和陈列品购置", ""),
    ("31022", "无形资产购置", ""),
    ("31099", "其他资本性支出", ""),
    ("399", "其他支出", ""),
    ("39906", "赠与", ""),
    ("39907", "国家赔偿费用支出", ""),
    ("39908", "对民间非营利组织和群众性自治组织补贴", ""),
    ("39999", "其他支出", ""),
)

# The expenditure lines of 01 and 04 as printed (类 by name, lines 14-20).
CATEGORY_LINES = (
    ("201", "一般公共服务支出", "836.91"),
    ("202", "外交支出", ""),
    ("203", "国防支出", ""),
    ("204", "公共安全支出", ""),
    ("205", "教育支出", ""),
    ("206", "科学技术支出", ""),
    ("221", "住房保障支出", "39.26"),
)

NARRATIVE = """\
情况说明（示例，据公开数字改写）

一、收入支出决算总体情况：2020年度收入、支出总计都是876.17万元。

二、收入决算情况：本年收入合计876.17万元，全部为财政拨款收入，占100.0%。

三、支出决算情况：本年支出合计876.17万元，全部为基本支出。其中一般公共服务支出836.91万元，\
住房保障支出39.26万元。

四、一般公共预算财政拨款基本支出：基本支出876.17万元，其中人员经费600.88万元，公用经费275.29万元。

五、“三公”经费：预算2.01万元，决算1.98万元，全部为公务接待费。
"""


def figures(*texts: str) -> list[Amount]:
    """Parse printed figures in the disclosure's unit."""
    return [parse_amount(text, UNIT) for text in texts]


def table(kind: TableKind, rows: list[Row], *, no_data: bool = False, note: str = "") -> Table:
    """A table of *kind* printing every column its spec lists."""
    return Table(kind, UNIT, spec(kind).columns, rows, no_data=no_data, note=note)


def cells(keys: tuple[str, ...], texts: tuple[str, ...]) -> dict[str, Amount]:
    """Cells by column key from printed texts."""
    return dict(zip(keys, figures(*texts), strict=True))


def line(key: str, label: str, **columns: str) -> Row:
    """A fixed line of a summary table."""
    return Row(line=key, label=label, cells={k: parse_amount(v, UNIT) for k, v in columns.items()})


def functional_table(kind: TableKind, columns: tuple[str, ...]) -> Table:
    """02, 03 or 05: the 合计 row and the functional rows; every figure sits in *columns*."""
    keys = spec(kind).column_keys()

    def printed(value: str) -> tuple[str, ...]:
        return tuple(value if key in columns else "" for key in keys)

    rows = [Row(line="total", label="合计", cells=cells(keys, printed("876.17")))]
    rows += [
        Row(code=FunctionCode(code), label=name, cells=cells(keys, printed(value)))
        for code, name, value in FUNCTIONAL
    ]
    return table(kind, rows)


def seed_disclosure() -> Disclosure:
    """The nine tables of the 2020 final accounts, as published."""
    summary = [
        line("general_budget_income", "一般公共预算财政拨款收入", amount="876.17"),
        *(
            line(key, found.label, amount="")
            for key, found in (
                (k, spec(TableKind.INCOME_EXPENDITURE_SUMMARY).line(k))
                for k in (
                    "gov_fund_income",
                    "state_capital_income",
                    "superior_subsidy_income",
                    "business_income",
                    "operating_income",
                    "affiliated_income",
                    "other_income",
                )
            )
        ),
        line("income_total", "本年收入合计", amount="876.17"),
        line("use_non_appropriation_balance", "使用非财政拨款结余", amount=""),
        line("opening_balance", "年初结转和结余", amount=""),
        line("income_grand_total", "总计", amount="876.17"),
        *(
            Row(code=FunctionCode(c), label=n, cells={"amount": parse_amount(v, UNIT)})
            for c, n, v in CATEGORY_LINES
        ),
        line("expenditure_total", "本年支出合计", amount="876.17"),
        line("surplus_distribution", "结余分配", amount=""),
        line("closing_balance", "年末结转和结余", amount=""),
        line("expenditure_grand_total", "总计", amount="876.17"),
    ]
    fund_columns = ("total", "general_budget", "gov_fund", "state_capital")
    appropriation = [
        line("general_budget_income", "一般公共预算财政拨款", amount="876.17"),
        line("gov_fund_income", "政府性基金预算财政拨款", amount=""),
        line("state_capital_income", "国有资本经营预算财政拨款", amount=""),
        line("income_total", "本年收入合计", amount="876.17"),
        line("opening_balance", "年初财政拨款结转和结余", amount=""),
        line("opening_general_budget", "一般公共预算财政拨款", amount=""),
        line("opening_gov_fund", "政府性基金预算财政拨款", amount=""),
        line("opening_state_capital", "国有资本经营预算财政拨款", amount=""),
        line("income_grand_total", "总计", amount="876.17"),
        *(
            Row(code=FunctionCode(c), label=n, cells=cells(fund_columns, (v, v, "", "")))
            for c, n, v in CATEGORY_LINES
        ),
        Row(
            line="expenditure_total",
            label="本年支出合计",
            cells=cells(fund_columns, ("876.17", "876.17", "", "")),
        ),
        Row(
            line="closing_balance",
            label="年末财政拨款结转和结余",
            cells=cells(fund_columns, ("", "", "", "")),
        ),
        Row(
            line="expenditure_grand_total",
            label="总计",
            cells=cells(fund_columns, ("876.17", "876.17", "", "")),
        ),
    ]
    basic = [
        Row(code=DeptEconomicCode(c), label=n, cells={"amount": parse_amount(v, UNIT)})
        for c, n, v in ECONOMIC
    ]
    basic += [
        line("personnel_total", "人员经费合计", amount="600.88"),
        line("public_total", "公用经费合计", amount="275.29"),
    ]
    three_keys = spec(TableKind.THREE_PUBLIC).column_keys()
    three = [
        Row(
            line="three_public",
            label="“三公”经费",
            cells=cells(
                three_keys, ("2.01", "", "", "", "", "2.01", "1.98", "", "", "", "", "1.98")
            ),
        ),
    ]
    gov_fund_note = (
        "株洲市渌口区人大常委会没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。"
    )
    state_capital_note = "株洲市渌口区人大常委会没有使用国有资本经营预算安排的支出，故本表无数据。"
    state_capital_columns = tuple(
        c for c in spec(TableKind.STATE_CAPITAL).columns if c.key in ("total", "basic", "project")
    )
    tables = [
        table(TableKind.INCOME_EXPENDITURE_SUMMARY, summary),
        functional_table(TableKind.INCOME, ("total", "appropriation")),
        functional_table(TableKind.EXPENDITURE, ("total", "basic")),
        table(TableKind.APPROPRIATION_SUMMARY, appropriation),
        functional_table(TableKind.GENERAL_BUDGET_EXPENDITURE, ("total", "basic")),
        table(TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE, basic),
        table(TableKind.THREE_PUBLIC, three),
        table(TableKind.GOV_FUND, [], no_data=True, note=gov_fund_note),
        Table(
            TableKind.STATE_CAPITAL,
            UNIT,
            state_capital_columns,
            [],
            no_data=True,
            note=state_capital_note,
        ),
    ]
    return Disclosure(
        department=DEPARTMENT,
        year=2020,
        unit=UNIT,
        tables={t.kind: t for t in tables},
        narrative=NARRATIVE,
        source="examples/seed_2020.py",
    )


if __name__ == "__main__":
    from pathlib import Path

    from govbudget import check
    from govbudget.serialize import dumps

    disclosure = seed_disclosure()
    report = check(disclosure)
    for finding in report.findings:
        print(f"[{finding.severity.value}] {finding.rule}: {finding.message_zh}")
    print(f"{report.checked} relations checked; {report.counts()}")
    target = Path(__file__).with_suffix(".json")
    target.write_text(dumps(attrs.evolve(disclosure, source=target.name)) + "\n", encoding="utf-8")
    print(f"wrote {target.name}")
