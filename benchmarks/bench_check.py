"""Print how long checking takes: the seed disclosure, and growth with the number of rows.

Nothing is asserted. Run: ``python benchmarks/bench_check.py`` (``--quick`` for fewer
repetitions). Larger disclosures come from :func:`govbudget.strategies.consistent_disclosures`
drawn deterministically, so every run times the same documents.
"""

import runpy
import sys
import timeit
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from govbudget import Disclosure, check
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


def time_check(disclosure: Disclosure, number: int) -> float:
    """Best time of one check() over three repeats, in milliseconds."""
    return min(timeit.repeat(lambda: check(disclosure), number=number, repeat=3)) / number * 1e3


def main() -> None:
    """Time check() on the seed and on disclosures of growing size."""
    quick = "--quick" in sys.argv
    seed = runpy.run_path(str(ROOT / "examples" / "seed_2020.py"))["seed_disclosure"]()
    report = check(seed)
    milliseconds = time_check(seed, 20 if quick else 200)
    print(
        f"seed disclosure ({rows(seed)} rows, {report.checked} relations): "
        f"{milliseconds:.2f} ms per check"
    )
    for categories in (2, 8, 16, 32):
        disclosure = sized(categories)
        judged = check(disclosure).checked
        milliseconds = time_check(disclosure, 5 if quick else 30)
        print(
            f"{categories:3d} 类, {rows(disclosure):5d} rows, {judged:5d} relations: "
            f"{milliseconds:7.2f} ms per check, "
            f"{milliseconds / rows(disclosure) * 1e3:6.1f} µs per row"
        )


if __name__ == "__main__":
    main()
