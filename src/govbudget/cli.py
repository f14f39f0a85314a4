"""The ``govbudget`` command line.

Commands:

``govbudget sum PARENT = CHILD + CHILD ...``
    Check that a printed total equals the sum of printed parts, within rounding. The
    precision is inferred from all the figures together, as a table prints them.
``govbudget code TEXT ...``
    Read classification codes as documents print them and show scheme, level, ancestors.

Exit status: 0 when every check holds, 1 when one does not, 2 when the input could not be
read or the command was misused. Errors are one line on stderr; ``--debug`` shows the
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from govbudget.amount import Unit, common_places, compare, parse_amount, total
from govbudget.codes import parse_code
from govbudget.errors import GovbudgetError

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

    p_code = sub.add_parser("code", help="read classification codes and show their place")
    p_code.add_argument(
        "codes", nargs="+", metavar="TEXT", help="e.g. 2010101 or '[30217]公务接待费'"
    )
    p_code.set_defaults(func=_cmd_code)
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
    except GovbudgetError as exc:
        if args.debug:
            raise
        print(f"govbudget {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
