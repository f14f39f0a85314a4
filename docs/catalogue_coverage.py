"""Write docs/reference/catalogue.md: what the shipped catalogue verifies, infers and lacks.

Run ``python docs/catalogue_coverage.py`` after rebuilding the catalogue
(``python scripts/build_catalogue.py``); a test fails when the page is stale.
"""

from collections import Counter
from pathlib import Path

from govbudget.catalogue import Catalogue
from govbudget.catalogue._files import read_year
from govbudget.codes import Level, Scheme

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "catalogue.md"
REJECTED = ROOT / "scripts" / "catalogue" / "rejected.tsv"
NAMES = {
    Scheme.FUNCTIONAL: "functional (支出功能分类)",
    Scheme.DEPT_ECONOMIC: "dept_economic (部门预算支出经济分类)",
    Scheme.GOV_ECONOMIC: "gov_economic (政府预算支出经济分类)",
}


def _levels(counts: Counter[Level]) -> str:
    total = sum(counts.values())
    if not total:
        return "0"
    parts = ", ".join(f"{counts[level]} {level.label}" for level in Level if counts[level])
    return f"{total} ({parts})"


def _scheme_table(catalogue: Catalogue, scheme: Scheme) -> list[str]:
    years = catalogue.years(scheme)
    known = {e.code.digits: e.code for y in years for e in catalogue.entries(scheme, y)}
    lines = [
        f"### {NAMES[scheme]}",
        "",
        "| year | verified | inferred | missing (answered in another year only) | held back |",
        "|---|---|---|---|---|",
    ]
    for year in years:
        entries = catalogue.entries(scheme, year)
        verified = Counter(e.level for e in entries if e.verified)
        inferred = Counter(e.level for e in entries if not e.verified)
        answered = {e.code.digits for e in entries}
        missing = Counter(code.level for digits, code in known.items() if digits not in answered)
        shipped = read_year(scheme, year)
        held = len(shipped.held_back) if shipped is not None else 0
        lines.append(
            f"| {year} | {_levels(verified)} | {_levels(inferred)} | {_levels(missing)} | {held} |"
        )
    return [*lines, ""]


def _category_grid(catalogue: Catalogue) -> list[str]:
    scheme = Scheme.FUNCTIONAL
    years = catalogue.years(scheme)
    codes = sorted(
        {
            e.code.digits
            for y in years
            for e in catalogue.entries(scheme, y)
            if e.level is Level.CATEGORY
        }
    )
    lines = [
        "| 类 | " + " | ".join(str(y) for y in years) + " |",
        "|---|" + "---|" * len(years),
    ]
    for digits in codes:
        cells = []
        for year in years:
            entry = catalogue.get(digits, year)
            cells.append("—" if entry is None else ("✓" if entry.verified else "i"))
        latest = catalogue.lookup(digits)
        lines.append(f"| {digits} {latest.name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _rejected() -> list[str]:
    rows = [
        line.split("\t")
        for line in REJECTED.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    lines = ["| document | page | code | printed | why not taken |", "|---|---|---|---|---|"]
    lines += [f"| {r[0]} | {r[1]} | {r[4]} | {r[5]} | {r[6]} |" for r in rows]
    return [*lines, ""]


def render() -> str:
    """The coverage page as MyST markdown."""
    catalogue = Catalogue()
    lines = [
        "# Catalogue coverage",
        "",
        "What the shipped catalogue answers, per scheme and year. *Verified*: a source",
        "prints the code with this name in this year (a document of `../shared/`, a list",
        "named in the year file's header, or a known change). *Inferred*: the same name",
        "is verified in a year before and a year after, and no known change (a rename of",
        "the code or of an ancestor, a reform of the scheme) may lie between; the entry",
        "cites both sightings. *Missing*: codes the catalogue answers for in another year",
        "but not in this one (the official list of the year may well hold them). *Held",
        "back*: names that only a doubtful source gives (see the year file's header).",
        "Counts are by level: 类 (3 digits), 款 (5), 项 (7).",
        "",
        "This page is generated from the package data by `docs/catalogue_coverage.py`;",
        "see {doc}`/howto/catalogue` for how the data is built.",
        "",
        "## Per scheme and year",
        "",
    ]
    for scheme in Scheme:
        lines += _scheme_table(catalogue, scheme)
    lines += [
        "## Functional 类 by year",
        "",
        "✓ verified, i inferred, — not answered.",
        "",
        *_category_grid(catalogue),
        "## Known changes",
        "",
        "Nothing is inferred across these. `Catalogue.renames()` and `changes()` return",
        "them; `govbudget diff` shows those between two years.",
        "",
        "| scheme | change | source |",
        "|---|---|---|",
        *(f"| {c.scheme.name.lower()} | {c} | {c.source} |" for c in catalogue.changes()),
        "",
        "## Printed names not taken as official",
        "",
        "Each of these contradicts what other documents of the same year print; "
        "`govbudget check` reports it (rule `catalogue.code`) on its document.",
        "",
        *_rejected(),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
