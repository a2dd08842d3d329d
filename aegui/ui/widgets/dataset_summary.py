"""The dataset summary: a rich-text table in a label, built from the dataset and its split."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget

from aegui.core.data import DataSplit, ImageDataset
from aegui.core.text import plural
from aegui.ui.i18n import translate, translate_plural

MAX_LISTED_CLASSES = 12
MAX_LISTED_SKIPPED = 3
SHOW_SKIPPED_LINK = "skipped"


def class_list(names: tuple[str, ...], limit: int = MAX_LISTED_CLASSES) -> str:
    """"0, 1, 2" or "a, b, … (+20 more)": long lists are cut so the panel stays small."""
    shown = [n if len(n) <= 16 else n[:15] + "…" for n in names[:limit]]
    text = ", ".join(shown)
    if len(names) > limit:
        text = translate("DatasetSummary", "{names}, … (+{count} more)").format(names=text, count=len(names) - limit)
    return text


def skipped_text(dataset: ImageDataset, shown: int = MAX_LISTED_SKIPPED) -> str:
    """"2 unreadable files: a.png, b.txt", naming the first few only."""
    count, names = dataset.skipped, dataset.skipped_files
    # ImageDataset.skipped_summary's words (the CLI's), in the window's language.
    text = translate_plural("DatasetSummary", "%n unreadable file(s)", count, plural(count, "unreadable file"))
    if count and names and shown:
        text += ": " + ", ".join(names[:shown])
        if count > shown:
            more = translate("DatasetSummary", "{files} and {count} more")
            text = more.format(files=text, count=f"{count - shown:,}")
    return text


def summary_rows(dataset: ImageDataset, split: DataSplit | None,
                 kept: tuple[int, ...] | None = None) -> list[tuple[str, str]]:
    """(label, plain text) rows; kept separate from the HTML so they are easy to test."""
    if dataset.channels == 3:
        channels = translate("DatasetSummary", "RGB (3)")
    else:
        channels = translate("DatasetSummary", "grayscale (1)")
    if dataset.has_labels:
        classes = f"{dataset.num_classes}: {class_list(dataset.class_names)}"
    else:
        classes = translate("DatasetSummary", "unlabeled")
    skipped = translate("DatasetSummary", "none") if dataset.skipped == 0 else skipped_text(dataset)
    size = translate("DatasetSummary", "{height}×{width} px").format(height=dataset.height, width=dataset.width)
    rows = [
        (translate("DatasetSummary", "Name"), dataset.name),
        (translate("DatasetSummary", "Images"), f"{len(dataset):,}"),
        (translate("DatasetSummary", "Size"), size),
        (translate("DatasetSummary", "Channels"), channels),
        (translate("DatasetSummary", "Classes"), classes),
        (translate("DatasetSummary", "Skipped"), skipped),
    ]
    if split is not None:
        text = translate("DatasetSummary", "{train} train · {val} validation ({fraction}, split seed {seed})")
        rows.append((translate("DatasetSummary", "Split"), text.format(
            train=f"{len(split.train):,}", val=f"{len(split.val):,}", fraction=f"{split.val_fraction:.0%}",
            seed=split.seed)))
        if kept is not None and dataset.has_labels:
            text = translate("DatasetSummary", "{kept} of {total} classes: {names}; "
                                               "the others are held out as anomalies")
            rows.append((translate("DatasetSummary", "Trains on"), text.format(
                kept=len(kept), total=dataset.num_classes,
                names=class_list(tuple(dataset.class_names[i] for i in kept)))))
    note_label = translate("DatasetSummary", "Note")
    rows.extend((note_label, note) for note in dataset.notes)
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
            empty = escape(self.tr("No dataset loaded yet. Pick a source and press Load."))
            self.setText(f"<i>{empty}</i>")
            return

        skipped_label, list_all = self.tr("Skipped"), escape(self.tr("list all"))

        def cell(label: str, value: str) -> str:
            html = escape(value)
            if label == skipped_label and len(dataset.skipped_files) > MAX_LISTED_SKIPPED:
                html += f" (<a href='{SHOW_SKIPPED_LINK}'>{list_all}</a>)"
            return f"<tr><td style='padding-right:10px'><b>{escape(label)}</b></td><td>{html}</td></tr>"

        cells = "".join(cell(label, value) for label, value in summary_rows(dataset, split, kept))
        self.setText(f"<table cellspacing='2'>{cells}</table>")

    def _on_link(self, link: str) -> None:
        if link == SHOW_SKIPPED_LINK and self.dataset is not None:
            self.show_skipped_files()

    def show_skipped_files(self) -> QMessageBox:
        """Every file that could not be read, in a dialog whose details can be copied."""
        dataset = self.dataset
        text = self.tr("{count} files were skipped while loading {name}. "
                       "They may be damaged, or not images at all.")
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Unreadable files"),
                          text.format(count=f"{dataset.skipped:,}", name=dataset.name), parent=self)
        box.setObjectName("skippedFilesDialog")
        box.setDetailedText("\n".join(dataset.skipped_files))
        box.setModal(False)
        box.show()
        self.skipped_dialog = box
        return box
