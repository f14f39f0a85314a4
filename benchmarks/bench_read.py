"""Print how long read() takes on the seed's extracted text and on xlsx; nothing is asserted.

Times the whole path a user takes: decode, find tables, assemble the typed disclosure.
Run: ``python benchmarks/bench_read.py`` (``--quick`` for fewer repetitions). The seed
text lives in ``../shared/``; without it the text figure is skipped, saying so.
"""

import sys
import tempfile
from pathlib import Path

from govbudget import read
from govbudget.serialize import load
from govbudget.writers import to_xlsx
from timing import best

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_424111e6d4059655.txt"


def main() -> None:
    """Print the best time of several reads of each format."""
    repeat = 3 if "--quick" in sys.argv else 30
    if SEED.exists():
        seconds = best(lambda: read(SEED), repeat)
        print(f"seed extracted text -> Disclosure: {seconds * 1000:8.2f} ms")
    else:
        print(f"skipped: {SEED} is not present")
    example = load(ROOT / "examples" / "seed_2020.json")
    with tempfile.TemporaryDirectory() as folder:
        path = to_xlsx(example, Path(folder) / "seed.xlsx")
        seconds = best(lambda: read(path), repeat)
        print(f"seed govbudget .xlsx -> Disclosure: {seconds * 1000:8.2f} ms")
    seconds = best(lambda: read(ROOT / "examples" / "seed_2020.json"), repeat)
    print(f"seed govbudget JSON -> Disclosure:   {seconds * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
