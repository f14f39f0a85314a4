"""Rebuild the shipped catalogue from its sources, each entry citing its evidence.

Sources, all under ``scripts/catalogue/`` (nothing here reads ``../shared/`` unless asked):

- ``corpus-harvest.tsv``: every code printed with its name in the documents of
  ``../shared/`` (``govbudget catalogue harvest``), cited by the keys of ``documents.tsv``;
- ``rejected.tsv``: the sightings of that harvest not taken as official, with the reason;
- ``source.tsv``: names read from other sources (lists, the issues, DOMAIN.md), cited by
  the keys in its header; a source marked ``[doubtful]`` is used only where another source
  agrees on the name that year, and otherwise held back;
- ``changes.tsv``: known renames and reforms, with their sources.

It writes one file per scheme and year under ``src/govbudget/data/catalogue/<scheme>/``
and ``src/govbudget/data/catalogue/changes.tsv``. Run from the repository root::

    python scripts/build_catalogue.py            # write the files
    python scripts/build_catalogue.py --check    # exit 1 when the shipped files are stale
    python scripts/build_catalogue.py --harvest  # re-harvest ../shared/ first

The build refuses one code with two names in one year (after the rejections), a rejection
or a document that matches nothing, a code invalid for its scheme, a 款 or 项 whose parent
is not listed that year, a correspondence to a government code not listed that year, and
a rename that its sightings contradict.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import attrs

from govbudget.catalogue.sighting import Harvest, name_key, parse_harvest, scheme_key
from govbudget.codes import DeptEconomicCode, FunctionCode, GovEconomicCode

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "scripts" / "catalogue"
SHARED = ROOT.parent / "shared"
TARGET = ROOT / "src" / "govbudget" / "data" / "catalogue"
SCHEMES = {
    "functional": FunctionCode,
    "dept_economic": DeptEconomicCode,
    "gov_economic": GovEconomicCode,
}
#: The years shipped for each scheme (the government economic scheme starts in 2018).
YEARS = {
    "functional": range(2017, 2027),
    "dept_economic": range(2017, 2027),
    "gov_economic": range(2018, 2027),
}
COVERAGE = "partial (only codes verified in a source below; absent means unverified)"
DOUBTFUL = " [doubtful]"


@attrs.define
class Variant:
    """One name of a code in a year, with every reference that prints it."""

    printed: Counter[str] = attrs.field(factory=Counter)
    refs: dict[str, set[str]] = attrs.field(factory=dict)
    doubtful: set[str] = attrs.field(factory=set)
    maps_to: list[str] = attrs.field(factory=list)

    def add(self, name: str, key: str, page: str, *, doubtful: bool) -> None:
        """Record that *key* (on *page*) prints *name*."""
        self.printed[name] += 1
        pages = self.refs.setdefault(key, set())
        if page:
            pages.add(page)
        if doubtful:
            self.doubtful.add(key)

    @property
    def confirmed(self) -> bool:
        """Whether a source that is not doubtful prints it."""
        return bool(set(self.refs) - self.doubtful)

    @property
    def name(self) -> str:
        """The most printed spelling (full-width brackets first on a tie)."""
        return min(self.printed, key=lambda n: (-self.printed[n], "(" in n, n))

    def cell(self) -> str:
        """The source cell: ``key p.6,8; key``."""
        out = []
        for key in sorted(self.refs):
            pages = sorted(self.refs[key], key=lambda p: (not p.isdigit(), p.zfill(6)))
            out.append(f"{key} p.{','.join(pages)}" if pages else key)
        return "; ".join(out)


def table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """``# ...`` comment lines and the rows of a TSV file with a header line."""
    comments: list[str] = []
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            comments.append(line)
        elif not line.strip():
            continue
        elif header is None:
            header = line.split("\t")
        else:
            cells = line.split("\t")
            if len(cells) != len(header):
                raise SystemExit(f"{path}:{number}: {len(cells)} cells, expected {len(header)}")
            rows.append({**dict(zip(header, cells, strict=True)), "line": f"{path.name}:{number}"})
    return comments, rows


def parse_years(text: str) -> list[int]:
    """Years written as ``2020``, ``2018-2025`` or ``2020,2024``."""
    years: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        years.extend(range(int(first), int(last or first) + 1))
    return years


def citations(comments: list[str]) -> dict[str, str]:
    """``# source KEY: citation`` lines by key (``KEY [doubtful]`` keeps the mark)."""
    out: dict[str, str] = {}
    for line in comments:
        if line.startswith("# source "):
            key, _, citation = line.removeprefix("# source ").partition(": ")
            out[key.removesuffix(DOUBTFUL)] = citation + (
                DOUBTFUL if key.endswith(DOUBTFUL) else ""
            )
    return out


@attrs.frozen
class Build:
    """Everything the build read, checked, and what it writes."""

    files: dict[Path, str]
    held_back: int


def build() -> Build:  # noqa: PLR0912, PLR0915 - one pass over every source, in order
    """The text of every shipped file, by path relative to the data folder."""
    _, documents = table(HERE / "documents.tsv")
    doc_keys = {d["document"]: d["key"] for d in documents}
    cited = {d["key"]: d["citation"] for d in documents}
    source_comments, source_rows = table(HERE / "source.tsv")
    cited.update(citations(source_comments))
    harvest = parse_harvest((HERE / "corpus-harvest.tsv").read_text(encoding="utf-8"))
    _, rejected_rows = table(HERE / "rejected.tsv")
    _, change_rows = table(HERE / "changes.tsv")

    variants: dict[tuple[str, int, str], dict[str, Variant]] = defaultdict(dict)

    def add(  # noqa: PLR0917 - the fields of one sighting
        scheme: str, year: int, code: str, name: str, key: str, page: str, *, doubtful: bool
    ) -> Variant:
        SCHEMES[scheme](code)  # raises CodeError for a malformed code
        group = variants[scheme, year, code].setdefault(name_key(name), Variant())
        group.add(name, key, page, doubtful=doubtful)
        return group

    rejected = {
        (r["document"], r["page"], r["scheme"], int(r["year"]), r["code"], name_key(r["name"])): r
        for r in rejected_rows
    }
    used_rejections: set[tuple[str, str, str, int, str, str]] = set()
    seen_documents: set[str] = set()
    for s in harvest.sightings:
        key = doc_keys.get(s.document)
        if key is None:
            raise SystemExit(f"corpus-harvest.tsv: {s.document} is not in documents.tsv")
        seen_documents.add(s.document)
        scheme = scheme_key(s.scheme)
        mark = (key, s.page, scheme, s.year, s.code, name_key(s.name))
        if mark in rejected:
            used_rejections.add(mark)
            continue
        add(scheme, s.year, s.code, s.name, key, s.page, doubtful=False)
    for mark, row in rejected.items():
        if mark not in used_rejections:
            raise SystemExit(f"{row['line']}: the rejection matches no sighting")
    for document in doc_keys.keys() - seen_documents:
        raise SystemExit(f"documents.tsv: {document} has no sighting in corpus-harvest.tsv")

    for row in source_rows:
        key = row["source"]
        if key not in cited:
            raise SystemExit(f"{row['line']}: unknown source {key!r}")
        if not row["name"]:
            raise SystemExit(f"{row['line']}: {row['code']} has no name")
        targets = [t for t in row["maps_to"].split("|") if t]
        for year in parse_years(row["years"]):
            group = add(
                row["scheme"],
                year,
                row["code"],
                row["name"],
                key,
                "",
                doubtful=cited[key].endswith(DOUBTFUL),
            )
            group.maps_to.extend(t for t in targets if t not in group.maps_to)

    renames = [r for r in change_rows if r["kind"] == "rename"]
    for r in renames:
        if r["year"]:
            key = f"rename-{r['scheme']}-{r['code']}"
            cited[key] = f"known rename, {r['source']}"
            year = int(r["year"])
            add(r["scheme"], year - 1, r["code"], r["old"], key, "", doubtful=False)
            add(r["scheme"], year, r["code"], r["new"], key, "", doubtful=False)

    # one name per code and year, after the doubtful-only names are held back
    chosen: dict[tuple[str, int], dict[str, Variant]] = defaultdict(dict)
    held: dict[tuple[str, int], list[tuple[str, Variant]]] = defaultdict(list)
    for (scheme, year, code), groups in variants.items():
        confirmed = [g for g in groups.values() if g.confirmed]
        for group in groups.values():
            if not group.confirmed:
                held[scheme, year].append((code, group))
        if len(confirmed) > 1:
            names = " and ".join(f"{g.name} ({g.cell()})" for g in confirmed)
            raise SystemExit(f"{scheme} {year} {code} is named {names}: reject one")
        if confirmed:
            chosen[scheme, year][code] = confirmed[0]

    files: dict[Path, str] = {}
    for scheme, years in YEARS.items():
        for year in years:
            files[Path(scheme) / f"{year}.tsv"] = year_file(
                scheme, year, chosen, held.get((scheme, year), []), cited
            )
    for (scheme, year), _ in chosen.items():
        if year not in YEARS[scheme]:
            raise SystemExit(f"{scheme} {year}: a year the catalogue does not ship")
    files[Path("changes.tsv")] = changes_file(change_rows, chosen)
    return Build(files, sum(len(v) for v in held.values()))


def year_file(
    scheme: str,
    year: int,
    chosen: dict[tuple[str, int], dict[str, Variant]],
    held: list[tuple[str, Variant]],
    cited: dict[str, str],
) -> str:
    """The text of one year file, after checking parents and correspondences."""
    cls = SCHEMES[scheme]
    entries = chosen.get((scheme, year), {})
    gov = chosen.get(("gov_economic", year), {})
    for code, group in entries.items():
        parent = cls(code).parent
        if parent is not None and parent.digits not in entries:
            raise SystemExit(f"{scheme} {year}: {code} has no parent {parent} listed")
        for target in group.maps_to:
            if target not in gov:
                raise SystemExit(f"{year}: {code} maps to {target}, not listed that year")
    used = sorted(
        {key for group in entries.values() for key in group.refs}
        | {key for _, group in held for key in group.refs}
    )
    lines = [
        f"# govbudget catalogue: {cls.scheme.value} ({scheme}), {year}",
        f"# scheme: {scheme}",
        f"# year: {year}",
        f"# coverage: {COVERAGE}",
        "# built by scripts/build_catalogue.py from scripts/catalogue/; do not edit",
        *(f"# source {key}: {cited[key]}" for key in used),
        *(
            f"# held back: {code} {group.name} ({group.cell()}: doubtful, no other source agrees)"
            for code, group in sorted(held, key=lambda item: item[0])
        ),
        "code\tname\tsource" + ("\tmaps_to" if scheme == "dept_economic" else ""),
    ]
    for code in sorted(entries):
        group = entries[code]
        cells = [code, group.name, group.cell()]
        if scheme == "dept_economic":
            cells.append("|".join(group.maps_to))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def changes_file(
    rows: list[dict[str, str]], chosen: dict[tuple[str, int], dict[str, Variant]]
) -> str:
    """The shipped list of known changes, each rename with the years that bracket it."""
    lines = [
        "# govbudget catalogue: known renames and reforms of the classifications",
        "# built by scripts/build_catalogue.py from scripts/catalogue/changes.tsv; do not edit",
        "# after: the last year the old name is verified; by: the first year the new one is",
        "kind\tscheme\tcode\told\tnew\tyear\tafter\tby\tsource",
    ]
    for r in rows:
        after = by = ""
        if r["kind"] == "rename":
            old_years = _years_named(chosen, r["scheme"], r["code"], r["old"])
            new_years = _years_named(chosen, r["scheme"], r["code"], r["new"])
            if not old_years or not new_years:
                raise SystemExit(f"{r['line']}: a name of the rename is verified in no year")
            last_old = max(y for y in old_years if y < min(new_years))
            if max(old_years) > min(new_years) or (r["year"] and not last_old < int(r["year"])):
                raise SystemExit(f"{r['line']}: the sightings contradict the rename")
            after, by = str(last_old), str(min(new_years))
        cells = [r["kind"], r["scheme"], r["code"], r["old"], r["new"], r["year"], after, by]
        lines.append("\t".join([*cells, r["source"]]))
    return "\n".join(lines) + "\n"


def _years_named(
    chosen: dict[tuple[str, int], dict[str, Variant]], scheme: str, code: str, name: str
) -> list[int]:
    return sorted(
        year
        for (s, year), entries in chosen.items()
        if s == scheme and code in entries and name_key(entries[code].name) == name_key(name)
    )


def reharvest() -> Harvest:
    """Harvest the documents of ``../shared/`` again into ``corpus-harvest.tsv``."""
    from govbudget.harvest import harvest  # noqa: PLC0415 - reads PDFs: only when asked

    if not SHARED.is_dir():
        raise SystemExit(f"--harvest needs the documents in {SHARED}")
    result = harvest([SHARED / "seeds", SHARED / "corpus"], relative_to=SHARED)
    if result.unreadable:
        raise SystemExit(f"could not read {result.unreadable}")
    result.write(HERE / "corpus-harvest.tsv")
    return result


def main(argv: list[str]) -> int:
    """Write the files, or with ``--check`` report those that differ from a rebuild."""
    if "--harvest" in argv:
        found = reharvest()
        print(f"harvested {len(found.sightings)} sightings, {len(found.conflicts)} conflicts")
    result = build()
    stale = [
        path
        for path, text in result.files.items()
        if not (TARGET / path).is_file() or (TARGET / path).read_text(encoding="utf-8") != text
    ]
    if "--check" in argv:
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        (TARGET / path).parent.mkdir(parents=True, exist_ok=True)
        (TARGET / path).write_text(result.files[path], encoding="utf-8")
        print(f"wrote {path}")
    print(f"{len(result.files)} files; {result.held_back} doubtful names held back")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
