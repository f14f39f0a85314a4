"""The catalogue commands: lookup, search, diff; exit codes and one-line errors."""

from pathlib import Path

import pytest

from govbudget.cli import main


def test_lookup_prints_name_and_ancestors(capsys: pytest.CaptureFixture[str]) -> None:
    """`govbudget lookup` shows the 2020 name of 2010107 and its 类 and 款."""
    status = main(["lookup", "2010107", "--year", "2020"])

    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines()[0] == "2010107 人大代表履职能力提升"
    assert "类 201 一般公共服务支出" in out
    assert "款 20101 人大事务" in out
    assert "source: seed-2020" in out


def test_lookup_unknown_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code: exit 2, one line on stderr with a suggestion, no traceback."""
    status = main(["lookup", "2010103", "--year", "2020"])

    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "did you mean 2010107 人大代表履职能力提升" in err
    assert "Traceback" not in err


def test_lookup_with_user_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--list merges a user's CSV for --year."""
    path = tmp_path / "l.csv"
    path.write_text("科目编码,科目名称\n201,一般公共服务支出\n", encoding="utf-8")

    status = main(["lookup", "201", "--year", "2022", "--list", str(path)])

    assert status == 0
    assert f"source: user file {path}" in capsys.readouterr().out


def test_list_without_year_is_misuse(capsys: pytest.CaptureFixture[str]) -> None:
    """--list needs --year: exit 2."""
    assert main(["lookup", "201", "--list", "x.csv"]) == 2
    assert "--year" in capsys.readouterr().err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    """`govbudget search` prints code, name, scheme, years and how it matched."""
    status = main(["search", "公务接待", "--year", "2024"])

    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines() == ["30217\t公务接待费\t部门预算支出经济分类\t2024\tsubstring"]


def test_search_no_match_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    """No match: exit 1 and a one-line note on stderr."""
    assert main(["search", "航天飞机", "--year", "2020"]) == 1
    assert "no code matches" in capsys.readouterr().err


def test_diff(capsys: pytest.CaptureFixture[str]) -> None:
    """`govbudget diff 2018 2019` shows 224 added, 207 and 210 renamed, and known renames."""
    status = main(["diff", "2018", "2019", "--scheme", "functional"])

    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert status == 0
    assert "+ 224 灾害防治及应急管理支出" in lines
    assert "~ 207 文化体育与传媒支出 → 文化旅游体育与传媒支出" in lines
    assert "~ 210 医疗卫生与计划生育支出 → 卫生健康支出" in lines
    assert any(
        line.startswith("~ 215 资源勘探信息等支出 → 资源勘探工业信息等支出 (between 2019 and 2024)")
        for line in lines
    )
    assert "verified" in captured.err


def test_diff_unknown_year_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A year without a list: exit 2, one line."""
    assert main(["diff", "2016", "2018"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
