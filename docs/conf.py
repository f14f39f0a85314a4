"""Sphinx configuration for the govbudget documentation."""

import govbudget

project = "govbudget"
author = "The govbudget developers"
copyright = "2026, the govbudget developers"
release = govbudget.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
html_title = "govbudget"
language = "en"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False
exclude_patterns = ["_build"]
# Docstring examples are run by pytest (--doctest-modules); the doctest builder runs
# the ``doctest`` blocks of the narrative pages.
doctest_test_doctest_blocks = ""
