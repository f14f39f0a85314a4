"""Print how well the checks catch one injected slip and name its cell, and the warning rate.

Nothing is asserted. Run: ``python benchmarks/bench_blame.py`` (``--quick`` for fewer
examples). Disclosures are drawn deterministically from :mod:`govbudget.strategies`, so
every run measures the same documents:

- per error kind and family: how often one injected error (in a cell some relation judges)
  is an error, how often its cell is the one suspect, and how often it is among tied ones;
- on consistent disclosures with long sums (15 to 30 economic 款 under each 类): how many
  long sums ``rounding.improbable`` warns about, against its threshold.
"""

import sys
from collections import Counter
from collections.abc import Callable

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from govbudget import Disclosure, check
from govbudget.checks import covered_cells, relations_of
from govbudget.checks.rounding import MIN_PARTS, THRESHOLD, improbable
from govbudget.strategies import (
    InjectedError,
    budgets_with_error,
    consistent_budgets,
    consistent_disclosures,
    disclosures_with_error,
)

KINDS = ("unit_slip", "tenfold", "sign_flip", "transposed_digits", "neighbour_copy", "change")
SKIP = ["catalogue.*"]


def each(
    strategy: st.SearchStrategy[object], examples: int, body: Callable[[object], None]
) -> None:
    """Run *body* on *examples* deterministic draws of *strategy*."""

    @settings(
        database=None,
        derandomize=True,
        max_examples=examples,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategy)
    def run(value: object) -> None:
        body(value)

    run()


def counter(tally: Counter[str]) -> Callable[[object], None]:
    """A body that checks one injected error and counts how it fared in *tally*."""

    def body(value: object) -> None:
        assert isinstance(value, InjectedError)
        report = check(value.disclosure, skip=SKIP)
        named = [s.cell for s in report.suspects]
        tally["injected"] += 1
        tally["caught"] += not report.ok
        tally["top"] += named == [value.cell]
        tally["tied"] += len(named) > 1 and value.cell in named

    return body


def mutations(examples: int) -> None:
    """Catch and blame rates per family and kind."""
    for family, make in (("决算", disclosures_with_error), ("预算", budgets_with_error)):
        for kind in KINDS:
            tally: Counter[str] = Counter()
            each(make(kinds=[kind], covered=covered_cells), examples, counter(tally))
            n = tally["injected"] or 1
            print(
                f"{family} {kind:18} injected {tally['injected']:4}  caught "
                f"{tally['caught'] / n:6.1%}  top suspect {tally['top'] / n:6.1%}  "
                f"tied {tally['tied'] / n:6.1%}"
            )


def warning_rate(examples: int) -> None:
    """Warnings per long sum on consistent disclosures with long economic sums."""
    tally: Counter[str] = Counter()

    def body(value: object) -> None:
        assert isinstance(value, Disclosure)
        relations = relations_of(value)
        tally["documents"] += 1
        tally["long sums"] += sum(1 for r in relations if len(r.parts) >= MIN_PARTS)
        tally["warnings"] += len(list(improbable(relations)))

    families = st.one_of(
        consistent_disclosures(economic_sections=(15, 30)),
        consistent_budgets(economic_sections=(15, 30)),
    )
    each(families, examples, body)
    rate = tally["warnings"] / max(tally["long sums"], 1)
    print(
        f"consistent disclosures: {tally['documents']} documents, {tally['long sums']} long "
        f"sums, {tally['warnings']} warnings: rate {rate:.5f} (threshold {float(THRESHOLD)})"
    )


def main() -> None:
    """Print the mutation figures and the warning rate."""
    quick = "--quick" in sys.argv
    mutations(30 if quick else 150)
    warning_rate(50 if quick else 400)


if __name__ == "__main__":
    main()
