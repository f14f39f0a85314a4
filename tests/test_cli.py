"""The command line: exit codes, output, and one-line errors without tracebacks."""

import json
from pathlib import Path

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


EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "seed_2020.json")


def test_check_the_example_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped example has no error: exit 0; its one warning is shown by table."""
    status = main(["check", EXAMPLE])

    out = capsys.readouterr().out
    assert status == 0
    assert "错误 0，警告 1" in out
    assert "公开06表" in out
    assert "[警告] sum.blank-parent" in out


def test_check_json_report_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error in a file: exit 1; the JSON report names rule, row, expected, found."""
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    rows = data["tables"][4]["rows"]
    next(r for r in rows if r.get("code") == "2010101")["cells"]["basic"] = "667.19"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    status = main(["check", str(broken), "--format", "json", "--min-severity", "error"])

    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["schema"] == "govbudget.report/1"
    document = report["documents"][0]
    assert document["path"] == str(broken)
    assert document["tables"][0] == "income_expenditure_summary"
    findings = document["findings"]
    assert {f["severity"] for f in findings} == {"error"}
    hierarchy = next(f for f in findings if f["rule"] == "sum.hierarchy")
    assert (hierarchy["row"], hierarchy["column"]) == ("20101", "basic")
    assert (hierarchy["expected"], hierarchy["found"], hierarchy["tolerance"]) == (
        "846.91",
        "836.91",
        "0.03",
    )
    assert hierarchy["quote"] is None
    assert document["suspects"][0]["row"] == "2010101"


def test_check_unreadable_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file and a PDF: one line each on stderr, the readable file still checked."""
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")

    status = main(["check", str(tmp_path / "missing.json"), str(pdf), EXAMPLE])

    captured = capsys.readouterr()
    assert status == 2
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert "missing.json" in errors[0]
    assert "x.pdf" in errors[1]
    assert "Traceback" not in captured.err
    assert "错误 0" in captured.out


def test_check_rejects_unknown_rule_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in --rules is a usage error, not a silent pass."""
    status = main(["check", EXAMPLE, "--rules", "sum.typo"])

    assert status == 2
    assert "no rule matches 'sum.typo'" in capsys.readouterr().err
