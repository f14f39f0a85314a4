"""Print how long checking takes: the seed, from JSON, and growth with the number of rows.

Nothing is asserted. Run: ``python benchmarks/bench_check.py`` (``--quick`` for fewer
repetitions). Prints, for the seed (``examples/seed_2020.json``):

- one check of its tables alone, and with its narrative (targets: under 1 ms, under 2 ms);
- the first check of a shape (rules as written), the second (relations compiled), beside
  the later ones (bound only);
- checks per second from the JSON text (``loads`` then ``check``; target: 1,000 a core),
  for the tables alone and with the narrative; each ``loads`` makes a new disclosure, so
  nothing cached on the previous one is reused (a fresh document costs what it costs);

then rows against time for larger consistent disclosures drawn deterministically from
:func:`govbudget.strategies.consistent_disclosures` (the cost should be linear in rows).
CPU time of this process is measured (``time.process_time``), so other work on the
machine matters less; each figure is also given as a multiple of ``json.loads`` of the
same text, a yardstick that moves with the machine (the issue's figures: 6.6 ms per check
of the tables, about 67 times ``json.loads``).
"""

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
from hypothesis import HealthCheck, Phase, given, settings

from govbudget import Disclosure, check, serialize
from govbudget.checks import compiled
from govbudget.strategies import consistent_disclosures

ROOT = Path(__file__).resolve().parent.parent


def rows(disclosure: Disclosure) -> int:
    """How many rows the disclosure's tables print."""
    return sum(len(t.rows) for t in disclosure.tables.values())


def sized(categories: int) -> Disclosure:
    """A consistent disclosure with *categories* functional 类, the same on every run."""
    drawn: list[Disclosure] = []

    @settings(
        database=None,
        derandomize=True,
        max_examples=1,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(consistent_disclosures(categories=(categories, categories)))
    def draw(disclosure: Disclosure) -> None:
        drawn.append(disclosure)

    draw()
    return drawn[0]


def per_call(func: Callable[[], object], number: int) -> float:
    """Best CPU seconds of one call of *func* over three runs of *number* calls."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for _ in range(number):
            func()
        best = min(best, (time.process_time() - started) / number)
    return best


def against_json(
    func: Callable[[], object], text: str, number: int, rounds: int = 7
) -> tuple[float, float, list[float]]:
    """*func* against ``json.loads(text)``, timed in turn: best CPU seconds of a call of each.

    Each round times *number* calls of ``json.loads`` and then *number* calls of *func*,
    so both bests come from the same stretch of a shared machine's time, whose speed
    drifts. Also returns each round's multiple (its *func* time over its ``json.loads``
    time), sorted: how much the machine moved.
    """
    best = yardstick = float("inf")
    multiples = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(number):
            json.loads(text)
        parsing = time.process_time() - started
        started = time.process_time()
        for _ in range(number):
            func()
        seconds = time.process_time() - started
        best = min(best, seconds / number)
        yardstick = min(yardstick, parsing / number)
        multiples.append(seconds / parsing)
    return best, yardstick, sorted(multiples)


def cold(disclosure: Disclosure, *, sighting: int) -> float:
    """CPU seconds of the *sighting*-th check of a shape (1: as written; 2: compiles)."""
    best = float("inf")
    for _ in range(5):
        compiled.clear()
        for _ in range(sighting - 1):
            check(disclosure)
        started = time.process_time()
        check(disclosure)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    """Time check() on the seed, from its JSON, and on disclosures of growing size."""
    quick = "--quick" in sys.argv
    number = 50 if quick else 500
    text = (ROOT / "examples" / "seed_2020.json").read_text(encoding="utf-8")
    seed = serialize.loads(text)
    tables_only = attrs.evolve(seed, narrative="")
    report = check(seed)
    print(f"seed: {rows(seed)} rows, {report.checked} relations, narrative {len(seed.narrative)}")
    print(f"  first check of the shape (as written): {cold(seed, sighting=1) * 1e3:7.2f} ms")
    print(f"  second check of the shape (compiles):  {cold(seed, sighting=2) * 1e3:7.2f} ms")
    check(seed)
    tables = per_call(lambda: check(tables_only), number)
    narrative = per_call(lambda: check(seed), number)
    yardstick = per_call(lambda: json.loads(text), number)

    def times(seconds: float) -> str:
        return f"{seconds / yardstick:5.1f} x json.loads"

    print(f"  check, tables only:                 {tables * 1e3:7.2f} ms, {times(tables)} (< 1 ms)")
    print(
        f"  check, tables and narrative:        {narrative * 1e3:7.2f} ms, {times(narrative)} "
        "(< 2 ms)"
    )
    loads = per_call(lambda: serialize.loads(text), number)
    tables_text = serialize.dumps(tables_only)
    rounds = 3 if quick else 9
    both_tables, parse_tables, tables_times = against_json(
        lambda: check(serialize.loads(tables_text)), tables_text, number // 5, rounds
    )
    both, parse_both, both_times = against_json(
        lambda: check(serialize.loads(text)), text, number // 5, rounds
    )
    print(f"  serialize.loads:                    {loads * 1e3:7.2f} ms, {times(loads)}")

    def against(seconds: float, parsing: float, multiples: list[float]) -> str:
        return (
            f"{seconds / parsing:5.1f} x json.loads of its text (best against best, "
            f"{len(multiples)} rounds in turn; round by round {multiples[0]:.1f} to "
            f"{multiples[-1]:.1f})"
        )

    print(
        f"  loads + check, from JSON, tables:   {both_tables * 1e3:7.2f} ms, "
        f"{against(both_tables, parse_tables, tables_times)}, {1 / both_tables:6.0f} checks/s"
    )
    print(
        f"  loads + check, from JSON, with narrative: {both * 1e3:7.2f} ms, "
        f"{against(both, parse_both, both_times)}, {1 / both:6.0f} checks/s "
        "(target >= 1000/s on the issue's machine, about 10 x json.loads)"
    )
    print(f"  json.loads of the same text:        {yardstick * 1e3:7.3f} ms")
    print("rows against time (consistent disclosures, compiled):")
    for categories in (2, 8, 16, 32):
        disclosure = sized(categories)
        judged = check(disclosure).checked
        seconds = per_call(lambda d=disclosure: check(d), 5 if quick else 30)
        print(
            f"{categories:3d} 类, {rows(disclosure):5d} rows, {judged:5d} relations: "
            f"{seconds * 1e3:7.2f} ms per check, {seconds / rows(disclosure) * 1e6:6.1f} µs per row"
        )


if __name__ == "__main__":
    main()
