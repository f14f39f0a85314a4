"""Every script in examples/ runs and prints what it promises."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: object) -> None:
    """The example exits 0 and reports no inconsistency on the published figures."""
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )

    assert out.returncode == 0, out.stderr
    assert "BAD" not in out.stdout
    assert out.stdout.strip()


def test_readme_commands_are_what_ci_runs() -> None:
    """The README's test command is the one .ci/run executes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(
        line.strip() for line in readme.splitlines() if "-m pytest" in line and "venv" in line
    )

    assert test_command in ci
