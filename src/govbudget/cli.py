"""The ``govbudget`` command line.

Commands:

``govbudget check PATH ... [--format text|json] [--rules ID ...] [--skip ID ...] ...``
    Also ``--min-severity info|warning|error``, ``--color auto|always|never``,
    ``--together`` (the files are one disclosure published in parts: tables in one,
    narrative in another), ``--year Y`` (the year, for a document that does not
    print it), ``--region R`` (the region whose required tables apply) and
    ``--pdf-engine pdfium|pdfplumber`` (what reads PDF pages). Read
    each disclosure and run every consistency check; print the findings grouped by
    table, each with where it is (``位置：`` file, table, row, column), what was expected,
    what was found and the tolerance (or the JSON report, schema ``govbudget.report/2``).
    A PATH may be a folder: every ``.json``, ``.txt``, ``.pdf``, ``.xlsx`` and ``.xls``
    file in it and its subfolders is checked, in name order (hidden files skipped). On a
    terminal the report is coloured by severity and a progress bar on stderr follows
    the files when there are several. ``--jobs N`` checks N files at a time in worker
    processes (``--dask ADDRESS``: on a Dask cluster), each report printed as its file
    finishes; ``--output FILE`` writes every finding of every file, one row each, to
    ``FILE`` (``.csv``, or ``.parquet`` beside its ``.csv``), and ``--resume`` skips the
    files already in it (see ``docs/howto/check-in-bulk.md``).
``govbudget sum PARENT = CHILD + CHILD ...``
    Check that a printed total equals the sum of printed parts, within rounding. The
    precision is inferred from all the figures together, as a table prints them.
``govbudget convert PATH --to json|csv|xlsx [-o OUT] [--pdf-engine pdfium|pdfplumber]``
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
    Codes added, removed and renamed between two years of the catalogue, and the known
    renames and reforms between them.
``govbudget catalogue harvest PATH ... [-o FILE] [--year Y]``
    Read disclosures (files or folders) and write every code printed with its name, year,
    document and page as a harvest file; report codes printed with two names in one year
    and names printed with two codes (exit 1 when there are any).

``--catalogue FILE`` (check, lookup, search, diff; repeatable) merges a harvest: its names
fill the codes and years the shipped catalogue lacks. ``--list FILE`` merges a user's copy
of 《政府收支分类科目》 (CSV or .xlsx, columns 科目编码, 科目名称) over the shipped names for
``--year``.

Every command follows the same conventions. Exit status: 0 when the answer is yes
(every check holds, the code is found); 1 when it is no (an error finding, an
inconsistent sum, no code matching a search); 2 when an input could not be read, a code
is not listed, or the command was misused. Errors are one line on stderr,
``govbudget COMMAND: error: FILE: what went wrong (where)``, never a traceback;
``--debug`` shows the traceback instead. When one of several files cannot be read, the
others are still checked and reported, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import ROUND_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final, NoReturn

import attrs

from govbudget import bulk, serialize, writers
from govbudget.amount import Unit, common_places, compare, parse_amount, total
from govbudget.bulk import describe_error as _describe
from govbudget.catalogue import Catalogue, Entry, read_harvest, read_user_list
from govbudget.checks import REGISTRY, check
from govbudget.codes import Scheme, parse_code
from govbudget.disclosure import Disclosure
from govbudget.errors import GovbudgetError
from govbudget.harvest import harvest
from govbudget.readers import read, read_many
from govbudget.readers.pdf import ENGINES
from govbudget.report import Finding, Report, Severity, Unreadable, reports_to_json
from govbudget.review.listing import is_review, review_lines
from govbudget.tables.publication import REGIONS

if TYPE_CHECKING:  # pragma: no cover
    from rich.progress import Progress, TaskID

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: The file suffixes ``govbudget check`` reads when given a folder.
DISCLOSURE_SUFFIXES: Final = bulk.DISCLOSURE_SUFFIXES


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
    for path in getattr(args, "catalogue", None) or ():
        catalogue = catalogue.with_harvest(read_harvest(path))
    if getattr(args, "list", None) is not None:
        if args.year is None:
            raise GovbudgetError("--list needs --year: the year the list is for")
        catalogue = catalogue.with_user_list(read_user_list(args.list, args.year))
    return catalogue


def _cmd_lookup(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    entry = catalogue.lookup(args.code, args.year)
    print(f"{entry.code} {entry.name}")
    print(f"  {entry.scheme.value} {entry.level.label}, {entry.year} ({entry.status})")
    for ancestor in catalogue.ancestors(entry.code, entry.year):
        print(f"  {ancestor.level.label} {ancestor.code} {ancestor.name}")
    print(f"  {_status_line(entry)}")
    lines = list(entry.evidence) if entry.verified else [entry.source, *entry.evidence]
    for number, line in enumerate(lines or [entry.source]):
        print(f"  {'source: ' if number == 0 else '        '}{line}")
    return EXIT_OK


def _status_line(entry: Entry) -> str:
    """``verified in 2019 and 2024; inferred for 2020–2023``."""
    text = f"verified in {_years(entry.years)}"
    if entry.inferred_years:
        text += f"; inferred for {_years(entry.inferred_years)}"
    return text


def _years(years: Sequence[int]) -> str:
    """``2020–2023`` for runs, ``2019 and 2024``, ``2017, 2018 and 2024``."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    text = ", ".join(parts)
    head, sep, tail = text.rpartition(", ")
    return f"{head} and {tail}" if sep else text


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
    change = _catalogue(args).diff(args.year_a, args.year_b, scheme)
    for entry in change.added:
        print(f"+ {entry.code} {entry.name}")
    for entry in change.removed:
        print(f"- {entry.code} {entry.name}")
    shown = set()
    for rename in change.renamed:
        shown.add((rename.code.scheme, rename.code.digits))
        print(f"~ {rename.code} {rename.old.name} → {rename.new.name}")
    for known in change.changes:
        if known.kind == "reform":
            print(f"! {known}: {known.source}")
        elif (known.scheme, known.code) not in shown:
            print(f"~ {known} (known rename; {known.source})")
    if not (change.added or change.removed or change.renamed or change.changes):
        print(f"no change between {args.year_a} and {args.year_b}")
    if change.partial:
        print(
            "note: the shipped lists hold only verified codes; + and - may mean "
            "'verified in one year only'",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_harvest(args: argparse.Namespace) -> int:
    found = harvest(args.paths, year=args.year)
    for path, reason in found.unreadable:
        print(f"govbudget catalogue harvest: error: {path}: {reason}", file=sys.stderr)
    if args.output is not None:
        found.write(args.output)
    else:
        sys.stdout.write(found.to_tsv())
    conflicts = found.conflicts
    documents = len({s.document for s in found.sightings})
    print(
        f"{len(found.sightings)} sightings from {documents} documents "
        f"({', '.join(map(str, found.years())) or 'no year'}); {len(conflicts)} conflicts",
        file=sys.stderr,
    )
    for conflict in conflicts:
        print(f"conflict: {conflict.describe()}", file=sys.stderr)
    if found.unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if conflicts else EXIT_OK


def _expand(paths: Sequence[str]) -> list[str | Unreadable]:
    """The files to check: each PATH, or every disclosure file in a folder, in order."""
    items: list[str | Unreadable] = []
    for given in paths:
        if not Path(given).is_dir():
            items.append(given)
            continue
        found = bulk.files_in(given)
        if not found:
            suffixes = ", ".join(DISCLOSURE_SUFFIXES)
            items.append(Unreadable(given, f"{given}: no disclosure file ({suffixes}) in folder"))
        items.extend(str(f) for f in found)
    return items


class _Progress:
    """A rich progress bar on stderr while files are checked, when stderr is a terminal."""

    def __init__(self, files: int, command: str) -> None:
        self.command = command
        self.enabled = files > 1 and sys.stderr.isatty()
        self.files = files
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console  # noqa: PLC0415 - only on a terminal
            from rich.progress import Progress  # noqa: PLC0415

            self._bar = Progress(console=Console(file=sys.stderr), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("核对", total=self.files)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def step(self, path: str) -> None:
        """One more file done."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, description=f"核对 {path}")

    def error(self, message: str) -> None:
        """One error line on stderr, above the bar when there is one."""
        line = f"govbudget {self.command}: error: {message}"
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)


def _items(paths: Sequence[str], *, together: bool) -> list[str | Unreadable]:
    """What ``check`` reads: each file (folders expanded), or the files as one."""
    if not together:
        return _expand(paths)
    folders = [p for p in paths if Path(p).is_dir()]
    if folders:
        raise GovbudgetError(
            f"--together takes the files of one disclosure, not folders: {folders[0]}"
        )
    return [" + ".join(paths)]


def _read(item: str, paths: Sequence[str], args: argparse.Namespace) -> Disclosure:
    """The disclosure in *item*, or in every path at once with ``--together``."""
    year: int | None = args.year
    engine: str = args.pdf_engine
    if args.together:
        return read_many(paths, year=year, engine=engine)
    if engine != ENGINES[0]:
        return read(item, year=year, engine=engine)
    return read(item) if year is None else read(item, year=year)


def _cmd_check(args: argparse.Namespace) -> int:
    REGISTRY.select(args.rules, args.skip or ())  # a typo in --rules is misuse: say so first
    if args.jobs is not None or args.dask is not None or args.output is not None or args.resume:
        return _cmd_check_bulk(args)
    paths: list[str] = args.paths
    names = _catalogue(args)
    items = _items(paths, together=args.together)
    documents: list[Report | Unreadable] = []
    with _Progress(len(items), "check") as progress:
        for item in items:
            if isinstance(item, Unreadable):
                progress.error(item.error)
                documents.append(item)
                continue
            try:
                disclosure = _read(item, paths, args)
            except Exception as exc:
                if args.debug:
                    raise
                message = _describe(exc, item)
                progress.error(message)
                documents.append(Unreadable(item, message))
                continue
            finally:
                progress.step(item)
            full = check(
                disclosure,
                rules=args.rules,
                skip=args.skip or (),
                names=names,
                region=args.region,
            )
            documents.append(attrs.evolve(full, source=str(item)))
    reports = [d for d in documents if isinstance(d, Report)]
    minimum = Severity(args.min_severity)
    shown = [d.filter(min_severity=minimum) if isinstance(d, Report) else d for d in documents]
    if args.format == "json":
        print(reports_to_json(shown))
    else:
        lines: list[tuple[str, str | None]] = []
        for document in shown:
            if isinstance(document, Report):
                lines += _text_lines(document)
        if len(documents) > 1:
            lines.append((_totals(shown), "bold"))
        _emit(lines, args.color)
    if len(reports) < len(documents):
        return EXIT_USAGE
    return EXIT_OK if all(r.ok for r in reports) else EXIT_FINDINGS


def _cmd_check_bulk(args: argparse.Namespace) -> int:
    """``check`` with ``--jobs``, ``--dask`` or ``--output``: reports as files finish."""
    if args.together:
        raise GovbudgetError("--together reads one disclosure: not with --jobs, --dask, --output")
    items = _expand(args.paths)
    unreadable = [i for i in items if isinstance(i, Unreadable)]
    documents: list[Report | Unreadable] = list(unreadable)
    minimum = Severity(args.min_severity)
    run = bulk.BulkRun(
        [i for i in items if isinstance(i, str)],
        jobs=args.jobs,
        dask=args.dask,
        output=args.output,
        resume=args.resume,
        rules=args.rules,
        skip=args.skip or (),
        year=args.year,
        region=args.region,
        engine=args.pdf_engine,
        catalogues=args.catalogue or (),
    )
    with run:
        if run.skipped:
            run.say(f"govbudget check: {run.skipped} files already in {args.output}: skipped")
        for document in unreadable:
            run.say(f"govbudget check: error: {document.error}")
        for result in run:
            if result.report is None:
                run.say(f"govbudget check: error: {result.error}")
                if args.debug and result.detail:
                    run.say(result.detail)
                documents.append(Unreadable(result.path, result.error or result.path))
                continue
            documents.append(result.report)
            if args.format == "text":
                _emit(_text_lines(result.report.filter(min_severity=minimum)), args.color)
    shown = [d.filter(min_severity=minimum) if isinstance(d, Report) else d for d in documents]
    if args.format == "json":
        print(reports_to_json(shown))
    elif len(documents) > 1:
        _emit([(_totals(shown), "bold")], args.color)
    reports = [d for d in documents if isinstance(d, Report)]
    if len(reports) < len(documents):
        return EXIT_USAGE
    return EXIT_OK if all(r.ok for r in reports) else EXIT_FINDINGS


def _totals(documents: Sequence[Report | Unreadable]) -> str:
    """The last line after several files: how many were checked and what was found."""
    reports = [d for d in documents if isinstance(d, Report)]
    counts = {s.value: sum(r.counts()[s.value] for r in reports) for s in Severity}
    return (
        f"共 {len(documents)} 个文件：已核对 {len(reports)} 个，"
        f"无法读取 {len(documents) - len(reports)} 个；错误 {counts['error']}，"
        f"警告 {counts['warning']}，提示 {counts['info']}"
    )


def _cmd_convert(args: argparse.Namespace) -> int:
    disclosure = read(args.path, engine=args.pdf_engine)
    for problem in disclosure.problems:
        print(f"govbudget convert: warning: {args.path}: {problem}", file=sys.stderr)
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


_STYLES: Final = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _text(report: Report) -> str:
    """A report as a finance officer reads it: by table, each finding with its figures."""
    return "\n".join(line for line, _style in _text_lines(report))


def _text_lines(report: Report) -> list[tuple[str, str | None]]:
    """The lines of the text report, each with the rich style it is shown in on a terminal."""
    counts = report.counts()
    lines: list[tuple[str, str | None]] = [
        (f"{report.source}: {report.department} {report.year}年{report.family}", "bold"),
        (
            f"  {report.checked} 项勾稽关系已核对；错误 {counts['error']}，"
            f"警告 {counts['warning']}，提示 {counts['info']}",
            None,
        ),
    ]
    claims = report.coverage.get("claims_found", 0)
    if claims:
        cover = report.coverage
        lines.append(
            (
                f"  情况说明数字 {claims} 个：一致 {cover.get('claims_consistent', 0)}，"
                f"仅在较粗精度下一致 {cover.get('claims_coarse', 0)}，"
                f"不符 {cover.get('claims_inconsistent', 0)}，"
                f"未能核对 {cover.get('claims_unbound', 0)}",
                None,
            )
        )
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if not is_review(finding):
            groups.setdefault(_group(finding), []).append(finding)
    for title, findings in groups.items():
        lines.append((f"  {title}", "bold"))
        for f in findings:
            style = _STYLES[f.severity]
            lines.append((f"    [{f.severity.label_zh}] {f.rule}: {f.message_zh}", style))
            lines.append((f"      位置：{_where(f, report.source)}", None))
            if f.quote is not None:
                lines.append((f"      原文：「{' '.join(f.quote.split())}」", None))
            if f.expected is not None or f.found is not None:
                unit = f" {f.unit.value}" if f.unit is not None else ""
                tolerance = "—" if f.tolerance is None else f"±{_shown(f.tolerance)}"
                lines.append(
                    (
                        f"      应为 {_shown(f.expected)}，填列 {_shown(f.found)}，"
                        f"差额 {_shown(f.difference)}，容差 {tolerance}{unit}",
                        None,
                    )
                )
    review = review_lines(report.findings, rules_run=report.coverage.get("review_rules_run", 0))
    lines.extend((line, _STYLES[s] if s is not None else None) for line, s in review)
    if report.suspects:
        tied = len(report.suspects) > 1
        heading = (
            f"  以下 {len(report.suspects)} 个单元格同样可能有误（并列，无法断定是哪一个）:"
            if tied
            else "  最可能有误的单元格:"
        )
        lines.append((heading, "bold"))
        for s in report.suspects:
            low = "−∞" if s.low is None else str(s.low)
            high = "+∞" if s.high is None else str(s.high)
            change = f"改为 [{low}, {high}] 可使 {s.explains} 项关系成立"
            slip = f"（{_SLIPS_ZH[s.signature]}）" if s.signature in _SLIPS_ZH else ""
            lines.append((f"    {s.name}: 填列 {s.printed}，{change}{slip}", None))
    return lines


_NARRATIVE: Final = "情况说明"

#: A suspect's slip of the pen, as the text report names it.
_SLIPS_ZH: Final = {
    "unit": "疑似元与万元混用",
    "tenfold": "疑似多写或少写一位",
    "sign": "疑似正负号颠倒",
    "swap": "疑似相邻两位数字颠倒",
    "neighbour": "疑似抄自相邻栏",
}


def _group(finding: Finding) -> str:
    """The heading a finding is listed under: its table, the narrative, or the whole."""
    if finding.location.table == _NARRATIVE:
        return _NARRATIVE
    if finding.table is not None:
        return finding.table.label
    return finding.location.table or "整体"


def _where(finding: Finding, source: str | None) -> str:
    """The 位置 line: file, page, table, row and column, as far as known."""
    loc = finding.location
    parts = [source or loc.file or "（未知文件）"]
    if loc.page is not None:
        parts.append(f"第 {loc.page} 页")
    table = loc.table or (finding.table.label if finding.table else None)
    if table is not None:
        parts.append(table)
    row = finding.row if finding.row is not None else loc.row
    if loc.table == _NARRATIVE and loc.row is not None and loc.row.startswith("char "):
        parts.append(f"第 {loc.row.removeprefix('char ')} 字")
    elif row is not None:
        label = f" {finding.row_label}" if finding.row_label else ""
        parts.append(f"行 {row}{label}")
    column = loc.column if loc.column is not None else finding.column
    if column is not None and loc.table != _NARRATIVE:
        parts.append(f"列 {column}")
    return "，".join(parts)


_SHOWN_PLACES: Final = Decimal("0.0001")


def _shown(value: Decimal | None) -> str:
    """A number for the text report: as computed, but at most 4 decimals (rounded up)."""
    if value is None:
        return "—"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        value = value.quantize(_SHOWN_PLACES, rounding=ROUND_UP)
    return str(value)


def _emit(lines: Sequence[tuple[str, str | None]], color: str) -> None:
    """Print the lines: coloured through rich on a terminal (or ``--color always``)."""
    if color == "never" or (color == "auto" and not sys.stdout.isatty()):
        for line, _style in lines:
            print(line)
        return
    from rich.console import Console  # noqa: PLC0415 - only on a terminal
    from rich.text import Text  # noqa: PLC0415

    console = Console(
        file=sys.stdout, force_terminal=True, highlight=False, soft_wrap=True, emoji=False
    )
    for line, style in lines:
        console.print(Text(line, style=style or ""))


def _jobs(text: str) -> int:
    """The ``--jobs`` value: a whole number of worker processes, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a number of processes, at least 1, not {text!r}")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _pdf_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pdf-engine",
        choices=list(ENGINES),
        default=ENGINES[0],
        help="what reads PDF pages: pdfium (default, fast) or pdfplumber (the fallback)",
    )


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="merge a harvest written by 'govbudget catalogue harvest' (repeatable)",
    )


def _harvest_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    p_catalogue = sub.add_parser("catalogue", help="build a catalogue source from documents")
    catalogue_sub = p_catalogue.add_subparsers(
        dest="catalogue_command", required=True, parser_class=_Parser
    )
    p_harvest = catalogue_sub.add_parser(
        "harvest", help="collect every code printed with its name, and report conflicts"
    )
    p_harvest.add_argument(
        "paths", nargs="+", metavar="PATH", help="disclosure files, or folders of them"
    )
    p_harvest.add_argument(
        "-o", "--output", default=None, metavar="FILE", help="the harvest file (default: stdout)"
    )
    p_harvest.add_argument(
        "--year", type=int, default=None, help="the year, for documents that do not print it"
    )
    p_harvest.set_defaults(func=_cmd_harvest)


def _bulk_options(parser: argparse.ArgumentParser) -> None:
    """The options of a bulk run of ``check`` (workers, a Dask cluster, the findings table).

    With them, ``--pdf-engine`` (which also applies to a plain ``check``).
    """
    _pdf_engine_option(parser)
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="check N files at a time in worker processes; reports come as files finish",
    )
    parser.add_argument(
        "--dask", default=None, metavar="ADDRESS", help="check on this Dask scheduler"
    )
    parser.add_argument(
        "--output",
        default=None,
        metavar="FILE",
        help="write every finding of every file to FILE (.csv, or .parquet and its .csv)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="skip the files already in the --output table"
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govbudget",
        description="Check Chinese government budget and final-account disclosures.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

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
    p_check.add_argument(
        "paths", nargs="+", metavar="PATH", help="disclosure files, or folders of them"
    )
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
    p_check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text report by severity (default: when stdout is a terminal)",
    )
    p_check.add_argument(
        "--together",
        action="store_true",
        help="the files are one disclosure published in parts (tables, narrative)",
    )
    p_check.add_argument(
        "--year",
        type=int,
        default=None,
        help="the year, for a document that does not print it",
    )
    _catalogue_option(p_check)
    p_check.add_argument(
        "--region",
        choices=list(REGIONS),
        default=None,
        help="the region (上海, 江苏 …) whose set of required tables applies "
        "(default: read from the department name and the cover)",
    )
    _bulk_options(p_check)
    p_check.set_defaults(func=_cmd_check)

    p_convert = sub.add_parser("convert", help="read a disclosure and write it as JSON/CSV/xlsx")
    p_convert.add_argument("path", metavar="PATH", help="a disclosure in any format read() reads")
    p_convert.add_argument("--to", choices=["json", "csv", "xlsx"], required=True)
    p_convert.add_argument(
        "-o", "--output", default=None, help="the file (json, xlsx) or folder (csv) to write"
    )
    _pdf_engine_option(p_convert)
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
    _catalogue_option(p_lookup)
    p_lookup.set_defaults(func=_cmd_lookup)

    p_search = sub.add_parser("search", help="find codes by name or code prefix")
    p_search.add_argument("text", metavar="TEXT", help="a name, part of one, or a code prefix")
    p_search.add_argument("--year", type=int, default=None, help="default: every year")
    p_search.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    p_search.add_argument("--list", default=None, metavar="FILE", help="your 科目 list (csv/xlsx)")
    _catalogue_option(p_search)
    p_search.set_defaults(func=_cmd_search)

    p_diff = sub.add_parser("diff", help="codes added, removed and renamed between two years")
    p_diff.add_argument("year_a", type=int, metavar="YEAR_A")
    p_diff.add_argument("year_b", type=int, metavar="YEAR_B")
    p_diff.add_argument("--scheme", choices=list(_SCHEMES), default=None, help="default: all")
    _catalogue_option(p_diff)
    p_diff.set_defaults(func=_cmd_diff)

    _harvest_parser(sub)
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
    except Exception as exc:
        if args.debug:
            raise
        print(f"govbudget {args.command}: error: {_describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
