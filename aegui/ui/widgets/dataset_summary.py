"""The dataset summary: a rich-text table in a label, built from the dataset and its split."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget

from aegui.core.data import DataSplit, ImageDataset
from aegui.core.text import plural

MAX_LISTED_CLASSES = 12
MAX_LISTED_SKIPPED = 3
SHOW_SKIPPED_LINK = "skipped"


def class_list(names: tuple[str, ...], limit: int = MAX_LISTED_CLASSES) -> str:
    """"0, 1, 2" or "a, b, … (+20 more)": long lists are cut so the panel stays small."""
    shown = [n if len(n) <= 16 else n[:15] + "…" for n in names[:limit]]
    text = ", ".join(shown)
    if len(names) > limit:
        text += f", … (+{len(names) - limit} more)"
    return text


def skipped_text(dataset: ImageDataset, shown: int = MAX_LISTED_SKIPPED) -> str:
    """"2 unreadable files: a.png, b.txt", naming the first few only."""
    return dataset.skipped_summary(shown) or plural(0, "unreadable file")


def summary_rows(dataset: ImageDataset, split: DataSplit | None,
                 kept: tuple[int, ...] | None = None) -> list[tuple[str, str]]:
    """(label, plain text) rows; kept separate from the HTML so they are easy to test."""
    channels = "RGB (3)" if dataset.channels == 3 else "grayscale (1)"
    if dataset.has_labels:
        classes = f"{dataset.num_classes}: {class_list(dataset.class_names)}"
    else:
        classes = "unlabeled"
    skipped = "none" if dataset.skipped == 0 else skipped_text(dataset)
    rows = [
        ("Name", dataset.name),
        ("Images", f"{len(dataset):,}"),
        ("Size", f"{dataset.height}×{dataset.width} px"),
        ("Channels", channels),
        ("Classes", classes),
        ("Skipped", skipped),
    ]
    if split is not None:
        rows.append(("Split", f"{len(split.train):,} train · {len(split.val):,} validation "
                              f"({split.val_fraction:.0%}, split seed {split.seed})"))
        if kept is not None and dataset.has_labels:
            rows.append(("Trains on", f"{len(kept)} of {dataset.num_classes} classes: "
                                      f"{class_list(tuple(dataset.class_names[i] for i in kept))}; "
                                      "the others are held out as anomalies"))
    rows.extend(("Note", note) for note in dataset.notes)
    return rows


class DatasetSummary(QLabel):
    """Selectable rich text, so a user can copy the numbers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dataSummary")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self._on_link)
        self.skipped_dialog: QMessageBox | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_dataset(None, None)

    def show_dataset(self, dataset: ImageDataset | None, split: DataSplit | None,
                     kept: tuple[int, ...] | None = None) -> None:
        self.dataset = dataset
        if dataset is None:
            self.setText("<i>No dataset loaded yet. Pick a source and press Load.</i>")
            return

        def cell(label: str, value: str) -> str:
            html = escape(value)
            if label == "Skipped" and len(dataset.skipped_files) > MAX_LISTED_SKIPPED:
                html += f" (<a href='{SHOW_SKIPPED_LINK}'>list all</a>)"
            return f"<tr><td style='padding-right:10px'><b>{escape(label)}</b></td><td>{html}</td></tr>"

        cells = "".join(cell(label, value) for label, value in summary_rows(dataset, split, kept))
        self.setText(f"<table cellspacing='2'>{cells}</table>")

    def _on_link(self, link: str) -> None:
        if link == SHOW_SKIPPED_LINK and self.dataset is not None:
            self.show_skipped_files()

    def show_skipped_files(self) -> QMessageBox:
        """Every file that could not be read, in a dialog whose details can be copied."""
        dataset = self.dataset
        box = QMessageBox(QMessageBox.Icon.Information, "Unreadable files",
                          f"{dataset.skipped:,} files were skipped while loading {dataset.name}. "
                          "They may be damaged, or not images at all.", parent=self)
        box.setObjectName("skippedFilesDialog")
        box.setDetailedText("\n".join(dataset.skipped_files))
        box.setModal(False)
        box.show()
        self.skipped_dialog = box
        return box
