"""Print how fast the catalogue loads a year and answers lookups; nothing is asserted.

Run: ``python benchmarks/bench_catalogue.py`` (``--quick`` for fewer repetitions).
"""

import sys
import time
import timeit

from govbudget import FunctionCode, Scheme
from govbudget.catalogue import Catalogue
from govbudget.catalogue._files import read_year


def main() -> None:
    """Time the first use of a year (cold: files read and parsed), then lookups and search."""
    number = 2_000 if "--quick" in sys.argv else 20_000
    start = time.perf_counter()
    catalogue = Catalogue()
    catalogue.lookup("2010101", 2020)
    cold = (time.perf_counter() - start) * 1e3
    print(f"{'first lookup (cold, all years of a scheme)':44s} {cold:8.2f} ms")
    read_year.cache_clear()
    start = time.perf_counter()
    for scheme in Scheme:
        Catalogue().entries(scheme, 2024)
    elapsed = (time.perf_counter() - start) * 1e3
    print(f"{'first use of 2024, all three schemes':44s} {elapsed:8.2f} ms")
    code = FunctionCode("2010101")
    cases = {
        "lookup (warm)": lambda: catalogue.lookup(code, 2020),
        "official_name (warm)": lambda: catalogue.official_name(code, 2020),
        "search substring, one year": lambda: catalogue.search("人大", year=2020),
    }
    for name, func in cases.items():
        runs = number if "search" not in name else number // 20
        seconds = min(timeit.repeat(func, number=runs, repeat=3))
        print(f"{name:44s} {seconds / runs * 1e6:8.2f} µs per call")


if __name__ == "__main__":
    main()
