"""The engine of aegui: data, corruptions, models, training, metrics and checkpoints.

Everything below this package is plain PyTorch and NumPy. It never imports Qt,
so the CLI, the tests and the GUI workers all drive the same code.
"""

from aegui.core.errors import AeguiError

__all__ = ["AeguiError"]
