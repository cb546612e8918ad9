"""Trusted time: the vault's timestamp servers, what waits for a stamp, "Timestamp now".

A thin view over ``vault.trusted_time``. After every import the vault signs a checkpoint
of everything in it; a timestamp server (RFC 3161) then confirms that the checkpoint
existed at a time it vouches for. Sending happens only when the user asks here or
exports a bundle: nothing goes on the network behind the user's back.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui.errors import show_error
from ui.format import format_time
from ui.tasks import op
from vault.dto import StampReport, TimestampTokenDTO, TsaDTO
from vault.handle import OpenVault
from vault.trusted_time import servers, stamping


@dataclass(frozen=True)
class TimeState:
    tsas: tuple[TsaDTO, ...]
    pending: int
    last_token: TimestampTokenDTO | None
    last_error: str | None


def read_state(vault: OpenVault) -> TimeState:
    stamped = stamping.tokens(vault)
    return TimeState(
        tsas=tuple(servers.tsa_list(vault)),
        pending=stamping.pending_count(vault),
        last_token=stamped[-1] if stamped else None,
        last_error=stamping.last_error(vault),
    )


class TrustedTimeDialog(QDialog):
    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(self.tr("Trusted time"))
        intro = QLabel(
            self.tr(
                "After every import the vault signs a checkpoint of all its evidence. A "
                "timestamp server on the internet can confirm that the checkpoint existed "
                "at a given time, which shows the files were not made later. Only a hash "
                "is sent, never the evidence."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.state = QLabel(self.tr("Reading…"), self)
        self.state.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.servers = QListWidget(self)
        self.add_button = QPushButton(self.tr("Add a server…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.stamp_button = QPushButton(self.tr("Timestamp now"), self)
        self.add_button.clicked.connect(self._ask_add)
        self.remove_button.clicked.connect(self._remove)
        self.stamp_button.clicked.connect(self.stamp_now)
        self.servers.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.servers.selectedItems()))
        )
        self.remove_button.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.stamp_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.state)
        layout.addWidget(QLabel(self.tr("Timestamp servers, asked in this order:"), self))
        layout.addWidget(self.servers, 1)
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        layout.addWidget(close)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        if not isValid(self):
            return
        vault = self.vault
        op(lambda: read_state(vault)).success(self._show).failure(self._fail).run()

    def state_sentence(self, state: TimeState) -> str:
        if state.last_token is not None:
            token = state.last_token
            text = (
                self.tr("Last timestamp: %1, by %2.")
                .replace("%1", format_time(token.gen_time))
                .replace("%2", token.tsa_name)
            )
        else:
            text = self.tr("No timestamp yet.")
        if state.pending:
            text += " " + self.tr("%n checkpoint(s) wait for a timestamp.", "", state.pending)
        else:
            text += " " + self.tr("Nothing waits for a timestamp.")
        return text

    def _alive(self) -> bool:
        """False once the dialog is closed (a lock closes it) while an op still runs."""
        return isValid(self) and isValid(self.state) and self.isVisible()

    def _show(self, state: TimeState) -> None:
        if not self._alive():
            return
        self.state.setText(self.state_sentence(state))
        self.servers.clear()
        self.servers.addItems([tsa.url for tsa in state.tsas])
        self.stamp_button.setEnabled(bool(state.tsas))

    def _fail(self, error: BaseException) -> None:
        if self._alive():
            show_error(self, error)

    def _ask_add(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Add a timestamp server"), self.tr("Address (http:// or https://):")
        )
        if ok and url.strip():
            self.add_server(url.strip())

    def add_server(self, url: str) -> None:
        vault = self.vault
        op(lambda: servers.add_tsa(vault, url)).success(lambda _l: self.refresh()).failure(
            self._fail
        ).run()

    def _remove(self) -> None:
        rows = self.servers.selectedItems()
        if rows:
            vault, url = self.vault, rows[0].text()
            op(lambda: servers.remove_tsa(vault, url)).success(lambda _l: self.refresh()).failure(
                self._fail
            ).run()

    def stamp_now(self) -> None:
        """Send the newest waiting checkpoint now, whatever the retry schedule says."""
        vault = self.vault
        self.stamp_button.setEnabled(False)
        self.outcome.setText(self.tr("Asking the timestamp servers…"))
        op(lambda: stamping.stamp_pending(vault, force=True)).success(self._stamped).failure(
            self._fail
        ).run()

    def _stamped(self, report: StampReport) -> None:
        if not self._alive():
            return
        if report.stamped:
            token = report.stamped[0]
            self.outcome.setText(
                self.tr("Timestamped by %1 at %2.")
                .replace("%1", token.tsa_name)
                .replace("%2", format_time(token.gen_time))
            )
        elif not report.attempted:
            self.outcome.setText(self.tr("Every checkpoint already has its timestamp."))
        else:
            self.outcome.setText(
                self.tr(
                    "No timestamp server answered. The checkpoint stays in the queue; try "
                    "again when online."
                )
            )
            self.outcome.setToolTip("\n".join(report.failures))
        self.refresh()
