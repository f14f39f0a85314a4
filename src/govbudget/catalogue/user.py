r"""A user's own copy of the Ministry of Finance list 《政府收支分类科目》 (CSV or Excel).

The file needs two columns, the code and the name. A header row is found by its spellings
(科目编码 / 编码 / 科目代码 / code and 科目名称 / 名称 / name); without one, the first two
columns are taken. Rows without a code (section headings) and codes of no expenditure
scheme (revenue 1xx) are skipped and counted; a malformed expenditure code is an error.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "2020.csv").write_text("科目编码,科目名称\n201,一般公共服务支出\n", "utf-8")
>>> read_user_list(folder / "2020.csv", 2020).names
(('201', '一般公共服务支出'),)
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from govbudget.codes import Code, parse_code
from govbudget.errors import CodeError, FormatError
from govbudget.location import Location

__all__ = ["UserList", "read_user_list"]

_CODE_HEADERS = frozenset({"科目编码", "编码", "科目代码", "代码", "code", "科目编号"})
_NAME_HEADERS = frozenset({"科目名称", "名称", "name"})


@attrs.frozen
class UserList:
    """Codes and names read from a user's file, for one year.

    Attributes:
        path: The file read.
        year: The year the list is for.
        codes: The expenditure codes read, in file order.
        names: ``(digits, name)`` for each code, in file order.
        skipped: How many rows were skipped (no code, or a code of no expenditure scheme).

    .. versionadded:: 0.1
    """

    path: str
    year: int
    codes: tuple[Code, ...]
    names: tuple[tuple[str, str], ...]
    skipped: int = 0

    @property
    def source(self) -> str:
        """The provenance recorded on entries read from this file."""
        return f"user file {self.path}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return text.replace("\u3000", " ").strip()


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise FormatError("is neither UTF-8 nor GB18030 text", location=Location(file=str(path)))


def _xlsx_rows(path: Path) -> list[list[object]]:
    try:
        import openpyxl  # noqa: PLC0415 - imported on use to keep `import govbudget` light
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise FormatError("reading .xlsx needs openpyxl (pip install openpyxl)") from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise FormatError(f"is not a readable .xlsx file ({exc})", text=str(path)) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _columns(rows: Sequence[Sequence[str]]) -> tuple[int, int, int]:
    """(code column, name column, first data row)."""
    for index, row in enumerate(rows[:20]):
        lowered = [cell.lower() for cell in row]
        codes = [i for i, cell in enumerate(lowered) if cell in _CODE_HEADERS]
        names = [i for i, cell in enumerate(lowered) if cell in _NAME_HEADERS]
        if codes and names:
            return codes[0], names[0], index + 1
    return 0, 1, 0


def _entries(rows: Sequence[Sequence[str]], path: str) -> Iterator[tuple[Code, str] | None]:
    code_at, name_at, start = _columns(rows)
    for number, row in enumerate(rows[start:], start + 1):
        code_text = row[code_at] if code_at < len(row) else ""
        name = row[name_at] if name_at < len(row) else ""
        location = Location(file=path, row=str(number))
        if not code_text or code_text[:1] not in "235":
            yield None
            continue
        try:
            code = parse_code(code_text, location=location)
        except CodeError as exc:
            raise FormatError(f"row {number}: {exc.message}", text=code_text) from exc
        if not name:
            raise FormatError(f"row {number}: code {code} has no name", text=path)
        yield code, name


def read_user_list(path: str | Path, year: int) -> UserList:
    """Read a user's list of codes and names (``.csv``, ``.tsv`` or ``.xlsx``) for *year*.

    Raises:
        FormatError: When the file cannot be read, a code is malformed, a code has no
            name, or one code is given two names.
        OSError: When the file cannot be opened.

    .. versionadded:: 0.1
    """
    path = Path(path)
    suffix = path.suffix.lower()
    raw: Iterable[Sequence[object]]
    if suffix in {".csv", ".tsv", ".txt"}:
        raw = _csv_rows(path)
        if suffix == ".tsv":
            text = path.read_bytes().decode("utf-8-sig")
            raw = [line.split("\t") for line in text.splitlines()]
    elif suffix == ".xlsx":
        raw = _xlsx_rows(path)
    else:
        raise FormatError("a code list is read from .csv, .tsv or .xlsx", text=str(path))
    rows = [[_cell(value) for value in row] for row in raw]
    codes: list[Code] = []
    names: dict[str, str] = {}
    skipped = 0
    for item in _entries(rows, str(path)):
        if item is None:
            skipped += 1
            continue
        code, name = item
        known = names.get(code.digits)
        if known is not None and known != name:
            raise FormatError(f"code {code} is named both {known!r} and {name!r}", text=str(path))
        if known is None:
            codes.append(code)
            names[code.digits] = name
    return UserList(str(path), year, tuple(codes), tuple(names.items()), skipped)
