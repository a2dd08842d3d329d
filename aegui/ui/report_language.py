"""The HTML report in the window's language: core's report words, looked up in the catalogue
(context "Report", collected by ``make i18n`` from the report's code and template)."""

from __future__ import annotations

import string

from aegui.core.report.words import ReportWords
from aegui.ui.i18n import shown_language, translate, translate_plural
from aegui.ui.words import core_words


class WindowReportWords(ReportWords):
    """What File › Save report… writes with: the language the window is shown in."""

    def __init__(self) -> None:
        self.language = shown_language()

    def __call__(self, text: str) -> str:
        """The translation, unless its ``{fields}`` differ from the English (the report fills
        them in after): then the English, so a faulty catalogue never breaks a report."""
        translated = translate("Report", text)
        return translated if translated == text or _fields(translated) == _fields(text) else text

    def count(self, text: str, n: int, english: str) -> str:
        return translate_plural("Report", text, n, english)

    def title(self, text: str) -> str:
        return core_words(text)


def _fields(text: str) -> set[tuple[str, str, str]] | None:
    try:
        return {(name, spec, conversion or "") for _, name, spec, conversion in string.Formatter().parse(text)
                if name is not None}
    except ValueError:  # an unmatched brace
        return None
