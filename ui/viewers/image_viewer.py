"""Image preview with zoom (wheel, buttons) and pan (drag)."""

from __future__ import annotations

import io
import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

logger = logging.getLogger(__name__)


def decode_image(data: bytes) -> QImage:
    """Qt's decoders first; Pillow (with HEIC when pillow-heif is installed) after."""
    image = QImage.fromData(data)
    if not image.isNull():
        return image
    try:
        from PIL import Image  # noqa: PLC0415 - only for formats Qt cannot read

        try:
            import pillow_heif  # type: ignore[import-not-found,unused-ignore] # noqa: PLC0415

            pillow_heif.register_heif_opener()
        except ImportError:
            pass
        with Image.open(io.BytesIO(data)) as pil:
            rgba = pil.convert("RGBA")
            raw = rgba.tobytes("raw", "RGBA")
            return QImage(raw, rgba.width, rgba.height, QImage.Format.Format_RGBA8888).copy()
    except Exception:
        logger.info("An image could not be decoded for preview.")
        return QImage()


class _View(QGraphicsView):
    """Fits the picture whenever its size changes, until the user zooms.

    An image chosen while another tab is in front is laid out at a hidden widget's
    size; fitting again when the view is shown and resized keeps it whole.
    """

    auto_fit = True

    def __init__(self, scene: QGraphicsScene, parent: QWidget) -> None:
        super().__init__(scene, parent)
        self._refit = QTimer(self)  # once the layout has settled (scroll bars come and go)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_if_auto)

    def fit(self) -> None:
        self.resetTransform()
        items = self.scene().items()
        if items and not self.sceneRect().isEmpty():
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def _fit_if_auto(self) -> None:
        if self.auto_fit:
            self.fit()

    def zoom_by(self, factor: float) -> None:
        self.auto_fit = False
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()
            self._refit.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.auto_fit:
            self.fit()
            self._refit.start()


class ImageViewer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._scene.addItem(self._item)
        self.view = _View(self._scene, self)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom_in = QPushButton(self.tr("Zoom in"), self)
        self.zoom_out = QPushButton(self.tr("Zoom out"), self)
        self.fit = QPushButton(self.tr("Fit"), self)
        self.message = QLabel(self)
        self.zoom_in.clicked.connect(lambda: self.view.zoom_by(1.25))
        self.zoom_out.clicked.connect(lambda: self.view.zoom_by(0.8))
        self.fit.clicked.connect(self.fit_to_view)
        buttons = QHBoxLayout()
        for widget in (self.zoom_in, self.zoom_out, self.fit):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def show_image(self, image: QImage) -> bool:
        if image.isNull():
            self.clear()
            self.message.setText(self.tr("This image cannot be shown here."))
            return False
        self.message.clear()
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(self._item.boundingRect())
        self.fit_to_view()
        return True

    def zoom(self) -> float:
        return self.view.transform().m11()

    def fit_to_view(self) -> None:
        """The whole picture in view, and kept so as the pane changes size."""
        self.view.auto_fit = True
        self.view.fit()

    def clear(self) -> None:
        self._item.setPixmap(QPixmap())
        self.message.clear()
