"""Check the sums of a real 2020 final account, figure by figure, with rounding tolerance.

The figures are those a district people's congress in Hunan published in its 2020 final
accounts (公开02表 and 公开06表); they are facts. Run: ``python examples/amounts_and_codes.py``.
"""

from govbudget import FunctionCode, Unit, common_places, compare, parse_amount, total

# 公开02表: each parent row and the rows directly below it, as printed (万元).
ROWS = {
    "合计": ("876.17", ["836.91", "39.26"]),
    "201 一般公共服务支出": ("836.91", ["836.91"]),
    "20101 人大事务": ("836.91", ["657.19", "6.43", "24.2", "92.84", "56.25"]),
    "221 住房保障支出": ("39.26", ["39.26"]),
    # 公开06表: 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助
    "人员经费合计": ("600.88", ["547.16", "53.72"]),
}


def main() -> None:
    """Print one verdict per sum, each with its difference and tolerance."""
    figures = [t for parent, children in ROWS.values() for t in [parent, *children]]
    places = common_places(parse_amount(t, Unit.WAN) for t in figures)
    print(f"table precision: {places} decimals (万元)")
    for label, (parent, children) in ROWS.items():
        found = parse_amount(parent, Unit.WAN).with_places(places)
        expected = total(parse_amount(c, Unit.WAN).with_places(places) for c in children)
        verdict = compare(found, expected)
        mark = "ok " if verdict.consistent else "BAD"
        print(
            f"{mark} {label}: {found.printed()} vs {verdict.expected} "
            f"(difference {verdict.difference}, tolerance ±{verdict.tolerance})"
        )
    code = FunctionCode.parse("[2010107]人大代表履职能力提升")
    print(f"{code} is a {code.level.label} under {' › '.join(map(str, code.ancestors))}")


if __name__ == "__main__":
    main()
