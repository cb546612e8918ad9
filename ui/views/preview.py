"""The preview tab: the right viewer for an item's kind, fed from the decrypting reader.

A recording's player has its transcript editor under it; what was typed and not saved
is saved when another item is shown, the preview is cleared or the vault locks.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QStackedWidget, QWidget

from ui.errors import message_for, show_error
from ui.tasks import op
from ui.viewers.image_viewer import ImageViewer, decode_image
from ui.viewers.media_player import MediaPlayer
from ui.viewers.reader_device import ReaderDevice
from ui.viewers.transcript_editor import TranscriptEditor
from vault.age import AgeReader
from vault.dto import ItemDTO
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.items import open_item
from vault.transcript import TranscriptDTO, is_recording, latest_transcript, save_transcript

logger = logging.getLogger(__name__)
MAX_IMAGE_BYTES = 80 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024

try:  # QtPdf is part of PySide6-Addons; without it PDFs are exported to be viewed
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_PDF = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAVE_PDF = False


def _read_all(vault: OpenVault, item_id: str, limit: int) -> bytes:
    with open_item(vault, item_id) as reader:
        return reader.pread(0, min(reader.size, limit))


class Preview(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image = ImageViewer(self)
        self._media: MediaPlayer | None = None  # QtMultimedia loads on first use
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        for widget in (self.message, self.image, self.text):
            self.addWidget(widget)
        self.pdf_document: QPdfDocument | None = None
        if HAVE_PDF:
            self.pdf_view = QPdfView(self)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.addWidget(self.pdf_view)
        self._item_id: str | None = None
        self._vault: OpenVault | None = None
        self._transcript: TranscriptEditor | None = None

    @property
    def media(self) -> MediaPlayer:
        if self._media is None:
            self._media = MediaPlayer(self)
            self._transcript = TranscriptEditor(self._media, self._media)
            self._transcript.save_requested.connect(self.save_transcript)
            self._media.add_below(self._transcript)
            self.addWidget(self._media)
        return self._media

    @property
    def transcript(self) -> TranscriptEditor:
        if self._transcript is None:
            self.media  # noqa: B018 - the editor is made with the player
        return self._transcript  # type: ignore[return-value]

    def save_transcript(self) -> None:
        """Save the transcript lines typed and not saved yet (nothing to save: nothing)."""
        editor, vault = self._transcript, self._vault
        if editor is None or vault is None or editor.item_id is None:
            return
        segments = editor.unsaved()
        if segments is None:
            return
        item_id = editor.item_id
        duration = self.media.player.duration() or None  # 0: not known yet

        def failed(error: BaseException) -> None:
            if isinstance(error, VaultError):
                editor.show_failure(message_for(error))
            else:
                show_error(self, error)

        op(lambda: save_transcript(vault, item_id, segments, duration_ms=duration)).success(
            editor.accept_saved
        ).failure(failed).run()

    def clear(self) -> None:
        self.save_transcript()  # leaving the item keeps what was typed
        self._item_id = None
        if self._media is not None:
            self._media.clear()
        if self._transcript is not None:
            self._transcript.show_transcript(None, None)
        self.image.clear()
        self.text.clear()
        self._close_pdf()
        self.message.setText(self.tr("Select an item to see it here."))
        self.setCurrentWidget(self.message)

    def _close_pdf(self) -> None:
        if self.pdf_document is not None:
            self.pdf_view.setDocument(None)  # type: ignore[arg-type]
            self.pdf_document.close()
            self.pdf_document.deleteLater()
            self.pdf_document = None

    def load(self, vault: OpenVault, item: ItemDTO) -> None:
        self.clear()
        self._item_id = item.id
        self._vault = vault
        self.message.setText(self.tr("Decrypting…"))
        media = item.media_type
        if media.startswith(("audio/", "video/")) or item.kind in {"recording", "video"}:
            op(lambda: open_item(vault, item.id)).success(
                lambda reader: self._show_media(item, reader)
            ).failure(self._failed).run()
        elif media.startswith("image/"):
            op(lambda: decode_image(_read_all(vault, item.id, MAX_IMAGE_BYTES))).success(
                lambda image: self._show_image(item.id, image)
            ).failure(self._failed).run()
        elif media == "application/pdf":
            if not HAVE_PDF:
                self.message.setText(
                    self.tr("This PDF cannot be shown here. Export it to view it.")
                )
                return
            op(lambda: open_item(vault, item.id)).success(
                lambda reader: self._show_pdf(item.id, reader)
            ).failure(self._failed).run()
        elif media.startswith("text/") or media in {"application/xml", "application/json"}:
            op(lambda: _read_all(vault, item.id, MAX_TEXT_BYTES)).success(
                lambda data: self._show_text(item.id, data)
            ).failure(self._failed).run()
        else:
            self.message.setText(
                self.tr("There is no preview for this kind of file. Export it to view it.")
            )

    def _failed(self, error: BaseException) -> None:
        logger.info("Preview failed: %s", type(error).__name__)
        self.message.setText(self.tr("This item could not be read for preview."))

    def _show_media(self, item: ItemDTO, reader: AgeReader) -> None:
        if self._item_id != item.id:
            reader.close()
            return
        video = item.media_type.startswith("video/") or item.kind == "video"
        self.media.load(ReaderDevice(reader), item.original_name, video=video)
        self.setCurrentWidget(self.media)
        vault = self._vault
        if vault is not None and is_recording(item.kind, item.media_type):
            editable = not vault.read_only  # a backup opened to be looked at is never written

            def unreadable(error: BaseException) -> None:
                # a backup of an older version, opened read-only, has no transcripts yet
                logger.info("No transcript shown: %s", type(error).__name__)
                self._show_transcript(item.id, None, editable=False)

            op(lambda: latest_transcript(vault, item.id)).success(
                lambda found: self._show_transcript(item.id, found, editable=editable)
            ).failure(unreadable).run()

    def _show_transcript(
        self, item_id: str, transcript: TranscriptDTO | None, *, editable: bool
    ) -> None:
        if self._item_id == item_id:
            self.transcript.show_transcript(item_id, transcript, editable=editable)

    def _show_image(self, item_id: str, image: QImage) -> None:
        if self._item_id == item_id:
            self.setCurrentWidget(self.image)
            self.image.show_image(image)

    def _show_pdf(self, item_id: str, reader: AgeReader) -> None:
        if self._item_id != item_id:
            reader.close()
            return
        device = ReaderDevice(reader, self)
        self.pdf_document = QPdfDocument(self)
        device.setParent(self.pdf_document)
        self.pdf_document.load(device)
        self.pdf_view.setDocument(self.pdf_document)
        self.setCurrentWidget(self.pdf_view)

    def _show_text(self, item_id: str, data: bytes) -> None:
        if self._item_id == item_id:
            self.text.setPlainText(data.decode("utf-8", errors="replace"))
            self.setCurrentWidget(self.text)
