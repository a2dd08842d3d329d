"""The settings a sweep can vary, and the checks on the values it is given."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from aegui.core.config import ExperimentConfig
from aegui.core.errors import ConfigError
from aegui.core.words import message_of, say


@dataclass(frozen=True)
class SweepSetting:
    name: str  # the ExperimentConfig field
    label: str  # the plot's x axis
    prefix: str  # run folders are PREFIX-VALUE
    integer: bool
    log_x: bool  # plot on a log axis (when every value is positive)

    def folder(self, value: float) -> str:
        return f"{self.prefix}-{int(value):03d}" if self.integer else f"{self.prefix}-{value:g}"


SETTINGS = {s.name: s for s in (
    SweepSetting("latent_dim", "latent size", "latent", integer=True, log_x=True),
    SweepSetting("hidden", "width", "hidden", integer=True, log_x=True),
    SweepSetting("beta", "β", "beta", integer=False, log_x=True),
    SweepSetting("noise", "corruption level", "noise", integer=False, log_x=False),
)}


# The labels in the sentences below, as the window can translate them: (as written, capitalised).
_LABEL_WORDS = {
    "latent size": (say("latent size"), say("Latent size")),
    "width": (say("width"), say("Width")),
    "β": (say("β"), say("Β")),
    "corruption level": (say("corruption level"), say("Corruption level")),
}


def _label(spec: SweepSetting, capitalised: bool = False) -> str:
    words = _LABEL_WORDS.get(spec.label, (spec.label, spec.label.capitalize()))
    return words[1] if capitalised else words[0]


def setting_for(name: str) -> SweepSetting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise ConfigError(say("A sweep cannot vary {setting!r}; choose one of: {choices}.", setting=name,
                              choices=", ".join(SETTINGS))) from None


def sweep_values(base: ExperimentConfig, setting: str, values: Iterable[float]) -> list[float]:
    """``values`` sorted, without repeats, each checked as ``base`` with that value (a
    ConfigError says which value is wrong and why)."""
    spec = setting_for(setting)
    checked: set[float] = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ConfigError(say("{value!r} is not a value of the {setting}.", value=value, setting=_label(spec)))
        if spec.integer:
            if int(value) != value:
                raise ConfigError(say("The {setting} is a whole number, not {value!r}.", setting=_label(spec),
                                      value=value))
            value = int(value)
        try:
            base.with_changes(**{spec.name: value})
        except ConfigError as exc:
            raise ConfigError(say("{setting} {value:g}: {reason}", setting=_label(spec, capitalised=True), value=value,
                                  reason=message_of(exc))) from None
        checked.add(value)
    if not checked:
        raise ConfigError(say("Give at least one {setting} to try.", setting=_label(spec)))
    return sorted(checked)
