"""The document review: a disclosure's text read by page and section, and the review's data.

:mod:`.text` turns the pages a reader kept into paragraphs and sentences, each knowing
its page and section; :mod:`.data` holds the sections a family requires (the classification
renames are the catalogue's, :meth:`govbudget.catalogue.Catalogue.renames`);
:mod:`.listing` writes the review's part of the text report. The rules
themselves are :mod:`govbudget.checks.document` (``document.*``).

.. versionadded:: 0.2
"""

from govbudget.review.data import Sections, load_sections, required_sections
from govbudget.review.listing import HEADING, is_review, review_lines
from govbudget.review.text import Paragraph, Sentence, is_heading, paragraphs, sentences

__all__ = [
    "HEADING",
    "Paragraph",
    "Sections",
    "Sentence",
    "is_heading",
    "is_review",
    "load_sections",
    "paragraphs",
    "required_sections",
    "review_lines",
    "sentences",
]
