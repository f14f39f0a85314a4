"""The document review: what a finance bureau's reviewer checks besides the sums.

Each ``document.*`` rule reads the text outside the tables, page by page
(:mod:`govbudget.review.text`), and reports what a reviewer would mark 否 on the check
sheet: a blank page, characters that do not display, a year from another cycle, wording
left from the template, a sentence cut off, doubled or unmatched punctuation, a
classification called by another year's name, one item given two amounts, a stated
change its own figures contradict, the contents against the sections. Every finding
names the page and the section, quotes the sentence (``quote``), and gives what was
printed (``stated``) and what was expected (``computed``).

A rule reports only what it is sure of: a false alarm costs a reviewer as much time as a
missed defect. The rules are grouped by what they read: :mod:`.pages`, :mod:`.years`,
:mod:`.wording`, :mod:`.punctuation`, :mod:`.names`, :mod:`.amounts`, :mod:`.changes`
and :mod:`.contents`.
"""

# isort: off - rules run and report in registration order
from govbudget.checks.document import pages  # noqa: I001
from govbudget.checks.document import years
from govbudget.checks.document import wording
from govbudget.checks.document import punctuation
from govbudget.checks.document import names
from govbudget.checks.document import amounts
from govbudget.checks.document import changes
from govbudget.checks.document import contents

# isort: on
from govbudget.checks.document._common import REVIEW_COVERAGE_KEYS
from govbudget.checks.document.contents import sections_rule

__all__ = [
    "REVIEW_COVERAGE_KEYS",
    "amounts",
    "changes",
    "contents",
    "names",
    "pages",
    "punctuation",
    "sections_rule",
    "wording",
    "years",
]
