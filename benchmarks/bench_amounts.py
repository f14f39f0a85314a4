"""Print how fast figures are parsed and sums judged; nothing is asserted.

Run: ``python benchmarks/bench_amounts.py`` (``--quick`` for fewer repetitions).
"""

import sys
import timeit

from govbudget import FunctionCode, Unit, compare, parse_amount, total

FIGURES = ["657.19", "6.43", "24.2", "92.84", "56.25", "2,940.05", "", "—", "0.00"]


def main() -> None:
    """Time parse_amount, compare over a 5-term sum, and FunctionCode.parse."""
    number = 2_000 if "--quick" in sys.argv else 20_000
    children = [parse_amount(t, Unit.WAN).with_places(2) for t in FIGURES[:5]]
    parent = parse_amount("836.91", Unit.WAN)
    cases = {
        "parse_amount (one cell)": lambda: [parse_amount(t, Unit.WAN) for t in FIGURES],
        "compare (parent vs 5 children)": lambda: compare(parent, total(children)),
        "FunctionCode.parse": lambda: FunctionCode.parse("[2010101]行政运行"),
    }
    per_call = {"parse_amount (one cell)": len(FIGURES)}
    for name, func in cases.items():
        seconds = min(timeit.repeat(func, number=number, repeat=3))
        micro = seconds / number / per_call.get(name, 1) * 1e6
        print(f"{name:34s} {micro:8.2f} µs per call")


if __name__ == "__main__":
    main()
