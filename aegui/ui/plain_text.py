"""Showing text from files, folders or the user as text. Qt renders a label or a tooltip as
rich text whenever its first line merely looks like markup (``Qt.mightBeRichText``), so a
run folder named ``<img src=…>`` would become an image; these keep it the characters it is."""

from __future__ import annotations

import html

from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as written (escaped inside explicit rich text when Qt
    would otherwise read it as markup; unchanged, so it wraps as before, when it would not)."""
    if not text or not QtGui.mightBeRichText(text):
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def plain_label(text: str = "", **properties) -> QLabel:
    """A QLabel that never reads its text as markup."""
    label = QLabel(text, **properties)
    label.setTextFormat(QtGui.TextFormat.PlainText)
    return label
