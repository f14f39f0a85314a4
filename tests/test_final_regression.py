"""The final-account documents give exactly the findings they gave before budgets came in.

``tests/data/final_account_findings.json`` holds, for the shipped example and the real
final accounts in ``../shared/``, every finding, suspect, count and coverage figure of the
JSON report as it was before the budget family was added (the number of rules run aside,
which grows with every rule, and the wording of messages). Any change to a final-account
verdict shows here. The document review (``document.*``, tests/test_document_review.py) came
later and is left out: its findings and counts are pinned by its own tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govbudget import check, read
from govbudget.report import reports_to_dict

ROOT = Path(__file__).resolve().parent.parent
PINNED: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "final_account_findings.json").read_text(encoding="utf-8")
)
SHARED_FILES = {
    "000_424111e6d4059655.txt": "seeds/000_424111e6d4059655.txt",
    "shanghai-putuo-finance-bureau-2024-final-accounts.pdf": (
        "corpus/shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
    ),
    "shanghai-final-accounts-template-2024.pdf": "corpus/shanghai-final-accounts-template-2024.pdf",
}


#: What a finding says in words and where it points on the page: presentation, left out of
#: the pin so that rewording a message does not look like a changed verdict.
WORDING = ("message", "message_zh", "row_label", "column_label", "page", "section")

#: The keys of a suspect pinned: those it had when the pin was made (later keys — the names
#: as printed, the slip it undoes, whether it is tied — are covered by their own tests).
SUSPECT_KEYS = (
    "cell",
    "table",
    "row",
    "column",
    "location",
    "printed",
    "low",
    "high",
    "explains",
    "breaks",
)


def _verdict(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = reports_to_dict([check(read(path), skip=["document.*"])])[
        "documents"
    ][0]
    coverage = dict(document["coverage"])
    coverage.pop("rules_run")
    return {
        "findings": [
            {k: v for k, v in finding.items() if k not in WORDING}
            for finding in document["findings"]
        ],
        "suspects": [
            {k: v for k, v in suspect.items() if k in SUSPECT_KEYS}
            for suspect in document["suspects"]
        ],
        "coverage": coverage,
        "counts": document["counts"],
    }


def test_the_shipped_example_gives_the_pinned_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/seed_2020.json: the same findings, suspects, counts and coverage."""
    monkeypatch.chdir(ROOT)

    assert _verdict(Path("examples/seed_2020.json")) == PINNED["seed_2020.json"]


@pytest.mark.parametrize("name", sorted(SHARED_FILES))
def test_real_final_accounts_give_the_pinned_findings(
    name: str, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed's text and the two Shanghai PDFs: exactly the findings pinned before."""
    monkeypatch.chdir(ROOT)
    path = Path("..") / shared.name / SHARED_FILES[name]

    assert _verdict(path) == PINNED[name]
