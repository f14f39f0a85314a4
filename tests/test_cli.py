"""The command line: exit codes, output, and one-line errors without tracebacks."""

import io
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


@pytest.mark.parametrize(
    "argv",
    [[], ["check"], ["check", "x.json", "--format", "xml"], ["lookup"], ["diff", "2020"]],
)
def test_misuse_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Misuse (no command, a missing or bad argument) is one line pointing at --help: exit 2."""
    status = main(argv)

    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "error:" in err
    assert "--help" in err


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
    assert report["schema"] == "govbudget.report/2"
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


def _broken(folder: Path, name: str = "broken.json") -> Path:
    """The example with 2010101 基本支出 printed 667.19 instead of 657.19 (公开05表)."""
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    rows = data["tables"][4]["rows"]
    next(r for r in rows if r.get("code") == "2010101")["cells"]["basic"] = "667.19"
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_text_names_where_expected_found_tolerance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each finding is followed by its 位置 line and its figures, grouped under its table."""
    broken = _broken(tmp_path)

    status = main(["check", str(broken), "--min-severity", "error"])

    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[2] == "  情况说明数字 13 个：一致 13，仅在较粗精度下一致 0，不符 0，未能核对 0"
    assert lines[3] == "  公开05表 一般公共预算财政拨款支出决算表"
    assert lines[4].startswith("    [错误] sum.hierarchy: ")
    assert lines[5] == (
        f"      位置：{broken}，公开05表 一般公共预算财政拨款支出决算表，"
        "行 20101 人大事务，列 基本支出"
    )
    assert lines[6] == "      应为 846.91，填列 836.91，差额 -10.00，容差 ±0.03 万元"


def test_check_text_narrative_finding_quotes_the_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A narrative finding is listed under 情况说明 with the character position and quote."""
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    data["narrative"] = data["narrative"].replace("住房保障支出39.26", "住房保障支出39.96")
    path = tmp_path / "n.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    status = main(["check", str(path), "--rules", "narrative.amount"])

    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[2] == "  情况说明数字 13 个：一致 12，仅在较粗精度下一致 0，不符 1，未能核对 0"
    heading = lines.index("  情况说明")
    assert lines[heading + 1].startswith("    [错误] narrative.amount: ")
    assert lines[heading + 2].startswith(f"      位置：{path}，情况说明，第 ")
    assert (
        lines[heading + 3]
        == "      原文：「其中一般公共服务支出836.91万元，住房保障支出39.96万元。」"
    )
    assert lines[heading + 4] == "      应为 39.26，填列 39.96，差额 0.70，容差 ±0.010 万元"


def _copy_example(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(Path(EXAMPLE).read_bytes())
    return target


def test_check_a_folder_reads_every_disclosure_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder: its .json (subfolders too) are checked in name order; other files ignored."""
    _copy_example(tmp_path, "b.json")
    _copy_example(tmp_path / "sub", "a.JSON")
    _copy_example(tmp_path / ".hidden", "c.json")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")

    status = main(["check", str(tmp_path), "--format", "json"])

    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [d["path"] for d in report["documents"]] == [
        str(tmp_path / "b.json"),
        str(tmp_path / "sub" / "a.JSON"),
    ]


def test_check_an_empty_folder_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder holding no disclosure file is an input that cannot be read: exit 2."""
    (tmp_path / "readme.md").write_text("nothing here", encoding="utf-8")

    status = main(["check", str(tmp_path)])

    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        f"govbudget check: error: {tmp_path}: no disclosure file "
        "(.json, .txt, .pdf, .xlsx, .xls) in folder\n"
    )


def test_check_several_files_totals_line_and_unreadable_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Of three files one is unreadable: it keeps its place in the JSON, with its error."""
    bad = tmp_path / "bad.txt"
    bad.write_text("hello", encoding="utf-8")
    broken = _broken(tmp_path)

    status = main(["check", EXAMPLE, str(bad), str(broken), "--format", "json"])

    captured = capsys.readouterr()
    documents = json.loads(captured.out)["documents"]
    assert status == 2
    assert [d["path"] for d in documents] == [EXAMPLE, str(bad), str(broken)]
    assert documents[1]["error"] == f"{bad}: not a disclosure: no table title and no year found"
    assert documents[0]["error"] is None
    assert documents[2]["counts"]["error"] == 2
    assert captured.err == f"govbudget check: error: {documents[1]['error']}\n"


def test_check_several_files_text_ends_with_totals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After several files the text report sums them up in one line."""
    broken = _broken(tmp_path)

    status = main(["check", EXAMPLE, str(broken), str(tmp_path / "missing.pdf")])

    out = capsys.readouterr().out.splitlines()
    assert status == 2
    assert out[-1] == "共 3 个文件：已核对 2 个，无法读取 1 个；错误 2，警告 2，提示 0"


def test_check_internal_error_is_one_line_and_others_still_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected exception in a reader is one line (no traceback); the next file runs."""
    from govbudget import read  # noqa: PLC0415 - wrapped below

    def flaky(path: str) -> object:
        if path == "boom.json":
            raise RuntimeError("unexpected")
        return read(path)

    monkeypatch.setattr("govbudget.cli.read", flaky)

    status = main(["check", "boom.json", EXAMPLE])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.splitlines() == [
        "govbudget check: error: boom.json: internal error (RuntimeError: unexpected); "
        "run with --debug to see the traceback, and please report it"
    ]
    assert "错误 0，警告 1" in captured.out


def test_check_colour_always_is_the_plain_text_coloured(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--color always: the same lines with ANSI colours (error findings in red)."""
    import re  # noqa: PLC0415

    broken = _broken(tmp_path)
    main(["check", str(broken), "--color", "never"])
    plain = capsys.readouterr().out

    status = main(["check", str(broken), "--color", "always"])

    coloured = capsys.readouterr().out
    assert status == 1
    assert "\x1b[1;31m    [错误] sum.hierarchy" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_check_plain_when_stdout_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """By default (auto) and stdout not a terminal: no escape codes, no progress bar."""
    status = main(["check", EXAMPLE, EXAMPLE])

    captured = capsys.readouterr()
    assert status == 0
    assert "\x1b" not in captured.out
    assert captured.err == ""


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_check_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """With stderr a terminal and several files, rich draws a progress bar there."""
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)

    status = main(["check", EXAMPLE, EXAMPLE, "--format", "json"])

    assert status == 0
    assert "核对" in err.getvalue()
    assert "2/2" in err.getvalue() or "100%" in err.getvalue()


def test_convert_unreadable_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The convert command follows the same conventions: one line naming the file, exit 2."""
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")

    status = main(["convert", str(pdf), "--to", "json"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"govbudget convert: error: {pdf}: cannot open the PDF")
    assert len(err.splitlines()) == 1


def test_convert_csv_without_output_is_misuse(capsys: pytest.CaptureFixture[str]) -> None:
    """--to csv needs -o: exit 2 with one line saying so."""
    status = main(["convert", EXAMPLE, "--to", "csv"])

    assert status == 2
    assert capsys.readouterr().err == (
        "govbudget convert: error: --to csv needs -o OUT (a folder)\n"
    )
