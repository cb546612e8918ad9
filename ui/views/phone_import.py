"""从手机导入…: a phone plugged in over USB, its evidence folders, ticked to import.

The phones and folders come from :func:`vault.ingest.phone_folders.find_phones`, looked
up off the GUI thread (listing an MTP phone is slow); the ticked folders go to the
ordinary folder import, which copies them and never changes the phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.tasks import op
from vault.ingest.phone_folders import FolderKind, PhoneStorage, Transport, find_phones

_PATH = Qt.ItemDataRole.UserRole


class PhoneImportDialog(QDialog):
    """Lists the phones found and their evidence folders; ``selected_paths`` on accept."""

    def __init__(self, roots: Sequence[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roots = roots
        self.phones: list[PhoneStorage] = []
        self.setWindowTitle(self.tr("Import from phone"))
        intro = QLabel(
            self.tr(
                "Connect the phone with its USB cable, unlock it and choose \u201cFile "
                "transfer\u201d when it asks. The folders where phones keep call "
                "recordings, screenshots and WeChat and QQ images are listed below; "
                "the ticked ones are copied into the vault, nothing on the phone changes."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Folder"), self.tr("Files")])
        self.tree.setColumnWidth(0, 420)
        self.tree.itemChanged.connect(self._update_button)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.again_button = QPushButton(self.tr("Look again"), self)
        self.again_button.clicked.connect(self.look)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("Import the ticked folders"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self.import_button.setEnabled(False)

    def look(self) -> None:
        """Find the phones again (off the GUI thread)."""
        self.again_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Looking for phones…"))
        roots = self.roots
        op(lambda: find_phones(roots)).success(self.show_phones).failure(self._broke).run()

    def show_phones(self, phones: list[PhoneStorage]) -> None:
        self.phones = phones
        self.again_button.setEnabled(True)
        self.tree.blockSignals(True)
        self.tree.clear()
        for phone in phones:
            top = QTreeWidgetItem(self.tree, [self._phone_label(phone), ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for found in phone.folders:
                row = QTreeWidgetItem(
                    top,
                    [
                        f"{self._kind_label(found.folder.kind)} · {found.folder.vendor}"
                        f"  ({found.folder.path})",
                        str(found.files),
                    ],
                )
                row.setData(0, _PATH, str(found.path))
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(
                    0, Qt.CheckState.Checked if found.files else Qt.CheckState.Unchecked
                )
            if not phone.folders:
                QTreeWidgetItem(top, [self.tr("No folder with evidence found on it."), ""])
            top.setExpanded(True)
        self.tree.blockSignals(False)
        if not phones:
            self.status.setText(
                self.tr(
                    "No phone found. Check the cable, unlock the phone and choose "
                    "\u201cFile transfer\u201d, then look again."
                )
            )
        else:
            total = sum(f.files for p in phones for f in p.folders)
            self.status.setText(self.tr("%1 files in the folders found.").replace("%1", str(total)))
        self._update_button()

    def selected_paths(self) -> list[Path]:
        """The ticked folders, in the order shown."""
        paths: list[Path] = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            rows = [top.child(n) for n in range(top.childCount())] if top is not None else []
            for row in rows:
                path = row.data(0, _PATH) if row is not None else None
                if row is not None and path and row.checkState(0) == Qt.CheckState.Checked:
                    paths.append(Path(path))
        return paths

    def _update_button(self, *_args: object) -> None:
        self.import_button.setEnabled(bool(self.selected_paths()))

    def _broke(self, _error: BaseException) -> None:
        self.again_button.setEnabled(True)
        self.status.setText(self.tr("The phone could not be read. Look again."))

    def _phone_label(self, phone: PhoneStorage) -> str:
        how = (
            self.tr("over USB (MTP)")
            if phone.transport is Transport.MTP
            else self.tr("as a USB drive")
        )
        return f"{phone.name} — {how}"

    def _kind_label(self, kind: FolderKind) -> str:
        return {
            FolderKind.CALL_RECORDINGS: self.tr("Call recordings"),
            FolderKind.SCREENSHOTS: self.tr("Screenshots"),
            FolderKind.CHAT_IMAGES: self.tr("Chat images"),
        }[kind]
