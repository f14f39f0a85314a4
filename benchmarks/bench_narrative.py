"""Print how long the narrative checks take; nothing is asserted.

Times finding, binding and judging every claim of the seed's own narrative (some 100 claims,
read from ``../shared/``; skipped, saying so, when absent) and of a generated narrative of
a thousand sentences over the shipped example's tables. Run:
``python benchmarks/bench_narrative.py`` (``--quick`` for fewer repetitions).
"""

import sys
from pathlib import Path

import attrs

from govbudget import check, read
from govbudget.narrative import analyse, claims
from timing import best

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_424111e6d4059655.txt"

SENTENCES = (
    "本年支出合计876.17万元，比上年增加38.48万元，增长4.59%。",
    "一般公共服务支出836.91万元，占本年支出合计的95.52%。",
    "一般公共服务（类）人大事务（款）行政运行（项）支出657.19万元。",
    "人员经费600.88万元，公用经费275.29万元。",
)


def main() -> None:
    """Print the best time of several runs of each measurement."""
    repeat = 3 if "--quick" in sys.argv else 20
    if SEED.exists():
        seed = read(SEED)
        count = len(list(claims(seed.narrative)))
        seconds = best(lambda: analyse(seed), repeat)
        print(f"seed narrative, {count} claims, analyse: {seconds * 1000:8.2f} ms")
        seconds = best(lambda: check(seed, rules=["narrative.*"]), repeat)
        print(f"seed narrative, narrative.* rules:     {seconds * 1000:8.2f} ms")
    else:
        print(f"skipped: {SEED} is not present")
    example = read(ROOT / "examples" / "seed_2020.json")
    long = attrs.evolve(example, narrative="\n".join(SENTENCES * 250))
    count = len(list(claims(long.narrative)))
    seconds = best(lambda: analyse(long), max(1, repeat // 4))
    print(f"generated narrative, {count} claims:  {seconds * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
