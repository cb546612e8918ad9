"""*Receive from phone…*: a QR code for the phone, and each file as it arrives.

A thin shell over :class:`vault.receive.ReceiveSession`, whose server runs on its own
threads; what it reports (a phone asking, a file that arrived) comes here as queued
signals. The first phone must be accepted here after the user compared the pairing
code on both screens. Closing the dialog ends the session (off the GUI thread: a file
still arriving is finished or dropped whole).
"""

from __future__ import annotations

import io
import threading

import segno
from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.errors import sentence_for
from ui.format import format_time, kind_name
from vault.dto import ImportStatus
from vault.handle import OpenVault
from vault.receive import Arrival, ReceiveSession

QR_SCALE = 6


class _Relay(QObject):
    """Lives in the GUI thread; the server's threads emit, the dialog receives queued."""

    arrived = Signal(object)
    phone = Signal(str)


def qr_pixmap(text: str) -> QPixmap:
    """A QR code of ``text`` as a pixmap (made in memory)."""
    out = io.BytesIO()
    segno.make_qr(text, error="m").save(out, kind="png", scale=QR_SCALE, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    return pixmap


def page_language() -> str:
    """The language the phone's page is shown in: the one the window is shown in."""
    name = QLocale().name()
    if name.startswith("zh"):
        return "zh_TW" if name in {"zh_TW", "zh_HK", "zh_MO"} else "zh_CN"
    return "en"


class ReceiveDialog(QDialog):
    """Serve the upload page for ``lender`` while the dialog is open."""

    received = Signal(str)  # the lender, after each file stored

    def __init__(self, vault: OpenVault, lender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lender = lender
        self.setWindowTitle(self.tr("Receive from phone — %1").replace("%1", lender))
        self._relay = _Relay(self)
        self._relay.arrived.connect(self._arrived)
        self._relay.phone.connect(self._phone_asks)
        self.session = ReceiveSession(
            vault,
            lender,
            language=page_language(),
            on_arrival=self._relay.arrived.emit,
            on_phone=self._relay.phone.emit,
        )
        self.session.start()
        self._build()

    def _build(self) -> None:
        session = self.session
        intro = QLabel(
            self.tr(
                "On the phone, connect to the same Wi-Fi as this computer and scan this code "
                "with the camera, or type the address into the browser. The browser will warn "
                "that the certificate is unknown: it was made for this session; check that "
                "the fingerprint matches, then continue."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.qr = QLabel(self)
        self.qr.setPixmap(qr_pixmap(session.url))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.warning = QLabel(
            self.tr(
                "Warning: %1 is not a private network address. Anyone who can reach it could "
                "try to connect; prefer your home Wi-Fi."
            ).replace("%1", session.host),
            self,
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c")
        self.warning.setVisible(not session.private_network)
        self.arrivals = QTreeWidget(self)
        self.arrivals.setRootIsDecorated(False)
        self.arrivals.setHeaderLabels(
            [self.tr("File"), self.tr("Result"), self.tr("Captured"), self.tr("Time from")]
        )
        header = self.arrivals.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stop receiving"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.qr)
        side = QVBoxLayout()
        side.addWidget(intro)
        side.addLayout(self._facts())
        side.addWidget(self.warning)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._pairing())
        layout.addWidget(QLabel(self.tr("Arrived:"), self))
        layout.addWidget(self.arrivals, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)

    def _facts(self) -> QGridLayout:
        session = self.session
        self.url = QLabel(session.url, self)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel(session.pairing_code, self)
        big = QFont(self.code.font())
        big.setPointSizeF(big.pointSizeF() * 2)
        big.setBold(True)
        big.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(big)
        half = len(session.fingerprint) // 2 + 1  # 16 of the 32 bytes a line
        shown = f"{session.fingerprint[:half]}\n{session.fingerprint[half:]}"
        self.fingerprint = QLabel(shown, self)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = QGridLayout()
        rows = (
            (self.tr("Address:"), self.url),
            (self.tr("Pairing code:"), self.code),
            (self.tr("Certificate fingerprint (SHA-256):"), self.fingerprint),
        )
        for row, (label, value) in enumerate(rows):
            facts.addWidget(QLabel(label, self), row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, 1)
        facts.setColumnStretch(1, 1)
        return facts

    def _pairing(self) -> QHBoxLayout:
        self.state = QLabel(self.tr("Waiting for the phone…"), self)
        self.state.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept this phone"), self)
        self.refuse_button = QPushButton(self.tr("Refuse"), self)
        self.accept_button.clicked.connect(self._accept_phone)
        self.refuse_button.clicked.connect(self._refuse_phone)
        pairing = QHBoxLayout()
        pairing.addWidget(self.state, 1)
        pairing.addWidget(self.accept_button)
        pairing.addWidget(self.refuse_button)
        self._show_asking(False)
        return pairing

    # --- pairing ----------------------------------------------------------------------

    def _show_asking(self, asking: bool) -> None:
        self.accept_button.setVisible(asking)
        self.refuse_button.setVisible(asking)

    def _phone_asks(self, address: str) -> None:
        self.state.setText(
            self.tr("A phone at %1 opened the page. Does it show the pairing code %2?")
            .replace("%1", address)
            .replace("%2", self.session.pairing_code)
        )
        self._show_asking(True)

    def _accept_phone(self) -> None:
        self.session.accept()
        self._show_asking(False)
        self.state.setText(
            self.tr("Receiving from the phone at %1.").replace("%1", self.session.phone or "")
        )

    def _refuse_phone(self) -> None:
        self.session.refuse()
        self._show_asking(False)
        self.state.setText(self.tr("Refused. Waiting for the phone…"))

    # --- arrivals ---------------------------------------------------------------------

    def _arrived(self, arrival: Arrival) -> None:
        captured = (
            format_time(arrival.captured_at, arrival.captured_offset_min)
            if arrival.captured_at is not None
            else ""
        )
        row = QTreeWidgetItem(
            [arrival.name, self._result(arrival), captured, self._source(arrival.time_source)]
        )
        self.arrivals.addTopLevelItem(row)
        self.arrivals.scrollToItem(row)
        if arrival.status is ImportStatus.IMPORTED:
            self.received.emit(self.lender)

    def _result(self, arrival: Arrival) -> str:
        kind = kind_name(arrival.kind) if arrival.kind else ""
        if arrival.status is ImportStatus.IMPORTED:
            return self.tr("Stored (%1)").replace("%1", kind)
        if arrival.status is ImportStatus.DUPLICATE:
            return self.tr("Already in the vault")
        reason = sentence_for(arrival.code) or arrival.reason or ""
        return self.tr("Refused: %1").replace("%1", reason)

    def _source(self, source: str | None) -> str:
        return {
            "exif": self.tr("EXIF"),
            "container": self.tr("file metadata"),
            "file_name": self.tr("file name"),
            "file_mtime": self.tr("file date"),
            "import_time": self.tr("arrival time"),
            "backup_newest_row": self.tr("newest row"),
        }.get(source or "", source or "")

    # --- ending -----------------------------------------------------------------------

    def done(self, result: int) -> None:
        threading.Thread(target=self.session.stop, name="receive-stop", daemon=True).start()
        super().done(result)
