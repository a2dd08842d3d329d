"""An inline, dismissable message bar: errors without modal dialogs that block the app."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from aegui.ui.theme import banner_style, is_dark


class MessageBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.restyle()
        self.label = QLabel(wordWrap=True)
        self.label.setObjectName("errorText")
        close = QToolButton(text="✕", autoRaise=True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    def restyle(self) -> None:
        """Colours for the window's palette, light or dark."""
        self.setStyleSheet(banner_style(is_dark()))

    def show_message(self, title: str, message: str) -> None:
        # Messages name files, whose paths may hold "<" or "&": shown as text, not markup.
        self.label.setText(f"<b>{escape(title)}.</b> {escape(message)}")
        self.show()

    def text(self) -> str:
        return self.label.text()
