"""The experiment configuration: one frozen dataclass that round-trips through JSON."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from aegui.core.choices import AMP_DTYPES, RECON_LOSSES
from aegui.core.corruptions import TASKS, Corruption, corruption_for_task
from aegui.core.errors import ConfigError
from aegui.core.models import MODEL_KINDS, VARIATIONAL_KINDS
from aegui.core.models.base import BLOCKS, MAX_DEPTH, NORMS
from aegui.core.words import say

OPTIMIZERS = ("adam", "sgd")
DEVICES = ("auto", "cpu", "cuda", "mps")


# Seeds feed torch.manual_seed after per-epoch arithmetic (seed × 100,003 + epoch): this
# keeps every derived seed inside its 64-bit range.
MAX_SEED = 2**32 - 1
# What decides the shape of the weights: a continued run keeps the experiment's.
ARCHITECTURE_FIELDS = ("model", "latent_dim", "hidden", "depth", "block", "norm", "widths")
MAX_PROCESSES = 4096  # a torchrun job's world size; the Train tab offers up to 64


@dataclass(frozen=True)
class ExperimentConfig:
    # data
    dataset: str = "mnist-10k"
    image_size: int | None = None  # folder sources only; None keeps their size
    color: str = "auto"  # folder sources only: auto, gray or rgb
    val_fraction: float = 0.1
    # One-class (or few-class) training: the class indices kept, sorted; None keeps them all.
    # The split is made first and filtered after, so every kept row stays on its side.
    classes: tuple[int, ...] | None = None
    # The split has its own seed, apart from the training seed: retraining with another
    # initialisation must still be measured on the same held-out images.
    split_seed: int = 0
    # model
    model: str = "conv-vae"
    latent_dim: int = 2
    hidden: int = 32
    depth: int | None = None  # convolutional stages; None follows the image size (models.auto_depth)
    # The convolutional layout: residual blocks with GroupNorm, or the first plain layout,
    # and BatchNorm as an option for either (see aegui.core.models.conv).
    block: str = "residual"
    norm: str = "group"
    widths: tuple[int, ...] | None = None  # channels per stage; None: width × 2^stage
    # task
    task: str = "reconstruct"
    noise: float | None = None  # corruption level; None means the task's default
    corruption: str | None = None  # override the task's corruption (e.g. salt-pepper for denoise)
    # optimisation
    epochs: int = 10
    batch_size: int = 128
    lr: float = 1e-3
    optimizer: str = "adam"
    weight_decay: float = 0.0
    loss: str = "bce"
    beta: float = 1.0
    kl_warmup_epochs: int = 0
    # run
    device: str = "auto"
    seed: int = 0
    # speed: what each does, and on which devices, is in aegui.core.fast_path
    amp: bool = False  # mixed precision (CUDA)
    amp_dtype: str = "auto"  # auto (bfloat16 where the GPU has it), bfloat16 or float16
    channels_last: bool = True  # the conv models' memory format (CPU and CUDA)
    fused_optimizer: bool = True  # fused Adam/SGD kernels (CUDA)
    compile: bool = False  # torch.compile the training step
    # How many processes the window trains with: more than 1 starts a torchrun job. Under
    # torchrun the count is torchrun's own (--nproc-per-node); a plain `aegui train` uses 1.
    processes: int = 1

    def __post_init__(self) -> None:
        _check_types(self)
        # JSON gives a list; a frozen config must stay hashable and equal after a round trip.
        object.__setattr__(self, "classes", _normalize_classes(self.classes))
        object.__setattr__(self, "widths", _normalize_widths(self.widths))
        self.validate()

    def validate(self) -> None:
        numbers = [(self.lr, say("learning rate")), (self.beta, "β"), (self.val_fraction, say("validation fraction")),
                   (self.weight_decay, say("weight decay")), (self.noise, say("corruption level"))]
        for value, name in numbers:
            if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value)):
                raise ConfigError(say("The {setting} must be a finite number, not {value!r}.", setting=name,
                                      value=value))
        checks = [
            (self.model in MODEL_KINDS, say("Unknown model {model!r}; choose one of: {choices}.", model=self.model,
                                            choices=", ".join(MODEL_KINDS))),
            (self.task in TASKS, say("Unknown task {task!r}; choose one of: {choices}.", task=self.task,
                                     choices=", ".join(TASKS))),
            (self.loss in RECON_LOSSES, say("Unknown loss {loss!r}; choose mse or bce.", loss=self.loss)),
            (self.optimizer in OPTIMIZERS, say("Unknown optimizer {optimizer!r}; choose adam or sgd.",
                                               optimizer=self.optimizer)),
            (self.device in DEVICES, say("Unknown device {device!r}; choose auto, cpu, cuda or mps.",
                                         device=self.device)),
            (self.color in ("auto", "gray", "rgb"), say("Colour must be auto, gray or rgb.")),
            (self.amp_dtype in AMP_DTYPES, say("Unknown amp_dtype {amp_dtype!r}; choose auto, bfloat16 or float16.",
                                               amp_dtype=self.amp_dtype)),
            (0.0 < self.val_fraction < 1.0, say("The validation fraction must be between 0 and 1.")),
            (self.split_seed >= 0 and self.seed >= 0, say("Seeds must not be negative.")),
            (self.split_seed <= MAX_SEED and self.seed <= MAX_SEED,
             say("Seeds must be at most {most:,} (2³² − 1).", most=MAX_SEED)),
            (1 <= self.latent_dim <= MAX_LATENT, say("The latent size must be between 1 and {most}.", most=MAX_LATENT)),
            (self.depth is None or 1 <= self.depth <= MAX_DEPTH,
             say("The depth must be between 1 and {most}.", most=MAX_DEPTH)),
            (self.block in BLOCKS, say("Unknown block {block!r}; choose one of: {choices}.", block=self.block,
                                       choices=", ".join(BLOCKS))),
            (self.norm in NORMS, say("Unknown norm {norm!r}; choose one of: {choices}.", norm=self.norm,
                                     choices=", ".join(NORMS))),
            (self.widths is None or self.depth is None or len(self.widths) == self.depth,
             say("Give one width per stage: {widths} widths for a depth of {depth}.", widths=len(self.widths or ()),
                 depth=self.depth)),
            (1 <= self.hidden <= MAX_WIDTH, say("The width must be between 1 and {most}.", most=MAX_WIDTH)),
            (self.epochs >= 1, say("Train for at least one epoch.")),
            (self.batch_size >= 1, say("The batch size must be at least 1.")),
            (1 <= self.processes <= MAX_PROCESSES, say("Train with 1 to {most} processes.", most=MAX_PROCESSES)),
            (self.lr > 0, say("The learning rate must be positive.")),
            (self.beta >= 0, say("β must not be negative.")),
            (self.image_size is None or 8 <= self.image_size <= 512, say("Image size must be 8 to 512 pixels.")),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        self.corruption_spec()  # validates the level too

    def corruption_spec(self) -> Corruption:
        return corruption_for_task(self.task, self.noise, self.corruption)

    @property
    def variational(self) -> bool:
        return self.model in VARIATIONAL_KINDS

    def with_changes(self, **changes: Any) -> ExperimentConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("classes", "widths"):
            if data[name] is not None:
                data[name] = list(data[name])  # as JSON stores it
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExperimentConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(say("Unknown experiment settings: {names}.", names=", ".join(unknown)))
        if "depth" in data and "block" not in data and "norm" not in data:
            # Every full settings file (a run's config.json, saved window settings) written
            # before the layout was a setting names the depth: its model has the first layout.
            # A short hand-written file without a depth gets today's defaults.
            data = {**data, "block": "plain", "norm": "batch"}
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> ExperimentConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(say("The experiment settings are not valid JSON: {reason}", reason=str(exc))) from exc
        if not isinstance(data, dict):
            raise ConfigError(say("The experiment settings must be a JSON object."))
        return cls.from_dict(data)


# The JSON types each annotation accepts (a float setting takes a whole number too; a bool
# is never a number). ``classes`` is checked by _normalize_classes.
_JSON_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float),
                                            "bool": (bool,), "None": (type(None),)}
_TYPE_WORDS = {"str": say("text"), "int": say("a whole number"), "float": say("a number"),
               "bool": say("true or false"), "None": "null"}


def _check_types(config: ExperimentConfig) -> None:
    """A ConfigError for a setting of the wrong type, such as ``"dataset": 5`` in a file."""
    for item in fields(config):
        if item.name in ("classes", "widths"):
            continue
        value = getattr(config, item.name)
        names = [part.strip() for part in str(item.type).split("|")]
        allowed = tuple(t for name in names for t in _JSON_TYPES[name])
        wrong_bool = isinstance(value, bool) and "bool" not in names
        if wrong_bool or not isinstance(value, allowed):
            wanted = _TYPE_WORDS[names[0]]
            for name in names[1:]:  # "a whole number or null": each word translated
                wanted = say("{first} or {second}", first=wanted, second=_TYPE_WORDS[name])
            raise ConfigError(say("The setting {setting!r} must be {kind}, not {value!r}.", setting=item.name,
                                  kind=wanted, value=value))


def _listed(value: Any, refusal: str) -> list | None:
    """A JSON list (or any iterable but text) as a list; None stays None."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ConfigError(refusal)
    return list(value)


def _normalize_classes(classes: Any) -> tuple[int, ...] | None:
    """``classes`` as a sorted tuple of ints; a ConfigError for anything else."""
    values = _listed(classes, say("The classes kept must be a list of class indices, such as [0, 3]."))
    if values is None:
        return None
    if not values:
        raise ConfigError(say("Keep at least one class, or all of them."))
    if not all(_is_index(v) for v in values):
        raise ConfigError(say("The classes kept must be whole numbers (class indices), such as [0, 3]."))
    ints = [int(v) for v in values]
    if min(ints) < 0:
        raise ConfigError(say("Class indices must not be negative."))
    if len(set(ints)) != len(ints):
        raise ConfigError(say("A class is listed twice in the classes kept."))
    return tuple(sorted(ints))


MAX_WIDTH = 1024
MAX_LATENT = 1024  # the window's spin boxes and tips read these limits too


def _normalize_widths(widths: Any) -> tuple[int, ...] | None:
    """``widths`` as a tuple of ints, one per stage; a ConfigError for anything else."""
    values = _listed(widths, say("The stage widths must be a list of channel counts, such as [32, 64, 128]."))
    if values is None:
        return None
    if not 1 <= len(values) <= MAX_DEPTH or not all(_is_index(v) and 1 <= int(v) <= MAX_WIDTH for v in values):
        raise ConfigError(say("Give 1 to {most} stage widths, each a whole number from 1 to {widest}.",
                              most=MAX_DEPTH, widest=MAX_WIDTH))
    return tuple(int(v) for v in values)


def _is_index(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return int(value) == value
    except (TypeError, ValueError):
        return False
