"""The one timing helper the benchmark scripts share (they run as scripts from this folder)."""

import time
from collections.abc import Callable


def best(func: Callable[[], object], repeat: int) -> float:
    """The shortest of *repeat* runs of *func*, in seconds."""
    fastest = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest
