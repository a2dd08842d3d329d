"""Core's sentences to the user in the window's language: core raises them in English with
their template (``aegui.core.words.say``); the window's banner says them in Naijá, the command
line keeps English, and a sentence is never lost to a broken translation."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from aegui.core.data import load_dataset
from aegui.core.errors import AeguiError, DataError
from aegui.core.words import message_of, say
from aegui.ui import i18n
from aegui.ui.app_state import AppState

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from i18n import said_messages


@pytest.fixture
def naija(qapp):
    assert i18n.install("pcm") == "pcm"
    yield
    i18n.install("en")


def _missing_folder_error(tmp_path) -> AeguiError:
    with pytest.raises(DataError) as caught:
        load_dataset(f"folder:{tmp_path / 'nowhere'}")
    return caught.value


def test_a_core_error_reads_in_naija_in_the_banner_and_in_english_for_the_command_line(naija, tmp_path):
    error = _missing_folder_error(tmp_path)
    english = str(error)
    assert english == f"No such folder: {tmp_path / 'nowhere'}"
    state = AppState()
    shown: list[tuple[str, str]] = []
    state.errorRaised.connect(lambda title, message: shown.append((title, message)))
    state.report_error("title", message_of(error), "data")
    [(_, banner)] = shown
    assert banner != english and str(tmp_path / "nowhere") in banner  # translated, the path kept
    assert i18n.error_text(error) == banner
    assert str(error) == english  # what `aegui` on the command line prints


def test_a_sentence_inside_a_sentence_is_translated_too(naija, tmp_path):
    inner = message_of(_missing_folder_error(tmp_path))
    outer = say("Something went wrong ({kind}: {reason}). Details are in the log file.", kind="DataError",
                reason=inner)
    said = i18n.translate_said(outer)
    assert i18n.translate_said(inner) in said and str(inner) not in said


def test_a_translation_that_does_not_fit_its_fields_leaves_the_english(qapp, tmp_path):
    class Broken(QTranslator):
        def isEmpty(self) -> bool:
            return False

        def translate(self, context, source, disambiguation=None, n=-1):
            return "{no_such_field}" if context == "Errors" else None

    error = _missing_folder_error(tmp_path)
    broken = Broken()
    QCoreApplication.installTranslator(broken)
    try:
        assert i18n.error_text(error) == str(error)
    finally:
        QCoreApplication.removeTranslator(broken)


def test_every_sentence_core_says_has_a_naija_translation_with_the_same_fields():
    import string

    said = said_messages()
    assert len(said) > 150  # core's user-facing errors, found in the code by `make i18n`
    catalogue = ET.parse(i18n.I18N_DIR / "aegui_pcm.ts").getroot()
    errors = next(c for c in catalogue.iter("context") if c.findtext("name") == "Errors")
    translations = {m.findtext("source"): m.find("translation") for m in errors.iter("message")}
    for _, template in said:
        translation = translations.get(template)
        assert translation is not None and translation.get("type") is None and translation.text, template

        def fields(text: str) -> set[str]:
            return {name for _, name, _, _ in string.Formatter().parse(text) if name}

        assert fields(translation.text) == fields(template), template


def test_a_finished_runs_line_and_its_verdict_read_in_naija(naija, tiny_split):
    from aegui.core.config import ExperimentConfig
    from aegui.core.reports import RunFinished
    from aegui.core.run.verdict import judge
    from aegui.core.training import Trainer

    config = ExperimentConfig(model="dense-ae", latent_dim=2, hidden=4, depth=1, epochs=1)
    finished = [m for m in Trainer(config, tiny_split).fit() if isinstance(m, RunFinished)][-1]
    assert str(finished.message) == "Finished 1 epoch."  # the command line's words
    assert i18n.translate_said(finished.message) == "E don finish 1 epoch."
    # A model no better than the average image: the banner's reason and its advice, both in Naijá.
    verdict = judge({"val_mse": 0.1, "mean_image_mse": 0.1}, config, [{"val_loss": 1.0}])
    said = i18n.translate_said(verdict.reason)
    assert said.startswith("Im validation MSE (0.1)") and "E train for only 1 epoch" in said


def test_why_a_run_folder_cannot_be_read_is_said_in_naija(naija, tmp_path):
    from aegui.core.catalog.summary import read_run

    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "metrics.json").write_text("[1, 2", encoding="utf-8")
    (tmp_path / "history.csv").write_text("epoch,train_loss\n1,0.5\n", encoding="utf-8")
    run = read_run(tmp_path)
    assert run is not None and run.status == "unreadable"
    english = str(run.message)
    assert english.startswith("config.json is not valid JSON") and "; metrics.json" in english
    said = i18n.translate_said(run.message)
    assert said != english and "config.json" in said and "metrics.json" in said and said.endswith(".")


def test_a_background_jobs_error_reaches_the_window_whole_to_be_translated(qtbot, naija):
    from aegui.core.words import Said
    from aegui.workers.tasks import TaskRunner

    def job(ctx):
        raise DataError(say("No such folder: {folder}", folder="elsewhere"))

    runner = TaskRunner("aegui-test")
    try:
        with qtbot.waitSignal(runner.failed, timeout=10_000) as caught:
            runner.submit("load", job, lambda result: None)  # no on_error: the failed signal says it
        key, message = caught.args
        assert key == "load" and isinstance(message, Said)
        said = i18n.translate_said(message)
        assert said != "No such folder: elsewhere" and "elsewhere" in said
    finally:
        runner.shutdown(5.0)
