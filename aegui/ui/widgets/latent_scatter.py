"""The latent scatter: one ScatterPlotItem coloured by label, a legend, a hover
thumbnail, click signals, named markers and a draggable rectangle for the grid range."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from aegui.core.class_palette import class_colors as palette_colors
from aegui.core.latent import GridIndex
from aegui.ui.theme import plot_background
from aegui.ui.widgets.dot_cloud import DotCloud
from aegui.ui.widgets.image_grid import to_qimage

HOVER_RADIUS_PX = 6
MARKER_PX = 20
THUMB_PX = 84
ROI_HANDLE_PX = 12  # the grid rectangle's corner handles
# Where a marker's label sits (offset in pixels, and which corner of the label is there):
# interpolation ends often lie on the selection, so A goes below left and B below right of
# the marker, clear of the others' labels above right ("B lected" otherwise).
# (The offset's y axis points up, as the plot's does.)
LABEL_PLACES: dict[str, tuple[tuple[int, int], tuple[float, float]]] = {
    "": ((12, 12), (0.0, 1.0)),
    "A": ((-12, -12), (1.0, 0.0)),
    "B": ((12, -12), (0.0, 0.0)),
}


def class_colors(count: int) -> list[QColor]:
    """The classes' colours, as the report and exports draw them."""
    return [QColor(c) for c in palette_colors(count)]


def grid_rectangle() -> pg.ROI:
    """The manifold grid's range: dragged inside to move it, by any corner to resize it. Its
    corners are large enough to catch (pyqtgraph's RectROI has one 5-pixel corner, which a
    drag easily misses, moving the rectangle instead)."""
    roi = pg.ROI((-1, -1), (2, 2), pen=pg.mkPen("#444", width=1.5, style=Qt.PenStyle.DashLine),
                 hoverPen=pg.mkPen("#d00", width=2, style=Qt.PenStyle.DashLine),
                 handlePen=pg.mkPen("#222", width=2), handleHoverPen=pg.mkPen("#d00", width=3),
                 rotatable=False)
    roi.handleSize = ROI_HANDLE_PX
    for x, y in ((0, 0), (1, 0), (0, 1), (1, 1)):
        roi.addScaleHandle((x, y), (1 - x, 1 - y))  # the opposite corner stays put
    roi.setZValue(20)
    return roi


class LatentScatter(QWidget):
    hovered = Signal(int)  # point index, -1 when the cursor leaves all points
    pointClicked = Signal(int)
    emptyClicked = Signal(float, float)  # view coordinates
    rangeChanged = Signal()  # the grid rectangle moved or was resized

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=plot_background())
        self.plot.setObjectName("latentPlot")
        self.plot.setMinimumSize(200, 200)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", "z₀")
        self.plot.setLabel("left", "z₁")
        self.scatter = DotCloud(size=4, pen=None, pxMode=True, hoverable=False)
        self.plot.addItem(self.scatter)
        self.legend = self.plot.addLegend(offset=(-8, 8), labelTextSize="8pt", colCount=2)
        self.roi = grid_rectangle()
        self.roi.sigRegionChangeFinished.connect(lambda *_: self.rangeChanged.emit())
        self.plot.addItem(self.roi)
        self._markers: dict[str, pg.TargetItem] = {}
        self.coords = np.zeros((0, 2), np.float32)
        self.index: GridIndex | None = None
        self.images: np.ndarray | None = None  # uint8 N×C×H×W for hover thumbnails, by point
        self.thumb = QLabel(self.plot, objectName="hoverThumb")
        self.thumb.setStyleSheet("background: white; border: 1px solid #888; padding: 2px;")
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.hide()
        self._hover = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.plot.installEventFilter(self)  # the pointer leaving the plot hides the thumbnail
        self.plot.scene().sigMouseMoved.connect(self._on_move)
        self.plot.scene().sigMouseClicked.connect(self._on_click)

    # -- data ----------------------------------------------------------------------------
    def set_points(self, coords: np.ndarray, labels: np.ndarray | None, class_names: tuple[str, ...],
                   images: np.ndarray | None, axis_names: tuple[str, str] = ("z₀", "z₁")) -> None:
        self.coords = np.asarray(coords, np.float32)
        self.images = images
        self.index = GridIndex(self.coords)
        self.legend.clear()
        if labels is not None and len(class_names):
            colors = class_colors(len(class_names))
            brushes = np.array([QBrush(c) for c in colors] + [QBrush(QColor("#999"))], dtype=object)
            picked = brushes[np.clip(labels, -1, len(colors) - 1)]
            self.scatter.setData(pos=self.coords, brush=picked, pen=None, size=4)
            for name, color in zip(class_names, colors):  # a legend's labels are HTML
                self.legend.addItem(pg.ScatterPlotItem(pen=None, brush=color, size=8), html.escape(name))
        else:
            self.scatter.setData(pos=self.coords, brush=pg.mkBrush("#1f77b4"), pen=None, size=4)
        self.plot.setLabel("bottom", axis_names[0])
        self.plot.setLabel("left", axis_names[1])
        # Fit the points alone: the grid rectangle and markers of the previous model or
        # projection would keep its axes (a VAE's ±4 cloud as a blob in −20…20).
        self.plot.plotItem.vb.autoRange(items=[self.scatter])
        self._fit_roi()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot and event.type() == QEvent.Type.Leave:
            self.hide_thumb()
        return False

    def hide_thumb(self) -> None:
        self.thumb.hide()
        if self._hover != -1:
            self._hover = -1
            self.hovered.emit(-1)

    def clear(self) -> None:
        self.hide_thumb()
        self.scatter.clear()
        self.legend.clear()
        self.coords = np.zeros((0, 2), np.float32)
        self.index = None
        self.images = None
        for name in list(self._markers):
            self.set_marker(name, None)

    def point_count(self) -> int:
        return len(self.scatter.data)

    def _fit_roi(self) -> None:
        """Start the grid rectangle over the bulk of the points (2nd to 98th percentile)."""
        if not len(self.coords):
            return
        lo, hi = np.percentile(self.coords, [2, 98], axis=0)
        size = np.maximum(hi - lo, 1e-3)
        self.roi.setPos(pg.Point(*lo), finish=False)
        self.roi.setSize(pg.Point(*size), finish=False)
        self.rangeChanged.emit()

    def grid_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        pos, size = self.roi.pos(), self.roi.size()
        return (pos.x(), pos.x() + size.x()), (pos.y(), pos.y() + size.y())

    def set_grid_range(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        self.roi.setPos(pg.Point(x[0], y[0]), finish=False)
        self.roi.setSize(pg.Point(x[1] - x[0], y[1] - y[0]))  # finishing emits rangeChanged

    # -- markers -------------------------------------------------------------------------
    def set_marker(self, name: str, xy: np.ndarray | None, color: str = "#000", label: str | None = None) -> None:
        """Show (or with None, hide) a named marker, e.g. the slider or drawing position. ``name``
        is the marker's key; ``label`` the text shown beside it (the name when None), set when
        the marker is first shown."""
        marker = self._markers.get(name)
        if xy is None:
            if marker is not None:
                marker.hide()
            return
        if marker is None:
            # Large, thick and labelled on a light patch: it must stand out from 10,000 dots.
            offset, anchor = LABEL_PLACES.get(name, LABEL_PLACES[""])
            marker = pg.TargetItem(size=MARKER_PX, pen=pg.mkPen(color, width=3),
                                   brush=pg.mkBrush(255, 255, 255, 150), movable=False,
                                   label=name if label is None else label,
                                   labelOpts={"color": color, "offset": offset, "anchor": anchor,
                                              "fill": pg.mkBrush(255, 255, 255, 210),
                                              "border": pg.mkPen(color)})
            marker.setZValue(30)
            self.plot.addItem(marker)
            self._markers[name] = marker
        marker.setPos(float(xy[0]), float(xy[1]))
        marker.show()

    def marker_pos(self, name: str) -> tuple[float, float] | None:
        marker = self._markers.get(name)
        if marker is None or not marker.isVisible():
            return None
        return marker.pos().x(), marker.pos().y()

    # -- mouse ---------------------------------------------------------------------------
    def view_to_widget(self, x: float, y: float) -> QPointF:
        """Where a view point is, in the plot widget's pixels (for tests and tooling)."""
        scene = self.plot.plotItem.vb.mapViewToScene(QPointF(x, y))
        return QPointF(self.plot.mapFromScene(scene))

    def nearest(self, x: float, y: float) -> int:
        if self.index is None:
            return -1
        px, py = self.plot.plotItem.vb.viewPixelSize()
        return self.index.nearest(x, y, HOVER_RADIUS_PX * px, HOVER_RADIUS_PX * py)

    def _on_move(self, scene_pos: QPointF) -> None:
        vb = self.plot.plotItem.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            self._show_thumb(-1, scene_pos)
            return
        p = vb.mapSceneToView(scene_pos)
        self._show_thumb(self.nearest(p.x(), p.y()), scene_pos)

    def _show_thumb(self, index: int, scene_pos: QPointF) -> None:
        if index != self._hover:
            self._hover = index
            self.hovered.emit(index)
        if index < 0 or self.images is None:
            self.thumb.hide()
            return
        pix = QPixmap.fromImage(to_qimage(self.images[index])).scaled(
            THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
        self.thumb.setPixmap(pix)
        self.thumb.adjustSize()
        at = self.plot.mapFromScene(scene_pos)
        x = at.x() + 14 if at.x() + 14 + self.thumb.width() < self.plot.width() else at.x() - 14 - self.thumb.width()
        y = min(max(0, at.y() - self.thumb.height() // 2), self.plot.height() - self.thumb.height())
        self.thumb.move(int(x), int(y))
        self.thumb.show()
        self.thumb.raise_()

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.plot.plotItem.vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        index = self.nearest(p.x(), p.y())
        if index >= 0:
            self.pointClicked.emit(index)
        else:
            self.emptyClicked.emit(p.x(), p.y())

    def save_png(self, path: str) -> bool:
        return self.plot.grab().save(path, "PNG")
