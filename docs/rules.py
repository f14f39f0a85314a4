"""Write docs/reference/rules.md: every rule id, its title, severity, tables and example.

Run ``python docs/rules.py`` after changing a rule; a test fails when the page is stale.
"""

from pathlib import Path

from govbudget.checks import REGISTRY
from govbudget.tables import Family

PAGE = Path(__file__).resolve().parent / "reference" / "rules.md"


def render() -> str:
    """The rule catalogue as a MyST page."""
    lines = [
        "# Rule catalogue",
        "",
        "Every check `govbudget.check()` runs, by stable id. Select or skip rules by id or",
        'glob (`check(d, rules=["sum.*"], skip=["structure.negative"])`, or `--rules` and',
        "`--skip` on the command line). Severities: error (the figures cannot all be right),",
        "warning (probably wrong, or incomplete), info.",
        "",
        "This page is generated from the rules' own documentation by `docs/rules.py`.",
        "",
    ]
    for rule in REGISTRY:
        final = [f"{k.number:02d}" for k in rule.tables if k.family is Family.FINAL]
        budget = [k.value for k in rule.tables if k.family is Family.BUDGET]
        tables = "; ".join(
            part
            for part in (
                f"final accounts {', '.join(final)}" if final else "",
                f"budgets: {', '.join(budget)}" if budget else "",
            )
            if part
        )
        if len(final) == 9 and len(budget) == 13:
            tables = "every table"
        tables = tables or "—"
        lines += [
            f"## `{rule.id}`",
            "",
            f"**{rule.title}** — {rule.title_zh}",
            "",
            f"Severity: {rule.severity.value}. Tables: {tables}."
            + (" Needs a catalogue." if rule.needs_names else ""),
            "",
            rule.doc,
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
