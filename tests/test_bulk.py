"""Bulk runs: files checked on a process pool or a Dask cluster, the findings table, resume."""

from __future__ import annotations

import csv
import io
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from govbudget import (
    Disclosure,
    Family,
    Finding,
    Report,
    Severity,
    Table,
    TableKind,
    Unit,
    serialize,
)
from govbudget.bulk import (
    FINDING_COLUMNS,
    BulkRun,
    FileResult,
    FilesProgress,
    FindingsTable,
    check_file,
    check_files,
    check_files_on,
    files_in,
    finding_rows,
)
from govbudget.cli import main
from govbudget.errors import GovbudgetError
from govbudget.harvest import harvest

ROOT = Path(__file__).resolve().parent.parent
CORRUPT = '{"department": "某单位", "year": 20'


def _generate() -> Callable[..., list[dict[str, str]]]:
    generate: Callable[..., list[dict[str, str]]] = runpy.run_path(
        str(ROOT / "benchmarks" / "corpus.py")
    )["generate"]
    return generate


@pytest.fixture
def folder(tmp_path: Path, seed: Disclosure) -> Path:
    """Three copies of the seed as JSON and one file cut short."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(3):
        (docs / f"seed-{number}.json").write_text(serialize.dumps(seed), encoding="utf-8")
    (docs / "broken.json").write_text(CORRUPT, encoding="utf-8")
    return docs


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_check_file_reports_and_names_its_source(folder: Path) -> None:
    """A readable file gives its report, its source the path as given, and no error."""
    path = str(folder / "seed-0.json")

    result = check_file(path)

    assert result.ok
    assert result.error is None
    assert result.report is not None
    assert result.report.source == path
    assert result.report.year == 2020
    assert result.seconds > 0


def test_check_file_records_a_file_it_cannot_read(folder: Path) -> None:
    """A broken file is a result naming the file and what is wrong; nothing is raised."""
    path = str(folder / "broken.json")

    result = check_file(path)

    assert not result.ok
    assert result.report is None
    assert result.error is not None
    assert result.error.startswith(f"{path}: not JSON")
    assert result.detail is None  # bad input, not a bug: no traceback


def test_check_file_of_a_missing_file(tmp_path: Path) -> None:
    """A file that is not there is recorded with the system's reason."""
    result = check_file(tmp_path / "absent.json")

    assert result.error == f"{tmp_path / 'absent.json'}: No such file or directory"


def test_one_job_checks_in_order_in_this_process(folder: Path) -> None:
    """With ``jobs=1`` the files are checked one after another, in the order given."""
    paths = [str(p) for p in files_in(folder)]

    results = list(check_files(paths, jobs=1))

    assert [r.path for r in results] == paths
    assert [r.ok for r in results] == [False, True, True, True]


def test_a_pool_checks_every_file_and_a_broken_one_never_stops_it(folder: Path) -> None:
    """On two processes every file comes back once; the broken one with its error."""
    paths = [str(p) for p in files_in(folder)]

    results = list(check_files(paths, jobs=2))

    assert sorted(r.path for r in results) == sorted(paths)
    failed = [r for r in results if not r.ok]
    assert [r.path for r in failed] == [str(folder / "broken.json")]
    reports = [r.report for r in results if r.report is not None]
    assert {r.department for r in reports} == {"株洲市渌口区人大常委会"}


def test_done_files_are_left_out(folder: Path) -> None:
    """Files named in *done* are not checked at all."""
    paths = [str(p) for p in files_in(folder)]

    results = list(check_files(paths, jobs=1, done=paths[:3]))

    assert [r.path for r in results] == paths[3:]


def test_jobs_below_one_is_refused() -> None:
    """Zero worker processes is a mistake, said at once."""
    with pytest.raises(ValueError, match="at least 1"):
        list(check_files([], jobs=0))


def test_rules_and_year_reach_each_file(folder: Path) -> None:
    """The rule selection is applied in the workers as in :func:`govbudget.check`."""
    results = list(check_files([folder / "seed-0.json"], jobs=1, rules=["sum.total"]))

    report = results[0].report
    assert report is not None
    assert report.rules == ("sum.total",)


def test_finding_rows_one_per_finding_with_the_document() -> None:
    """Each finding is a row carrying the document's path, department, year and family."""
    finding = Finding("sum.total", Severity.ERROR, "wrong", "不符", row="201", found=None)
    report = Report(
        findings=[finding, attrs.evolve(finding, rule="sum.hierarchy")],
        department="某单位",
        year=2021,
        family="决算",
        source="a.json",
    )

    rows = finding_rows(FileResult("a.json", report=report))

    assert [r["rule"] for r in rows] == ["sum.total", "sum.hierarchy"]
    assert {(r["path"], r["department"], r["year"], r["family"]) for r in rows} == {
        ("a.json", "某单位", 2021, "决算")
    }
    assert all(tuple(r) == FINDING_COLUMNS for r in rows)


def test_finding_rows_a_clean_file_still_has_a_row() -> None:
    """A file with no finding is one row with empty finding columns, so resume knows it."""
    rows = finding_rows(FileResult("b.json", report=Report(findings=[], year=2020)))

    assert len(rows) == 1
    assert rows[0]["rule"] is None
    assert rows[0]["error"] is None
    assert rows[0]["year"] == 2020


def test_findings_table_writes_and_resumes(tmp_path: Path, folder: Path) -> None:
    """The CSV holds every file; opened to resume, it knows them as done and appends."""
    out = tmp_path / "findings.csv"
    with FindingsTable(out) as table:
        for result in check_files(files_in(folder), jobs=1):
            table.add(result)

    resumed = FindingsTable(out, resume=True)
    with resumed:
        resumed.add(FileResult("extra.json", error="extra.json: not JSON"))

    assert resumed.done == {str(p) for p in files_in(folder)}
    rows = _rows(out)
    assert rows[-1]["path"] == "extra.json"
    assert {r["path"] for r in rows} == {*resumed.done, "extra.json"}
    assert next(r for r in rows if r["path"].endswith("broken.json"))["error"].endswith(
        "(Expecting ',' delimiter at line 1)"
    )


def test_findings_table_starts_afresh_without_resume(tmp_path: Path) -> None:
    """Without resume an existing table is replaced, not appended to."""
    out = tmp_path / "findings.csv"
    for name in ("first.json", "second.json"):
        with FindingsTable(out) as table:
            table.add(FileResult(name, error="x"))

    assert [r["path"] for r in _rows(out)] == ["second.json"]


def test_a_line_cut_short_by_a_stop_is_not_done(tmp_path: Path) -> None:
    """A last row written in part (the run was killed) is dropped; its file is redone."""
    out = tmp_path / "findings.csv"
    with FindingsTable(out) as table:
        table.add(FileResult("whole.json", error="x"))
    with out.open("a", encoding="utf-8") as handle:
        handle.write("cut.json,某单位,20")

    table = FindingsTable(out, resume=True)

    assert table.done == {"whole.json"}
    assert out.read_text(encoding="utf-8").endswith("\n")


def test_findings_table_refuses_other_columns_and_suffixes(tmp_path: Path) -> None:
    """A CSV of other columns is not resumed; an output neither CSV nor Parquet is refused."""
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GovbudgetError, match="other columns"):
        FindingsTable(other, resume=True)
    with pytest.raises(GovbudgetError, match=r"\.csv or \.parquet"):
        FindingsTable(tmp_path / "findings.xlsx")


def test_parquet_holds_the_csv_rows_typed(tmp_path: Path, folder: Path) -> None:
    """The Parquet file has the CSV's rows; year and page are integers, figures text."""
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "findings.parquet"
    with FindingsTable(out) as table:
        for result in check_files(files_in(folder), jobs=1):
            table.add(result)

    data: Any = pq.read_table(out)

    assert data.column_names == list(FINDING_COLUMNS)
    assert data.num_rows == len(_rows(tmp_path / "findings.csv"))
    assert str(data.schema.field("year").type) == "int64"
    assert str(data.schema.field("expected").type) == "string"
    assert set(data.column("year").to_pylist()) == {None, 2020}


def test_parquet_without_pyarrow_says_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking for Parquet without pyarrow fails before any work, naming the extra."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)

    with pytest.raises(GovbudgetError, match=r"govbudget\[parquet\]"):
        FindingsTable(tmp_path / "findings.parquet")


def test_progress_is_off_when_not_a_terminal() -> None:
    """On a stream that is not a terminal there is no bar; lines are printed plainly."""
    stream = io.StringIO()
    with FilesProgress(2, stream=stream) as progress:
        progress.step()
        progress.print("a line")

    assert not progress.enabled
    assert progress.done == 1
    assert stream.getvalue() == "a line\n"


def test_progress_bar_shows_files_per_second() -> None:
    """Forced on, the bar counts files and their rate, and is gone when done."""
    stream = io.StringIO()
    with FilesProgress(2, stream=stream, enabled=True) as progress:
        progress.step()
        progress.step()

    assert progress.done == 2
    assert progress.rate > 0


def test_bulk_run_resume_needs_an_output() -> None:
    """Resuming without a table to resume from is misuse."""
    with pytest.raises(GovbudgetError, match="--resume needs --output"):
        BulkRun([], resume=True)


def test_cli_thousand_files_in_miniature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A generated folder checks end to end on two processes; the corrupt file is recorded.

    Then a second run with ``--resume`` does no work: every file is skipped, nothing is
    reported and the table is unchanged.
    """
    corpus = tmp_path / "corpus"
    manifest = _generate()(corpus, files=12, seeded=3, defects=0.5, corrupt=1)
    out = tmp_path / "findings.parquet"

    status = main(["check", "--jobs", "2", "--output", str(out), "--color", "never", str(corpus)])
    first = capsys.readouterr()

    assert status == 2  # one file could not be read
    assert "corrupt-00.json: not JSON" in first.err
    assert "共 13 个文件：已核对 12 个，无法读取 1 个" in first.out
    rows = _rows(tmp_path / "findings.csv")
    assert {Path(r["path"]).name for r in rows} == {m["file"] for m in manifest}
    assert out.exists() == ("pyarrow" in sys.modules or _has_pyarrow())
    flawed = {m["file"] for m in manifest if m["defect"] not in ("", "corrupt")}
    flagged = {Path(r["path"]).name for r in rows if r["severity"] == "error"}
    assert flagged <= flawed  # no clean file is flagged
    assert flagged  # and the defects are found

    before = (tmp_path / "findings.csv").read_bytes()
    status = main(["check", "--jobs", "2", "--output", str(out), "--resume", str(corpus)])
    second = capsys.readouterr()

    assert status == 0
    assert "13 files already in" in second.err
    assert second.out == ""
    assert (tmp_path / "findings.csv").read_bytes() == before


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def test_cli_jobs_streams_each_report(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without an output, ``--jobs`` prints each file's report and the totals."""
    status = main(["check", "--jobs", "2", "--color", "never", str(folder)])
    out = capsys.readouterr()

    assert status == 2
    assert out.out.count("株洲市渌口区人大常委会 2020年决算") == 3
    assert "共 4 个文件：已核对 3 个，无法读取 1 个" in out.out


def test_cli_jobs_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With ``--format json`` the JSON report holds every document, the broken one too."""
    main(["check", "--jobs", "1", "--format", "json", str(folder)])
    import json  # noqa: PLC0415

    documents = json.loads(capsys.readouterr().out)["documents"]

    assert len(documents) == 4
    assert sum(d["error"] is not None for d in documents) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--resume"], "--resume needs --output"),
        (["--jobs", "2", "--together"], "--together reads one disclosure"),
        (["--jobs", "2", "--output", "x.txt"], r"\.csv or \.parquet"),
        (["--jobs", "0"], "at least 1, not '0'"),
    ],
)
def test_cli_bulk_misuse(
    folder: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    """Options that do not go together are one line on stderr and status 2."""
    status = main(["check", *extra, str(folder / "seed-0.json")])

    assert status == 2
    assert pytest.importorskip("re").search(message, capsys.readouterr().err)


def test_dask_local_cluster_checks_every_file(folder: Path) -> None:
    """On a LocalCluster of two workers every file comes back, the broken one recorded."""
    distributed = pytest.importorskip("distributed")
    paths = [str(p) for p in files_in(folder)]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(check_files_on(client, paths, done=paths[1:2]))

    assert sorted(r.path for r in results) == sorted([paths[0], *paths[2:]])
    assert [r.path for r in results if not r.ok] == [str(folder / "broken.json")]
    assert all(r.worker.startswith("inproc://") for r in results)


CRASHING_TASK = """
import os
from govbudget.bulk import check_file


def check_or_die(path, options):
    if path.endswith("die.json"):
        os._exit(3)
    return check_file(path, options)
"""


def test_a_worker_that_dies_costs_only_its_file(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that kills its worker is recorded as such; every other file is still checked."""
    helpers = tmp_path / "helpers"
    helpers.mkdir()
    (helpers / "crashing_task.py").write_text(CRASHING_TASK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(helpers))
    task = __import__("crashing_task").check_or_die
    (folder / "die.json").write_text("{}", encoding="utf-8")
    paths = [str(p) for p in files_in(folder)]

    results = list(check_files(paths, jobs=2, task=task))

    assert sorted(r.path for r in results) == sorted(paths)
    failed = {Path(r.path).name: r.error or "" for r in results if not r.ok}
    assert set(failed) == {"die.json", "broken.json"}
    assert "worker process checking it stopped" in failed["die.json"]


def test_cli_dask_address(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--dask ADDRESS`` runs the files on that scheduler and writes the same table."""
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "findings.csv"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        status = main(
            ["check", "--dask", cluster.scheduler_address, "--output", str(out), str(folder)]
        )
    err = capsys.readouterr().err

    assert status == 2
    assert "broken.json: not JSON" in err
    assert {r["path"] for r in _rows(out)} == {str(p) for p in files_in(folder)}


def test_region_reaches_each_file(tmp_path: Path) -> None:
    """--region applies in the workers, as in check().

    A 2024 final account of no known region that leaves out its 08 table is held to
    Shanghai's set (an error) only when that region is given.
    """
    kinds = [k for k in TableKind.of_family(Family.FINAL) if k is not TableKind.GOV_FUND]
    disclosure = Disclosure(
        department="某区档案局",
        year=2024,
        family=Family.FINAL,
        tables={k: Table(k, Unit.WAN, [], [], note="此表无数据", no_data=True) for k in kinds},
    )
    path = tmp_path / "a.json"
    path.write_text(serialize.dumps(disclosure), encoding="utf-8")

    def severities(region: str | None) -> list[Severity]:
        (result,) = check_files([path], jobs=1, rules=["structure.tables"], region=region)
        assert result.report is not None
        return [f.severity for f in result.report.findings]

    assert severities(None) == [Severity.WARNING]
    assert severities("上海") == [Severity.ERROR]


def test_catalogues_reach_each_file(tmp_path: Path, seed: Disclosure) -> None:
    """Harvest files given with --catalogue are read in the workers.

    The seed's own harvest merges without changing its verdict; a file that is no harvest
    fails that file, with the harvest's name in the error.
    """
    path = tmp_path / "seed.json"
    path.write_text(serialize.dumps(seed), encoding="utf-8")
    own = tmp_path / "own.tsv"
    harvest([path]).write(own)
    broken = tmp_path / "broken.tsv"
    broken.write_text("not a harvest\n", encoding="utf-8")

    (plain,) = check_files([path], jobs=1, rules=["catalogue.code"])
    (merged,) = check_files([path], jobs=1, rules=["catalogue.code"], catalogues=[own])
    (failed,) = check_files([path], jobs=1, rules=["catalogue.code"], catalogues=[broken])

    assert plain.report is not None
    assert merged.report is not None
    assert merged.report.findings == plain.report.findings
    assert failed.report is None
    assert failed.error is not None
    assert "broken.tsv" in failed.error
