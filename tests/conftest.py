"""Shared test configuration: Hypothesis profiles and the path to ../shared/."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
