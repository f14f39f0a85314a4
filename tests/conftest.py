"""Shared test configuration: Hypothesis profiles and the path to ../shared/."""

import os
import runpy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from govbudget import Disclosure

# No test may depend on wall-clock time: Hypothesis' deadline is off everywhere.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The read-only ../shared/ folder of real documents; skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/ (real documents) is not present")
    return SHARED


def _load_seed() -> Disclosure:
    namespace = runpy.run_path(str(ROOT / "examples" / "seed_2020.py"))
    disclosure: Disclosure = namespace["seed_disclosure"]()
    return disclosure


@pytest.fixture(scope="session")
def seed() -> Disclosure:
    """The seed's nine tables (2020, 株洲市渌口区人大常委会) as typed objects.

    Built by ``examples/seed_2020.py`` from the published figures.
    """
    return _load_seed()
