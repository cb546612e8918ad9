"""Render the evidence list's HTML (``vault.bundle.report``) to PDF with Qt.

``QTextDocument`` lays the HTML out and ``QPdfWriter`` writes A4 landscape pages with
the fonts embedded (Qt embeds a subset of every font it draws with; the Noto CJK fonts
carry the Chinese text; :mod:`ui.pdf_text_map` then puts right the text map Qt writes for
them, so copied Chinese is the ideographs drawn, not Kangxi radicals). Each page is painted here, with its number at the bottom,
so the margins stay narrow enough for about twenty rows of the list per page.

Qt text layout and images belong to the GUI thread: call :func:`render_pdf` from the
thread that owns the ``QGuiApplication`` (the CLI's main thread; the desktop app hands
it to the GUI thread). When no application exists yet one is created on the offscreen
platform, so rendering works on a machine without a display.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QObject,
    QRectF,
    QSizeF,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from ui.pdf_text_map import restore_ideographs

logger = logging.getLogger(__name__)

RESOLUTION_DPI = 300
MARGIN_MM = 10.0
BASE_FONT = "Noto Sans CJK SC"
BASE_POINT_SIZE = 8
FOOTER_MM = 6.0

_app: QCoreApplication | None = None


def ensure_application() -> None:
    """Create an offscreen application when the process has none.

    It is a QApplication (not merely a QGuiApplication) so that widgets created later in
    the same process, by the desktop app or its tests, still find the kind they need.
    """
    global _app  # noqa: PLW0603 - the one application object must outlive this call
    if QCoreApplication.instance() is None:
        _app = QApplication(["evault", "-platform", "offscreen"])


def render_pdf(html: str, out: Path) -> None:
    """Write ``html`` as a PDF file at ``out`` (A4 landscape, fonts embedded, pages numbered)."""
    ensure_application()
    writer = QPdfWriter(str(out))
    writer.setResolution(RESOLUTION_DPI)
    writer.setCreator("Evidence Vault")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # lay out in the PDF's resolution
    document.setDefaultFont(QFont(BASE_FONT, BASE_POINT_SIZE))
    document.setDocumentMargin(0)
    document.setHtml(html)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    footer = RESOLUTION_DPI * FOOTER_MM / 25.4
    page = QSizeF(area.width(), area.height() - footer)
    document.setPageSize(page)
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        painter.setFont(QFont(BASE_FONT, BASE_POINT_SIZE))
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            document.drawContents(
                painter, QRectF(0, index * page.height(), page.width(), page.height())
            )
            painter.restore()
            painter.drawText(
                QRectF(0, page.height(), page.width(), footer),
                int(Qt.AlignmentFlag.AlignCenter),
                f"{index + 1} / {pages}",
            )
    finally:
        painter.end()
    del painter, writer  # the file is complete and closed
    restore_ideographs(out)  # 目, not the Kangxi radical ⽬, when text is copied
    logger.info("rendered the evidence list as PDF (%d pages)", pages)


class _GuiThreadRenderer(QObject):
    """Lives in the GUI thread; a blocking queued signal brings work to it."""

    requested = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.error: BaseException | None = None
        self.requested.connect(self._render, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(str, str)
    def _render(self, html: str, out: str) -> None:
        try:
            render_pdf(html, Path(out))
        except Exception as error:  # handed back to the waiting worker
            self.error = error


_renderer: _GuiThreadRenderer | None = None
_renderer_lock = threading.Lock()


def render_pdf_on_gui_thread(html: str, out: Path) -> None:
    """:func:`render_pdf` for a worker thread of the desktop app: the GUI thread renders
    (Qt's text layout belongs there) while the worker waits for it."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is app.thread():
        render_pdf(html, out)
        return
    global _renderer  # noqa: PLW0603 - one renderer, made in the GUI thread's affinity
    with _renderer_lock:
        if _renderer is None:
            _renderer = _GuiThreadRenderer()
            _renderer.moveToThread(app.thread())
        renderer = _renderer
        renderer.error = None
        renderer.requested.emit(html, str(out))
        error, renderer.error = renderer.error, None
    if error is not None:
        raise error
