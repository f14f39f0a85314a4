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


def test_readme_shows_a_real_run_of_the_main_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output printed in the README is what `govbudget check` prints today."""
    from govbudget.cli import main  # noqa: PLC0415 - the CLI is what is under test

    monkeypatch.chdir(ROOT)
    status = main(["check", "examples/seed_2020.json"])
    out = capsys.readouterr().out.strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert status == 0
    assert out in readme


def test_rule_catalogue_page_is_current() -> None:
    """docs/reference/rules.md is what docs/rules.py renders from the registry."""
    import runpy  # noqa: PLC0415

    render = runpy.run_path(str(ROOT / "docs" / "rules.py"))["render"]
    page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")

    assert page == render(), "run: python docs/rules.py"
