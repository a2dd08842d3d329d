"""`make i18n`: update the translation catalogues from the code, compile them, and report what
is left to translate.

1. ``pyside6-lupdate`` collects the marked texts of ``aegui/ui`` (and ``aegui/app.py``) into
   every ``aegui/resources/i18n/aegui_<lang>.ts`` (a new language: ``--add pcm``).
2. Counts in words (``translate_plural("Context", "%n image(s)", n, english)``) are added as
   plural ("numerus") messages: lupdate does not know that helper; so are the HTML report's
   texts (``w("…")`` and ``w.count("…", n, english)`` in ``aegui/core/report``, code and
   template: core never imports Qt), context "Report", core's sentences to the user
   (``say("…")``, context "Errors"), and Qt's own dialog button texts
   (``QT_OWN``), for languages Qt itself does not translate. Their translations are kept from
   one run to the next.
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.

    python scripts/i18n.py            # update, compile, report
    python scripts/i18n.py --add pcm  # start a catalogue for a new language
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "aegui" / "app.py", *sorted((ROOT / "aegui" / "ui").rglob("*.py")),
           *sorted((ROOT / "aegui" / "workers").rglob("*.py"))]
I18N = ROOT / "aegui" / "resources" / "i18n"
# Qt's own texts the window shows (dialog buttons), for languages Qt has no catalogue of: Qt
# asks every installed translator, so aegui's catalogue can answer for it.
QT_OWN = [("QPlatformTheme", text) for text in ("OK", "Cancel", "&Yes", "&No", "Close", "Apply", "Save",
                                                  "Open", "Discard", "Reset", "Help", "Yes to &All", "N&o to All")]
PLURAL_CALL = re.compile(r'translate_plural\(\s*"([^"]+)",\s*"((?:[^"\\]|\\.)+)"')
REPORT = ROOT / "aegui" / "core" / "report"
TEMPLATE_WORDS = re.compile(r'\bw(?:\.count)?\(\s*"((?:[^"\\]|\\.)+)"')


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} is not installed: it comes with PySide6 (pip install PySide6-Essentials).")
    return found


KNOWN_TO_LUPDATE = {"", "en", "en_US", "en_GB"}  # other catalogues are updated through the stand-in
ONE_FORM_STAND_IN = "ja"  # a language lupdate knows with one plural form, as Naijá has


def _set_language(ts: Path, language: str) -> bool:
    text = ts.read_text(encoding="utf-8")
    ts.write_text(re.sub(r'(<TS [^>]*language=")[^"]*(")', rf"\g<1>{language}\g<2>", text, count=1),
                  encoding="utf-8")
    return True


def _unescape(literal: str) -> str:
    """A string literal's text: its backslash escapes (\\" and \\\\) undone, other characters kept."""
    return re.sub(r"\\(.)", r"\1", literal)


def plural_messages() -> list[tuple[str, str]]:
    found = []
    for path in SOURCES:
        for context, source in PLURAL_CALL.findall(path.read_text(encoding="utf-8")):
            found.append((context, _unescape(source)))
    return list(dict.fromkeys(found))


def report_messages() -> list[tuple[str, str]]:
    """The report's texts: ``w("…")`` / ``w.count("…", …)`` calls in its code and template."""
    found = []
    for path in sorted(REPORT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) and _is_words(node.func):
                found.append(("Report", node.args[0].value))
    for path in sorted(REPORT.glob("*.j2")):
        found += [("Report", _unescape(text))
                  for text in TEMPLATE_WORDS.findall(path.read_text(encoding="utf-8"))]
    return list(dict.fromkeys(found))


def said_messages() -> list[tuple[str, str]]:
    """Core's sentences to the user: ``say("…")`` calls in ``aegui/core`` and ``aegui/workers``
    (core never imports Qt; the window translates them in context "Errors")."""
    found = []
    for path in [*sorted((ROOT / "aegui" / "core").rglob("*.py")), *sorted((ROOT / "aegui" / "workers").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say" \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append(("Errors", node.args[0].value))
    return list(dict.fromkeys(found))


def _is_words(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "w") or (
        isinstance(func, ast.Attribute) and func.attr == "count" and isinstance(func.value, ast.Name)
        and func.value.id == "w")


def _translations(ts: Path) -> dict[tuple[str, str], ET.Element]:
    if not ts.exists():
        return {}
    kept = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            kept[(name, message.findtext("source"))] = message.find("translation")
    return kept


def add_plurals(ts: Path, previous: dict[tuple[str, str], ET.Element]) -> None:
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for context_name, source in [*plural_messages(), *report_messages(), *said_messages(), *QT_OWN]:
        context = contexts.get(context_name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
            contexts[context_name] = context
        if any(m.findtext("source") == source for m in context.iter("message")):
            continue
        plural = "%n" in source
        message = ET.SubElement(context, "message", numerus="yes") if plural else ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        old = previous.get((context_name, source))
        if old is not None and (old.find("numerusform") is not None) == plural:
            message.append(old)
        elif plural:
            ET.SubElement(ET.SubElement(message, "translation", type="unfinished"), "numerusform")
        else:
            ET.SubElement(message, "translation", type="unfinished")
    for message in root.iter("message"):  # any %n text is a plural one
        if "%n" in (message.findtext("source") or "") and message.get("numerus") != "yes":
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is not None and translation.find("numerusform") is None:
                text, translation.text = translation.text, None
                ET.SubElement(translation, "numerusform").text = text
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def unfinished(ts: Path) -> list[str]:
    left = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        forms = [translation.text] if translation is not None and translation.find("numerusform") is None else [
            f.text for f in (translation.iter("numerusform") if translation is not None else [])]
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not any(forms):
            left.append(message.findtext("source") or "")
    return left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add", metavar="LANG", help="start a catalogue for LANG (e.g. pcm)")
    args = parser.parse_args()
    I18N.mkdir(parents=True, exist_ok=True)
    if args.add:
        (I18N / f"aegui_{args.add}.ts").write_text(
            f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="{args.add}">\n</TS>\n',
            encoding="utf-8")
    catalogues = sorted(I18N.glob("aegui_*.ts"))
    if not catalogues:
        print("No catalogue yet: start one with --add LANG.")
        return 0
    for ts in catalogues:
        previous = _translations(ts)
        language = ET.parse(ts).getroot().get("language", "")
        # lupdate refuses to update a translated catalogue of a language missing from its plural
        # table (Nigerian Pidgin is): it updates it as a language with the same single plural form,
        # and the catalogue gets its own language back.
        stand_in = language not in KNOWN_TO_LUPDATE and _set_language(ts, ONE_FORM_STAND_IN)
        done = subprocess.run([tool("pyside6-lupdate"), *map(str, SOURCES), "-no-obsolete", "-locations", "none",
                               "-ts", str(ts)], check=True, capture_output=True, text=True)
        if stand_in:
            _set_language(ts, language)
        if "won't be updated" in done.stdout + done.stderr:
            raise SystemExit(f"lupdate did not update {ts.name}: {(done.stdout + done.stderr).strip()}")
        add_plurals(ts, previous)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                       capture_output=True)
        left = unfinished(ts)
        total = sum(1 for _ in ET.parse(ts).getroot().iter("message"))
        print(f"{ts.name}: {total - len(left)} of {total} texts translated" + (":" if left else "."))
        for source in left[:40]:
            print(f"  untranslated: {source[:100]!r}")
        if len(left) > 40:
            print(f"  … and {len(left) - 40} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
