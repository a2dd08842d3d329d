"""The report's words. Core writes them in English; the window passes a ``ReportWords`` that
looks each one up in its translation catalogue, so a report saved from a window in Naijá is
in Naijá too.

Every text is written whole where it is used, as ``w("Final metrics")`` in the code and the
template, or ``w.count("%n epoch(s)", n, english)`` for a count in words: ``make i18n`` finds
them there (context "Report") and adds them to the catalogues.
"""

from __future__ import annotations


class ReportWords:
    """English, as the code writes it: the command line's report."""

    language = "en"  # the page's ``lang``

    def __call__(self, text: str) -> str:
        return text

    def count(self, text: str, n: int, english: str) -> str:
        """A count in words: ``text`` holds ``%n`` ("%n epoch(s)"), ``english`` is the
        English text ("3 epochs")."""
        return english

    def title(self, text: str) -> str:
        """A title core gives a thing (a model's), shown as the rest of the program shows it."""
        return text


ENGLISH = ReportWords()
