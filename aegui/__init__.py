"""aegui: a desktop workbench for autoencoders, and its Python API.

    import aegui
    exp = aegui.train(dataset="mnist-10k", model="conv-vae", latent_dim=2, epochs=5, out="runs/vae2")
    exp = aegui.load("runs/vae2")
    aegui.show(exp)

The API is imported on first use, so ``import aegui`` (and ``aegui --help``) stays quick and
imports neither PyTorch nor Qt; only ``show`` imports Qt. See docs/python-api.md.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["LoadedExperiment", "__version__", "load", "show", "train"]

# No import of these here, even for type checkers: every module that reads __version__
# would then depend on the window (the import-layer contracts check that none does).
_LAZY = {"train": "aegui.api", "load": "aegui.api", "LoadedExperiment": "aegui.api", "show": "aegui.notebook"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aegui' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
