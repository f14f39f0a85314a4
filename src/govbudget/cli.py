"""The ``govbudget`` command line.

Commands:

``govbudget check PATH ... [--format text|json] [--rules ID ...] [--skip ID ...]``
    Read each disclosure and run every consistency check; print the findings grouped by
    table (or the JSON report, schema ``govbudget.report/1``).
``govbudget sum PARENT = CHILD + CHILD ...``
    Check that a printed total equals the sum of printed parts, within rounding. The
    precision is inferred from all the figures together, as a table prints them.
``govbudget convert PATH --to json|csv|xlsx [-o OUT]``
    Read a disclosure in any format and write it as govbudget JSON (to OUT or standard
    output), CSV files (one per table, in the folder OUT) or an Excel workbook OUT.
``govbudget code TEXT ...``
    Read classification codes as documents print them and show scheme, level, ancestors.
``govbudget lookup CODE [--year Y] [--list FILE]``
    Show a code's official name in a year (default: the latest year that lists it), its
    ancestors, the years that list it, and where the name was verified.
``govbudget search TEXT [--year Y] [--list FILE]``
    Find codes by name (exact, substring, fuzzy) or by code prefix; exit 1 when none match.
``govbudget diff YEAR_A YEAR_B [--scheme functional|dept_economic|gov_economic]``
    Codes added, removed and renamed between two years of the catalogue.

``--list FILE`` merges a user's copy of 《政府收支分类科目》 (CSV or .xlsx, columns
科目编码, 科目名称) over the shipped names for ``--year``.

Exit status: 0 when every check holds (no error finding), 1 when one does not, 2 when
an input could not be read or the command was misused. Errors are one line on stderr;
``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from govbudget import serialize, writers
from govbudget.amount import Unit, common_places, compare, parse_amount, total
from govbudget.catalogue import Catalogue, read_user_list
from govbudget.checks import check
from govbudget.codes import Scheme, parse_code
from govbudget.errors import GovbudgetError
from govbudget.readers import read
from govbudget.report import REPORT_SCHEMA, Finding, Report, Severity

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _cmd_sum(args: argparse.Namespace) -> int:
    terms: list[str] = args.terms
    if "=" not in terms:
        raise GovbudgetError("write the check as: PARENT = CHILD + CHILD ...")
    split = terms.index("=")
    left, right = terms[:split], [t for t in terms[split + 1 :] if t != "+"]
    if len(left) != 1 or not right:
        raise GovbudgetError("write the check as: PARENT = CHILD + CHILD ...")
    unit = Unit.parse(args.unit)
    parent = parse_amount(left[0], unit)
    children = [parse_amount(t, unit) for t in right]
    places = args.places if args.places is not None else common_places([parent, *children])
    parent = parent.with_places(places)
    expected = total((c.with_places(places) for c in children), unit)
    verdict = compare(parent, expected)
    status = "consistent" if verdict.consistent else "INCONSISTENT"
    print(
        f"{status}: {parent.printed()} {unit.value} vs sum of {len(children)} = "
        f"{verdict.expected} {unit.value}; difference {verdict.difference}, "
        f"tolerance ±{verdict.tolerance} (printed at {places} decimals)"
    )
    return EXIT_OK if verdict.consistent else EXIT_FINDINGS


def _cmd_code(args: argparse.Namespace) -> int:
    for text in args.codes:
        code, name = type(parse_code(text)).parse_with_name(text)
        path = " › ".join(str(c) for c in (*code.ancestors, code))
        label = f" {name}" if name else ""
        print(f"{code}{label}\t{code.scheme.value} {code.level.label}\t{path}")
    return EXIT_OK


_SCHEMES = {
    "functional": Scheme.FUNCTIONAL,
    "dept_economic": Scheme.DEPT_ECONOMIC,
    "gov_economic": Scheme.GOV_ECONOMIC,
}


def _catalogue(args: argparse.Namespace) -> Catalogue:
    catalogue = Catalogue()
    if args.list is not None:
        if args.year is None:
            raise GovbudgetError("--list needs --year: the year the list is for")
        catalogue = catalogue.with_user_list(read_user_list(args.list, args.year))
    return catalogue


def _cmd_lookup(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    entry = catalogue.lookup(args.code, args.year)
    print(f"{entry.code} {entry.name}")
    print(f"  {entry.scheme.value} {entry.level.label}, {entry.year}")
    for ancestor in catalogue.ancestors(entry.code, entry.year):
        print(f"  {ancestor.level.label} {ancestor.code} {ancestor.name}")
    print(f"  listed in: {', '.join(str(y) for y in entry.years)}")
    print(f"  source: {entry.source}")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    matches = _catalogue(args).search(args.text, year=args.year, limit=args.limit)
    if not matches:
        where = f" in {args.year}" if args.year is not None else ""
        print(f"govbudget search: no code matches {args.text!r}{where}", file=sys.stderr)
        return EXIT_FINDINGS
    for m in matches:
        years = ", ".join(str(y) for y in m.years)
        print(f"{m.entry.code}\t{m.entry.name}\t{m.entry.scheme.value}\t{years}\t{m.how}")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    scheme = _SCHEMES[args.scheme] if args.scheme is not None else None
    change = Catalogue().diff(args.year_a, args.year_b, scheme)
    for entry in change.added:
        print(f"+ {entry.code} {entry.name}")
    for entry in change.removed:
        print(f"- {entry.code} {entry.name}")
    for rename in change.renamed:
        print(f"~ {rename.code} {rename.old.name} → {rename.new.name}")
    if not (change.added or change.removed or change.renamed):
        print(f"no change between {args.year_a} and {args.year_b}")
    if change.partial:
        print(
            "note: the shipped lists hold only verified codes; + and - may mean "
            "'verified in one year only'",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    reports: list[Report] = []
    failed: list[tuple[str, str]] = []
    for path in args.paths:
        try:
            disclosure = read(path)
        except (GovbudgetError, OSError) as exc:
            if args.debug:
                raise
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            failed.append((path, message))
            print(f"govbudget check: error: {path}: {message}", file=sys.stderr)
            continue
        full = check(disclosure, rules=args.rules, skip=args.skip or ())
        reports.append(attrs.evolve(full, source=str(path)))
    minimum = Severity(args.min_severity)
    shown = [r.filter(min_severity=minimum) for r in reports]
    if args.format == "json":
        documents = [r.to_dict() for r in shown]
        documents += [{"path": path, "error": message} for path, message in failed]
        print(
            json.dumps(
                {"schema": REPORT_SCHEMA, "documents": documents}, ensure_ascii=False, indent=2
            )
        )
    else:
        for report in shown:
            print(_text(report))
    if failed:
        return EXIT_USAGE
    return EXIT_OK if all(r.ok for r in reports) else EXIT_FINDINGS


def _cmd_convert(args: argparse.Namespace) -> int:
    disclosure = read(args.path)
    for problem in disclosure.problems:
        print(f"govbudget convert: warning: {problem}", file=sys.stderr)
    if args.to == "json":
        text = serialize.dumps(disclosure) + "\n"
        if args.output is None:
            sys.stdout.write(text)
        else:
            Path(args.output).write_text(text, encoding="utf-8")
        return EXIT_OK
    if args.output is None:
        raise GovbudgetError(f"--to {args.to} needs -o OUT (a {_OUTPUTS[args.to]})")
    if args.to == "csv":
        written = writers.to_csv(disclosure, args.output)
        print(f"wrote {len(written)} CSV files to {args.output}")
    else:
        writers.to_xlsx(disclosure, args.output)
        print(f"wrote {args.output}")
    return EXIT_OK


_OUTPUTS = {"csv": "folder", "xlsx": ".xlsx file"}


def _text(report: Report) -> str:
    """A report as a finance officer reads it: by table, each finding with its figures."""
    counts = report.counts()
    lines = [
        f"{report.source}: {report.department} {report.year}年{report.family}",
        f"  {report.checked} 项勾稽关系已核对；错误 {counts['error']}，警告 {counts['warning']}，"
        f"提示 {counts['info']}",
    ]
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        title = finding.table.label if finding.table else "整体"
        groups.setdefault(title, []).append(finding)
    for title, findings in groups.items():
        lines.append(f"  {title}")
        for f in findings:
            lines.append(f"    [{f.severity.label_zh}] {f.rule}: {f.message_zh}")
            if f.expected is not None and f.unit is not None:
                lines.append(
                    f"      应为 {f.expected}，填列 {f.found}，差额 {f.difference}，"
                    f"容差 ±{f.tolerance} {f.unit.value}"
                )
    if report.suspects:
        lines.append("  最可能有误的单元格:")
        for s in report.suspects:
            low = "−∞" if s.low is None else str(s.low)
            high = "+∞" if s.high is None else str(s.high)
            lines.append(
                f"    {s.cell}: 填列 {s.printed}，改为 [{low}, {high}] 可使 {s.explains} 项关系成立"
            )
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govbudget",
        description="Check Chinese government budget and final-account disclosures.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True)

    p_sum = sub.add_parser("sum", help="check PARENT = CHILD + CHILD ... within rounding")
    p_sum.add_argument("terms", nargs="+", metavar="TERM", help="e.g. 836.91 = 657.19 + 179.72")
    p_sum.add_argument("--unit", default="万元", help="unit of the figures (default 万元)")
    p_sum.add_argument(
        "--places",
        type=int,
        default=None,
        help="printed precision (default: the most decimals among the figures)",
    )
    p_sum.set_defaults(func=_cmd_sum)

    p_check = sub.add_parser("check", help="read disclosures and run every consistency check")
    p_check.add_argument("paths", nargs="+", metavar="PATH", help="disclosure files")
    p_check.add_argument("--format", choices=["text", "json"], default="text")
    p_check.add_argument(
        "--rules", nargs="+", metavar="ID", default=None, help="run only these rules (globs)"
    )
    p_check.add_argument("--skip", nargs="+", metavar="ID", help="do not run these rules (globs)")
    p_check.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="info",
        help="show findings of this severity and above",
    )
    p_check.set_defaults(func=_cmd_check)

    p_convert = sub.add_parser("convert", help="read a disclosure and write it as JSON/CSV/xlsx")
    p_convert.add_argument("path", metavar="PATH", help="a disclosure in any format read() reads")
    p_convert.add_argument("--to", choices=["json", "csv", "xlsx"], required=True)
    p_convert.add_argument(
        "-o", "--output", default=None, help="the file (json, xlsx) or folder (csv) to write"
    )
    p_convert.set_defaults(func=_cmd_convert)

    p_code = sub.add_parser("code", help="read classification codes and show their place")
    p_code.add_argument(
        "codes", nargs="+", metavar="TEXT", help="e.g. 2010101 or '[30217]公务接待费'"
    )
    p_code.set_defaults(func=_cmd_code)

    p_lookup = sub.add_parser("lookup", help="a code's official name in a year, and its ancestors")
    p_lookup.add_argument("code", metavar="CODE", help="e.g. 2010101, 30217 or 50101")
    p_lookup.add_argument("--year", type=int, default=None, help="default: the latest year")
    p_lookup.add_argument("--list", default=None, metavar="FILE", help="your 科目 list (csv/xlsx)")
    p_lookup.set_defaults(func=_cmd_lookup)

    p_search = sub.add_parser("search", help="find codes by name or code prefix")
    p_search.add_argument("text", metavar="TEXT", help="a name, part of one, or a code prefix")
    p_search.add_argument("--year", type=int, default=None, help="default: every year")
    p_search.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    p_search.add_argument("--list", default=None, metavar="FILE", help="your 科目 list (csv/xlsx)")
    p_search.set_defaults(func=_cmd_search)

    p_diff = sub.add_parser("diff", help="codes added, removed and renamed between two years")
    p_diff.add_argument("year_a", type=int, metavar="YEAR_A")
    p_diff.add_argument("year_b", type=int, metavar="YEAR_B")
    p_diff.add_argument("--scheme", choices=list(_SCHEMES), default=None, help="default: all")
    p_diff.set_defaults(func=_cmd_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status.

    .. versionadded:: 0.1
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    try:
        result: int = args.func(args)
    except (GovbudgetError, OSError) as exc:
        if args.debug:
            raise
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        print(f"govbudget {args.command}: error: {where}{message}", file=sys.stderr)
        return EXIT_USAGE
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
