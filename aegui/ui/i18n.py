"""The window's languages, the Qt way: texts are marked for translation in the code, extracted
by ``pyside6-lupdate`` into ``aegui/resources/i18n/aegui_<lang>.ts`` (``make i18n``), compiled
by ``pyside6-lrelease`` into ``.qm`` files that ship with the package, and looked up at run
time by a ``QTranslator``. English is the source: with no translation loaded, every text is
exactly the code's.

Marking texts:

- in a QObject or QWidget class: ``self.tr("Train")``, plurals ``self.tr("%n image(s)", "", n)``
  (Qt puts the number in place of ``%n`` and picks the language's plural form);
- elsewhere: ``translate("Context", "text")`` (this module's ``translate``);
- a count in words: ``translate_plural("Context", "%n image(s)", n, plural(n, "image"))``
  (English keeps aegui's own plural words; other languages take Qt's plural forms);
- a text defined once and shown later (a module constant): ``QT_TRANSLATE_NOOP("Context",
  "text")`` where it is defined and ``translate("Context", CONSTANT)`` where it is shown.

Which language: ``AEGUI_LANG`` in the environment (``AEGUI_LANG=pcm aegui``), else
Preferences › Language, else the system's. The command line stays English.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from aegui.core.words import Said, message_of

translate = QCoreApplication.translate

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANG_VARIABLE = "AEGUI_LANG"
SETTINGS_KEY = "window/language"
# code -> the language's own name (what Preferences shows); "system" follows the desktop.
LANGUAGES = {"system": "System", "en": "English", "pcm": "Naijá (Nigerian Pidgin)"}

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators
_shown = ["en"]  # the language the window was built in


def shown_language() -> str:
    return _shown[0]


def restart_later() -> None:
    """Start aegui again, as it was started, once this process has quit."""
    import sys

    from PySide6.QtCore import QProcess

    command = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: QProcess.startDetached(command[0], command[1:]))


def translate_plural(context: str, source: str, n: int, english: str) -> str:
    """A count in words, in the language's plural form: ``source`` holds ``%n`` ("%n image(s)"),
    ``english`` is the English text as aegui writes it ("3 images"), shown when no catalogue
    translates ``source``. (``make i18n`` adds these to the catalogues: lupdate does not know
    this helper.)"""
    translated = QCoreApplication.translate(context, source, "", n)
    return english if translated == source.replace("%n", str(n)) else translated


def translate_said(text: str) -> str:
    """A sentence from core (``aegui.core.words.say``) in the window's language: its template
    looked up in context "Errors" and filled with the same values. Plain text, and a
    translation whose fields do not fit, stay as they are: a message is never lost."""
    if not isinstance(text, Said):
        return text
    fields = {name: translate_said(value) if isinstance(value, Said) else value
              for name, value in text.fields.items()}
    template = QCoreApplication.translate("Errors", text.template)
    try:
        return template.format(**fields) if fields else template
    except (KeyError, IndexError, ValueError):
        return str(text)


def error_text(error: BaseException) -> str:
    """An error's sentence for the banner, in the window's language where core said it so."""
    return translate_said(message_of(error))


def available() -> list[str]:
    """The languages with a compiled catalogue, and English (the source)."""
    return ["en", *sorted(p.stem.removeprefix("aegui_") for p in I18N_DIR.glob("aegui_*.qm"))]


def chosen_language(settings: QSettings | None = None) -> str:
    """The language to show: AEGUI_LANG, else the Preferences' choice, else the system's."""
    code = os.environ.get(LANG_VARIABLE, "").strip()
    if not code and settings is not None:
        code = str(settings.value(SETTINGS_KEY, "system") or "system")
    if not code or code == "system":
        code = QLocale.system().name()  # "pcm_NG", "en_GB", …
    return code.split("_")[0].split("-")[0].lower() or "en"


def install(language: str) -> str:
    """Load ``language``'s catalogue (and Qt's own for it, where Qt has one) into the running
    app, replacing any loaded before; "en" or a language without a catalogue loads none.
    Returns the language now shown."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _shown[0] = "en"
    if app is None or language == "en":
        return "en"
    ours = QTranslator()
    if not ours.load(f"aegui_{language}", str(I18N_DIR)):
        return "en"
    qt = QTranslator()  # Qt's standard texts (dialog buttons), where Qt translates them
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt)
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))  # numbers grouped as the language groups them
    _shown[0] = language
    return language
