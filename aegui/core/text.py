"""Small helpers for the words of user-facing messages (the CLI and the GUI share them)."""

from __future__ import annotations

from enum import Enum

_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
# Words the rules get wrong: a hard "ch" takes a plain "s".
_IRREGULAR = {"epoch": "epochs"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the singular for exactly one: "1 epoch", "10,000 images".

    ``many`` gives an irregular plural; otherwise the usual English rules apply
    ("class" -> "classes", "entry" -> "entries").
    """
    if count == 1:
        return f"1 {word}"
    return f"{count:,} {many or _plural_of(word)}"


def _plural_of(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(_SIBILANT_ENDINGS):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


class TextEnum(str, Enum):
    """An enum whose members are their text: written to JSON, compared and printed as it."""

    def __str__(self) -> str:
        return self.value


def file_size(nbytes: float) -> str:
    """``"2.5 GB"``, ``"740 MB"``, ``"12 kB"``: a size as people read it (powers of 1024)."""
    for unit, power in (("GB", 3), ("MB", 2), ("kB", 1)):
        if nbytes >= 1024**power:
            value = nbytes / 1024**power
            return f"{value:,.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{int(nbytes)} bytes"
