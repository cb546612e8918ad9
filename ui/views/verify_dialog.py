"""Verify an evidence bundle in the app: 核验证据包.

Needs no vault (the welcome page offers it to a receiver who installed the app only for
this) and changes nothing. ``vault.bundle.verify.verify_bundle`` runs on the worker
(``ui.tasks``) with progress and cancel; what it finds is said in plain, translated
sentences keyed by the verifier's own codes (step names, item statuses, time statuses),
and the exact text of ``evault verify`` (``vault.bundle.verify_report``), in the
window's language, is under "Technical details". The rules are the command's: name what failed, and say that a
valid bundle proves its files unchanged since they were signed by a key that travels
inside it, so the fingerprint must be compared with one the sender gives another way.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.errors import message_for, show_error
from ui.format import format_time
from ui.tasks import op
from ui.views.layout import enlarge
from vault.bundle import verify_time
from vault.bundle.verify import (
    ALTERED,
    INTACT,
    MISSING,
    TimedVerification,
    verify_bundle,
)
from vault.bundle.verify_context import TimeFinding
from vault.bundle.verify_report import verification_lines
from vault.dto import VerifyProgress
from vault.errors import VaultError

GOOD, BAD = "#1b5e20", "#b71c1c"


class VerifyBundleDialog(QDialog):
    """Choose a ZIP, check it, read the answer. ``verify_path`` starts a check; ``verification`` is the last answer."""

    verified = Signal(object)  # the TimedVerification, once shown

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyBundleDialog")
        # The technical details speak the window's language, as evault verify does.
        self.language = language or i18n.current_language()
        self.setWindowTitle(self.tr("Verify an evidence bundle"))
        self.verification: TimedVerification | None = None
        self._cancel: threading.Event | None = None
        intro = QLabel(
            self.tr(
                "Choose the ZIP file of an evidence bundle. The check only reads it: it "
                "changes nothing and needs no vault."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("The bundle's ZIP file"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setDefault(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        enlarge(self.verdict, 1.25)
        self.facts = QLabel(self)
        self.facts.setObjectName("facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = QTreeWidget(self)
        self.items.setRootIsDecorated(False)
        self.items.setHeaderLabels(
            [self.tr("No."), self.tr("File"), self.tr("File check"), self.tr("Trusted time")]
        )
        header = self.items.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.details_button = QPushButton(self.tr("Technical details"), self)
        self.details_button.setCheckable(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self.details.setVisible)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose)
        self.verify_button.clicked.connect(
            lambda: self.verify_path(Path(self.path.text().strip()).expanduser())
        )
        self.path.textChanged.connect(
            lambda text: self.verify_button.setEnabled(bool(text.strip()))
        )
        self.cancel_button.clicked.connect(self.cancel)
        self._layout(intro)
        self._running(False)
        self.verify_button.setEnabled(False)
        self._clear()
        self.resize(self.sizeHint().expandedTo(QSize(760, 560)))

    def _layout(self, intro: QLabel) -> None:
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose_button)
        where.addWidget(self.verify_button)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(where)
        column.addLayout(running)
        column.addWidget(self.verdict)
        column.addWidget(self.facts)
        column.addWidget(self.items, 1)
        column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.details, 1)
        column.addWidget(self.buttons)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the bundle"), self.path.text(), self.tr("ZIP files (*.zip)")
        )
        if chosen:
            self.verify_path(Path(chosen))

    # --- running ------------------------------------------------------------------------------

    def verify_path(self, path: Path) -> None:
        """Check the bundle at ``path`` on the worker; the answer fills the dialog."""
        if self._cancel is not None:
            return  # one check at a time
        self.path.setText(str(path))
        self._clear()
        self.verdict.setText(self.tr("Checking the bundle…"))
        cancel = self._cancel = threading.Event()
        self._running(True)

        def work(progress: object) -> TimedVerification:
            return verify_bundle(path, progress=progress, cancel=cancel)  # type: ignore[arg-type]

        op(work).with_progress(self._progressed).success(self._show).failure(self._failed).owned_by(
            self
        ).run()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def running(self) -> bool:
        return self._cancel is not None

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.verify_button.setEnabled(not running and bool(self.path.text().strip()))
        self.choose_button.setEnabled(not running)
        self.path.setReadOnly(running)
        if running:
            self.progress.setRange(0, 0)

    def _progressed(self, value: object) -> None:
        if not isinstance(value, VerifyProgress):
            return
        if value.files_total:
            self.progress.setRange(0, value.files_total)
            self.progress.setValue(value.files_done)
            self.progress.setFormat(
                self.tr("File %1 of %2")
                .replace("%1", str(value.files_done))
                .replace("%2", str(value.files_total))
            )
        else:
            self.progress.setRange(0, max(value.steps_total, 1))
            self.progress.setValue(value.steps_done)
            self.progress.setFormat(
                self.tr("Step %1 of %2")
                .replace("%1", str(value.steps_done + 1))
                .replace("%2", str(value.steps_total))
            )

    def _failed(self, error: BaseException) -> None:
        self._cancel = None
        self._running(False)
        if isinstance(error, VaultError):
            self._say(message_for(error), None)
        else:
            self.verdict.setText("")
            show_error(self, error)

    def reject(self) -> None:
        self.cancel()  # a closed dialog's check stops at its next file
        super().reject()

    # --- the answer ---------------------------------------------------------------------------

    def _clear(self) -> None:
        self.verification = None
        self.verdict.setText("")
        self.verdict.setStyleSheet("")
        self.facts.setText("")
        self.items.clear()
        self.details.setPlainText("")

    def _say(self, text: str, good: bool | None) -> None:
        self.verdict.setText(text)
        color = "" if good is None else f"color: {GOOD if good else BAD};"
        self.verdict.setStyleSheet(color)

    def _show(self, result: TimedVerification) -> None:
        self._cancel = None
        self._running(False)
        self.verification = result
        if result.valid:
            self._say(
                self.tr(
                    "The bundle is intact: all %1 files are exactly as they were when it was "
                    "signed."
                ).replace("%1", str(result.items)),
                True,
            )
        else:
            self._say(
                self.tr(
                    "The bundle is NOT intact: something in it was changed, removed or added "
                    "after it was signed. Do not rely on the files marked below."
                ),
                False,
            )
        self.facts.setText("\n\n".join(self._facts(result)))
        times = {t.number: t for t in result.item_times}
        for item in result.item_files:
            time = times.get(item.number)
            row = QTreeWidgetItem(
                [
                    str(item.number),
                    item.path,
                    self.item_status(item.status),
                    self._time_text(time) if time is not None else "",
                ]
            )
            row.setToolTip(1, item.path)
            if item.status != INTACT:
                row.setForeground(2, Qt.GlobalColor.red)
            self.items.addTopLevelItem(row)
        self.details.setPlainText("\n".join(verification_lines(result, None, self.language)))
        self.verified.emit(result)

    def item_status(self, status: str) -> str:
        if status == INTACT:
            return self.tr("Intact")
        if status == ALTERED:
            return self.tr("Altered")
        if status == MISSING:
            return self.tr("Missing")
        return self.tr("Not checked")

    def _facts(self, result: TimedVerification) -> list[str]:
        said = [self.step_sentence(c.name) for c in result.checks if not c.ok]
        if result.signer_fingerprint and any(c.name == "signature" and c.ok for c in result.checks):
            said.append(
                self.tr(
                    "Signed by the key with fingerprint %1. That key travels inside the "
                    "bundle, so anyone could make a bundle with a key of their own: compare "
                    "the fingerprint with one the sender gives you another way (in person, "
                    "by phone)."
                ).replace("%1", result.signer_fingerprint)
            )
        if result.bundle_time is not None:
            said.append(self._bundle_time_text(result.bundle_time))
        if result.valid and result.item_times and result.items_with_time == 0:
            said.append(
                self.tr(
                    "No trusted time is proven for any file: when they existed is not proven, "
                    "only that they are unchanged since they were signed."
                )
            )
        return said

    def step_sentence(self, name: str) -> str:
        """What a failed step of ``vault.bundle.verify.STEPS`` means, in plain words."""
        sentences = {
            "archive": self.tr("The file holds bytes that are not part of the bundle."),
            "signature": self.tr(
                "The signature does not hold: the list of hashes (SHA256SUMS) was changed or "
                "not signed by the key in the bundle, so no file in it can be trusted."
            ),
            "manifest": self.tr(
                "The description of the evidence (manifest.json) does not agree with the files."
            ),
            "files": self.tr("Some files differ from the list of hashes (SHA256SUMS)."),
            "custody": self.tr("The record of what happened to each file is broken."),
            "time": self.tr("A time proof in the bundle does not hold."),
            "bundle_timestamp": self.tr(
                "The bundle's own timestamp (SHA256SUMS.tsr) does not hold."
            ),
        }
        return sentences.get(name, self.tr("The check “%1” failed.").replace("%1", name))

    def _time_text(self, finding: TimeFinding) -> str:
        if finding.status == verify_time.PROVEN and finding.existed_by is not None:
            return (
                self.tr("Existed by %1 (%2)")
                .replace("%1", format_time(finding.existed_by))
                .replace("%2", finding.tsa_name or "")
            )
        if finding.status == verify_time.UNTRUSTED:
            return self.tr("Timestamp of a server not trusted on this computer")
        if finding.status == verify_time.INVALID:
            return self.tr("Time proof does not hold")
        return self.tr("No trusted time")

    def _bundle_time_text(self, finding: TimeFinding) -> str:
        if finding.status == verify_time.PROVEN and finding.existed_by is not None:
            return (
                self.tr("The whole bundle was timestamped at %1 by %2.")
                .replace("%1", format_time(finding.existed_by))
                .replace("%2", finding.tsa_name or "")
            )
        if finding.status == verify_time.UNTRUSTED:
            return self.tr("The bundle has a timestamp from a server this computer does not trust.")
        if finding.status == verify_time.INVALID:
            return self.tr("The bundle's timestamp does not hold.")
        return self.tr("The bundle has no timestamp of its own; it can be checked without one.")


def open_verify_dialog(parent: QWidget | None, path: Path | None = None) -> VerifyBundleDialog:
    """Show the dialog (window-modal to ``parent``) and check ``path`` if given."""
    dialog = VerifyBundleDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    if path is not None:
        dialog.verify_path(path)
    return dialog
