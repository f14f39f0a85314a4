"""The command line: exit codes, output, and one-line errors without tracebacks."""

import pytest

from govbudget import AmountError
from govbudget.cli import main


def test_sum_consistent_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 公开02表 20101 = Σ 项 holds: exit 0, tolerance from table precision."""
    status = main(["sum", "836.91", "=", "657.19", "+", "6.43", "+", "24.2", "+", "92.84", "56.25"])

    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("consistent")
    assert "tolerance ±0.03" in out


def test_sum_inconsistent_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A total off by 0.10 is reported with its difference; exit 1."""
    status = main(["sum", "836.91", "=", "657.19", "+", "179.82"])

    out = capsys.readouterr().out
    assert status == 1
    assert "difference -0.10" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sum", "1", "=", "x"], "not a figure: 'x'"),
        (["sum", "1", "2"], "PARENT = CHILD"),
        (["sum", "--unit", "美元", "1", "=", "1"], "not a unit"),
        (["code", "2010100"], "项 part is 00"),
        (["code", "合计"], "no expenditure code"),
    ],
)
def test_errors_are_one_line_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input: one line on stderr naming the problem, no traceback, exit 2."""
    status = main(argv)

    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_misuse_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """No command at all is misuse: exit 2."""
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_debug_shows_traceback() -> None:
    """--debug lets the exception through for developers."""
    with pytest.raises(AmountError):
        main(["--debug", "sum", "1", "=", "x"])


def test_code_shows_scheme_level_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    """Codes are shown with scheme, level and the path from their 类."""
    assert main(["code", "[2010101]行政运行", "30217"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "2010101 行政运行\t支出功能分类 项\t201 › 20101 › 2010101",
        "30217\t部门预算支出经济分类 款\t302 › 30217",
    ]
