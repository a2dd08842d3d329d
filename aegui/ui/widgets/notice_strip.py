"""A slim informational strip with one action: says which mode a view is in and how to
leave it (unlike the error banner, it is not dismissed; it goes when the mode ends)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeStrip(QFrame):
    def __init__(self, action: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background: #e6f0fb; border: 1px solid #9bbbe0; border-radius: 4px; }}"
                           f" #{name} QLabel {{ color: #123a66; }}")
        self.label = QLabel(wordWrap=True)
        self.label.setObjectName(f"{name}Text")
        self.button = QPushButton(action)
        self.button.setObjectName(f"{name}Button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
