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


def _run(script: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return out.stdout.splitlines()


def test_compare_years_prints_differences_by_category() -> None:
    """Both years pass the checks; each 类 shows both figures, the change and the rate."""
    lines = _run("compare_years.py")

    assert lines[:2] == [
        "2020: 209 relations checked, errors 0, warnings 1",
        "2021: 209 relations checked, errors 0, warnings 1",
    ]
    row = next(line for line in lines if line.strip().startswith("201 "))
    assert row.split()[-4:] == ["836.91", "878.76", "+41.85", "+5.0%"]
    economic = next(line for line in lines if line.strip().startswith("302 "))
    assert economic.split()[-4:] == ["272.02", "285.62", "+13.60", "+5.0%"]
    assert lines[-1] == "本年支出合计: 876.17 → 919.98 万元"


def test_walk_catalogue_walks_looks_up_and_diffs() -> None:
    """The 2020 tree is printed by level; lookup, search, mapping and diff show their results."""
    lines = _run("walk_catalogue.py")

    assert lines[0] == "支出功能分类 2020"
    assert "      2010107 人大代表履职能力提升" in lines
    assert lines.index("    20101 人大事务") < lines.index("      2010101 行政运行")
    assert any(line.startswith("lookup 2010107: 人大代表履职能力提升 (under 201") for line in lines)
    assert "search 公务接待: 30217 公务接待费 (substring)" in lines
    assert "30101 in the government economic classification: 50101 工资奖金津补贴" in lines
    assert "2018 → 2019 renamed: 210 医疗卫生与计划生育支出 → 卫生健康支出" in lines


def test_notebook_runs() -> None:
    """examples/notebook.ipynb runs top to bottom in a python3 kernel, showing its results.

    Skipped, with the reason, when no kernel can be started here; a failing cell fails.
    """
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from nbclient.exceptions import CellExecutionError, CellTimeoutError  # noqa: PLC0415

    notebook = nbformat.read(ROOT / "examples" / "notebook.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "examples")}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError):
        raise
    except Exception as exc:
        pytest.skip(f"the python3 Jupyter kernel could not start: {type(exc).__name__}: {exc}")

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    plain = [str(o.get("data", {}).get("text/plain", "")) for o in outputs]
    html = [str(o.get("data", {}).get("text/html", "")) for o in outputs]
    assert plain[0] == "('株洲市渌口区人大常委会', 2020, 9)"
    assert any("<td>2010101</td><td>行政运行</td>" in h for h in html)
    assert any("错误 0，警告 1，提示 0" in h for h in html)
    assert any("sum.blank-parent" in p for p in plain)
    assert any("95.5%" in p and "4.5%" in p for p in plain)
    assert "[np.float64(836.91), np.float64(39.26)]" in plain or "[836.91, 39.26]" in plain
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert not [o for o in outputs if o.output_type == "stream" and o.get("name") == "stderr"]


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
