"""Sentences core says to the user, in English, that the window can say in its own language.

Core never imports Qt, so it cannot translate; it can keep what a translation needs. ``say``
returns the English sentence (what the command line prints, what ``str(error)`` is) as a
``Said``: a ``str`` that also remembers its template and the values put in it. The window looks
the template up in its catalogue (context "Errors") and fills in the same values::

    raise DataError(say("No images were found in {folder}.", folder=path))

Write the template whole, as one literal, in the ``say`` call: ``make i18n`` finds it there.
A value may itself be ``Said`` (a reason inside a sentence): it is translated too.
"""

from __future__ import annotations

import re
import string
from typing import Any


class Said(str):
    """An English sentence built from ``template`` and ``fields`` (``template.format(**fields)``)."""

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, **fields: object) -> Said:
        said = super().__new__(cls, template.format(**fields) if fields else template)
        said.template = template
        said.fields = fields
        return said


def say(template: str, **fields: object) -> Said:
    """The English sentence ``template.format(**fields)``, translatable by the window."""
    return Said(template, **fields)


def message_of(error: BaseException) -> str:
    """An error's sentence, as ``Said`` when it was raised with one (so the window can
    translate it), else its plain text."""
    if len(error.args) == 1 and isinstance(error.args[0], Said) and str(error) == error.args[0]:
        return error.args[0]
    return str(error)


# What a stored sentence may hold (a run's journal keeps its outcome this way): plain named
# fields, ``!r``/``!s``, and short format specs; never attribute access or a huge width.
_SAFE_SPEC = re.compile(r"[<>^=]?[+\- ]?#?0?\d{0,2}[,_]?(\.\d{1,2})?[bcdeEfFgGnosxX%]?")
_MAX_TEMPLATE = 2000
_MAX_DEPTH = 4


def said_to_dict(said: Said) -> dict[str, Any]:
    """A ``Said`` as JSON values (a value other than a number or text is kept as its text)."""
    def value(v: object) -> object:
        if isinstance(v, Said):
            return said_to_dict(v)
        return v if isinstance(v, (str, int, float)) else str(v)
    return {"template": said.template, "fields": {name: value(v) for name, v in said.fields.items()}}


def said_from_dict(data: object, english: str) -> str:
    """The sentence ``english`` as a ``Said`` again when ``data`` (from a file, so untrusted)
    rebuilds exactly it; otherwise ``english`` as it is."""
    try:
        said = _rebuild(data, 0)
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return english
    return said if said == english else english


def _rebuild(data: object, depth: int) -> Said:
    if depth > _MAX_DEPTH or not isinstance(data, dict):
        raise ValueError("not a sentence")
    template, fields = data.get("template"), data.get("fields")
    if not isinstance(template, str) or len(template) > _MAX_TEMPLATE or not isinstance(fields, dict) \
            or len(fields) > 20:
        raise ValueError("not a sentence")
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (not name.isidentifier() or conversion not in (None, "r", "s")
                                 or not _SAFE_SPEC.fullmatch(spec or "")):
            raise ValueError("not a plain field")
    values: dict[str, object] = {}
    for name, v in fields.items():
        if isinstance(v, dict):
            values[name] = _rebuild(v, depth + 1)
        elif isinstance(v, (str, int, float)) and not (isinstance(v, str) and len(v) > _MAX_TEMPLATE):
            values[name] = v
        else:
            raise ValueError("not a plain value")
    return Said(template, **values)
