"""The HTML report saved from the window is in the window's language: every text of the page
goes through the catalogue (context "Report"), Naijá is shipped for all of them, and with no
catalogue loaded the page is the command line's English, byte for byte."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QCoreApplication

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.report import build_report, render_report
from aegui.core.runs import final_metrics
from aegui.core.training import Trainer
from aegui.ui import i18n
from aegui.ui.report_language import WindowReportWords
from tests.ui.test_i18n import Pseudo

WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def experiment(tiny_split) -> Experiment:
    # Denoising with a 2-D code: the page has all its parts (corrupted row, manifold, metrics).
    config = ExperimentConfig(model="conv-vae", latent_dim=2, task="denoise", epochs=1, batch_size=64)
    trainer = Trainer(config, tiny_split)
    for _ in trainer.fit():
        pass
    return Experiment(config, trainer.snapshot(), trainer.history, trainer.epochs_done, None,
                      tiny_split.train.class_names, final_metrics(trainer.model, tiny_split, config))


class _Texts(HTMLParser):
    """The page's visible text nodes, outside its style sheet and its settings' names and
    values (the experiment file's own names, kept in every language)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "style" or (tag == "dl" and ("class", "settings") in attrs):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "dl") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _page(experiment, tiny_split, words=None) -> str:
    extra = {} if words is None else {"words": words}
    html = render_report(build_report(experiment, tiny_split.val, "digits", **extra))
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "DATE", html)


def test_every_text_of_the_report_is_asked_for_its_translation(qapp, experiment, tiny_split):
    pseudo = Pseudo()
    QCoreApplication.installTranslator(pseudo)
    try:
        html = _page(experiment, tiny_split, WindowReportWords())
    finally:
        QCoreApplication.removeTranslator(pseudo)
    parser = _Texts()
    parser.feed(html)
    worded = [t for t in parser.texts if WORDS.search(t) and t != "digits"]  # the title is the user's
    assert len(worded) > 30
    assert [t for t in worded if "⟦" not in t] == []
    assert "⟦model⟧" in html and "⟦Final metrics⟧" in html  # the settings' first rows, a heading


def test_the_report_in_naija_has_a_translation_for_every_text_it_asks(qapp, experiment, tiny_split):
    asked: list[str] = []

    class Recording(WindowReportWords):
        def __call__(self, text: str) -> str:
            asked.append(text)
            return super().__call__(text)

        def count(self, text: str, n: int, english: str) -> str:
            asked.append(text)
            return super().count(text, n, english)

    i18n.install("pcm")
    try:
        html = _page(experiment, tiny_split, Recording())
    finally:
        i18n.install("en")
    catalogue = ET.parse(i18n.I18N_DIR / "aegui_pcm.ts").getroot()
    report = next(c for c in catalogue.iter("context") if c.findtext("name") == "Report")
    translated = {m.findtext("source") for m in report.iter("message")
                  if m.find("translation").get("type") is None}
    assert len(set(asked)) > 30 and set(asked) <= translated, sorted(set(asked) - translated)
    assert '<html lang="pcm">' in html
    assert "The last metrics" in html and "For top: validation images." in html
    assert "Final metrics" not in html


def test_with_no_catalogue_the_windows_report_is_the_command_lines(qapp, experiment, tiny_split):
    i18n.install("en")
    assert _page(experiment, tiny_split, WindowReportWords()) == _page(experiment, tiny_split)


def test_a_report_translation_whose_fields_differ_is_not_used(qapp):
    import string

    from PySide6.QtCore import QTranslator

    class Broken(QTranslator):
        def isEmpty(self) -> bool:
            return False

        def translate(self, context, source, disambiguation=None, n=-1):
            return "{nope} {{" if context == "Report" else None

    broken = Broken()
    QCoreApplication.installTranslator(broken)
    try:
        text = "Report written {created} by aegui {version}"
        assert WindowReportWords()(text) == text  # the English, and the report still renders
    finally:
        QCoreApplication.removeTranslator(broken)
    # The shipped catalogue: every report text keeps its fields in Naijá.
    report = next(c for c in ET.parse(i18n.I18N_DIR / "aegui_pcm.ts").getroot().iter("context")
                  if c.findtext("name") == "Report")
    for message in report.iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        text = translation.findtext("numerusform") if translation.find("numerusform") is not None \
            else translation.text

        def fields(t: str) -> set[str]:
            return {name for _, name, _, _ in string.Formatter().parse(t) if name}

        assert fields(text) == fields(source), source
