"""What the Latent tab's panels share: the model, the embedding, the selection, the class
to decode as, and the job runners. Panels receive this object, never the tab.

The model is not kept here: it is always the current experiment's, read from AppState."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from aegui.core import latent
from aegui.core.models import Autoencoder
from aegui.ui.app_state import AppState
from aegui.ui.widgets.latent_scatter import LatentScatter
from aegui.workers.tasks import TaskRunner


class LatentSession(QObject):
    decoded = Signal(str)  # which view got a fresh decode: point, location, grid, …

    def __init__(self, state: AppState, scatter: LatentScatter, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.scatter = scatter  # panels mark points on it and read its visible range
        self.embedding: latent.Embedding | None = None
        self.shown_model: Autoencoder | None = None  # the model whose codes the scatter shows
        self.selected_z: np.ndarray | None = None  # the last clicked point or location
        self.base: np.ndarray | None = None  # base point for planes and sliders; None = origin
        self.decode_class: Callable[[], int | None] = lambda: None  # set by the tab's class combo
        # Markers remember their codes, so a new projection of the same model moves them
        # to where those codes now lie; a new model drops them (their codes meant another space).
        # name -> (code, colour, the label shown beside it, in the window's language)
        self.markers: dict[str, tuple[np.ndarray, str, str | None]] = {}
        # Encoding and t-SNE: they may run beside training, which comes first.
        self.slow = TaskRunner("aegui-latent-encode", self, background=True)
        self.fast = TaskRunner("aegui-latent-decode", self)  # decodes: never queued behind t-SNE

    @property
    def model(self) -> Autoencoder | None:
        """The model the explorer works with: the one whose codes are on the scatter, so a
        click decodes a code with the model that made it. A newer snapshot takes over when
        its codes arrive; with nothing on the scatter it is the current experiment's."""
        if self.embedding is not None and self.shown_model is not None:
            return self.shown_model
        return self.state.model

    def decode_label(self) -> int | None:
        """The class conditional decodes use (None for unconditional models)."""
        if self.model is None or not self.model.conditional:
            return None
        return self.decode_class()

    def base_z(self) -> np.ndarray | None:
        return None if self.base is None else self.base.copy()

    # -- markers on the scatter -----------------------------------------------------------
    def mark(self, name: str, z: np.ndarray, color: str, label: str | None = None) -> None:
        """Show code ``z`` on the scatter as marker ``name``, now and after re-projections.
        ``label`` is the text shown beside it (translated); ``name`` stays its key."""
        self.markers[name] = (np.asarray(z, np.float32).copy(), color, label)
        self._place(name)

    def unmark(self, name: str) -> None:
        self.markers.pop(name, None)
        self.scatter.set_marker(name, None)

    def clear_markers(self) -> None:
        for name in list(self.markers):
            self.unmark(name)

    def place_markers(self) -> None:
        """Put every marker where its code lies in the current embedding's plane."""
        for name in self.markers:
            self._place(name)

    def _place(self, name: str) -> None:
        z, color, label = self.markers[name]
        emb = self.embedding
        if emb is None or len(z) != emb.projection.latent_dim:
            self.scatter.set_marker(name, None)
            return
        self.scatter.set_marker(name, emb.projection.to_plane(z)[0], color, label)

    def run(self, key: str, job: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        """A quick decode off the GUI thread; only the newest request per key is answered,
        and only while the model it used is still the current one."""
        model = self.model

        def answer(result: Any) -> None:
            if self.model is model:
                on_done(result)

        return self.fast.submit(key, lambda ctx: job(), answer)

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        self.slow.close()
        self.fast.close()
        return self.slow.join(timeout_s) and self.fast.join(timeout_s)
