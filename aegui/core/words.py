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
