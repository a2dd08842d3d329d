"""The HTML report in the window's language: core's report words, looked up in the catalogue
(context "Report", collected by ``make i18n`` from the report's code and template)."""

from __future__ import annotations

from aegui.core.report.words import ReportWords
from aegui.ui.i18n import shown_language, translate, translate_plural
from aegui.ui.words import core_words


class WindowReportWords(ReportWords):
    """What File › Save report… writes with: the language the window is shown in."""

    def __init__(self) -> None:
        self.language = shown_language()

    def __call__(self, text: str) -> str:
        return translate("Report", text)

    def count(self, text: str, n: int, english: str) -> str:
        return translate_plural("Report", text, n, english)

    def title(self, text: str) -> str:
        return core_words(text)
