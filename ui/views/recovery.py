"""A forgotten passphrase is no dead end: unlock with the recovery key and choose a new
passphrase; change the passphrase; show the recovery key again (after the passphrase).

Each dialog runs its scrypt work through ``ui.tasks`` (the KDF in a child process); a
wrong key or passphrase is said in one sentence under the fields and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.errors import message_for
from ui.tasks import op
from ui.views.create_wizard import strength_feedback
from ui.views.recovery_sheet import RecoverySheet, fixed_font
from vault.dto import RecoveryKey
from vault.errors import VaultError
from vault.handle import (
    OpenVault,
    change_passphrase,
    show_recovery_key,
    unlock_with_recovery_key,
)
from vault.passphrase import estimate


def _secret(parent: QWidget, placeholder: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class NewPassphrase(QWidget):
    """A new passphrase typed twice, with the same strength advice as the create wizard."""

    def __init__(self, parent: QWidget, changed: Callable[[], None]) -> None:
        super().__init__(parent)
        self.first = _secret(self, self.tr("New passphrase"))
        self.second = _secret(self, self.tr("The same passphrase again"))
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.first, self.second, self.meter, self.feedback):
            layout.addWidget(widget)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._update)
            edit.textChanged.connect(changed)
        self._update()

    def _update(self) -> None:
        score, feedback = strength_feedback(self.first.text(), self.second.text())
        self.meter.setValue(score)
        self.feedback.setText(feedback)

    def acceptable(self) -> bool:
        text = self.first.text()
        return estimate(text).acceptable and text == self.second.text()

    def text(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class _WorkDialog(QDialog):
    """A form whose OK runs one vault call off the GUI thread; errors stay in the form."""

    def __init__(self, parent: QWidget | None, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        self.busy = False

    def ready(self) -> bool:
        raise NotImplementedError

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def finished_work(self, result: object) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        self.ok_button.setEnabled(not self.busy and self.ready())

    def _start(self) -> None:
        if self.busy or not self.ready():
            return
        self.busy = True
        self._changed()
        self.status.setText(
            QCoreApplication.translate("RecoveryDialogs", "Working… this takes a few seconds.")
        )
        op(self.work()).success(self._succeeded).failure(self._failed).run()

    def _succeeded(self, result: object) -> None:
        self.busy = False
        self.status.clear()
        self.finished_work(result)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._changed()
        if not isinstance(error, VaultError):
            self.status.clear()
            raise error
        self.status.setText(message_for(error))


class RecoveryUnlockDialog(_WorkDialog):
    """Forgot the passphrase: the recovery key opens the vault, then a new passphrase."""

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        work_factor: int | None = None,
        on_unlocked: Callable[[OpenVault], None] | None = None,
    ) -> None:
        super().__init__(parent, self.tr("Unlock and set the new passphrase"))
        self.path = path
        self.work_factor = work_factor
        self.on_unlocked = on_unlocked
        self.setWindowTitle(self.tr("Unlock with the recovery key"))
        intro = QLabel(
            self.tr(
                "Type or paste the recovery key from your recovery sheet (it starts with AGE-SECRET-KEY-1). Then choose a new passphrase: the old one stops working."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key = QPlainTextEdit(self)
        self.key.setFont(fixed_font())
        self.key.setPlaceholderText("AGE-SECRET-KEY-1…")
        self.key.setTabChangesFocus(True)
        self.key.setFixedHeight(self.key.fontMetrics().lineSpacing() * 3 + 12)
        self.key.textChanged.connect(self._changed)
        self.new = NewPassphrase(self, self._changed)
        layout = QVBoxLayout(self)
        for widget in (intro, self.key, self.new, self.status, self.buttons):
            layout.addWidget(widget)
        self._changed()

    def ready(self) -> bool:
        return bool(self.key.toPlainText().strip()) and self.new.acceptable()

    def work(self) -> Callable[[], object]:
        path, key, new, factor = (
            self.path,
            self.key.toPlainText(),
            self.new.text(),
            self.work_factor,
        )
        return lambda: unlock_with_recovery_key(
            path, key, new, work_factor=factor, isolate_kdf=True
        )

    def finished_work(self, result: object) -> None:
        assert isinstance(result, OpenVault)  # noqa: S101 - what work() returns
        self._forget()
        if self.on_unlocked is not None:
            self.on_unlocked(result)
        self.accept()
        dialogs.inform(
            self.parentWidget(),
            self.tr("Passphrase changed"),
            self.tr("The vault is open. From now on, unlock it with the new passphrase."),
        )

    def _forget(self) -> None:
        self.key.clear()
        self.new.clear()

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)


class ChangePassphraseDialog(_WorkDialog):
    """Settings → change the passphrase: the current one, then the new one twice."""

    def __init__(
        self, vault: OpenVault, parent: QWidget | None = None, *, work_factor: int | None = None
    ) -> None:
        super().__init__(parent, self.tr("Change the passphrase"))
        self.vault = vault
        self.work_factor = work_factor
        self.setWindowTitle(self.tr("Change the passphrase"))
        intro = QLabel(
            self.tr(
                "Type the passphrase you use now, then the new one twice. Your recovery key and recovery sheet stay valid."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.current = _secret(self, self.tr("Current passphrase"))
        self.current.textChanged.connect(self._changed)
        self.new = NewPassphrase(self, self._changed)
        layout = QVBoxLayout(self)
        for widget in (intro, self.current, self.new, self.status, self.buttons):
            layout.addWidget(widget)
        self._changed()

    def ready(self) -> bool:
        return bool(self.current.text()) and self.new.acceptable()

    def work(self) -> Callable[[], object]:
        vault, current, new = self.vault, self.current.text(), self.new.text()
        factor = self.work_factor
        return lambda: change_passphrase(vault, current, new, work_factor=factor, isolate_kdf=True)

    def finished_work(self, result: object) -> None:
        self.accept()
        dialogs.inform(
            self.parentWidget(),
            self.tr("Passphrase changed"),
            self.tr(
                "The passphrase was changed. Use the new one from now on; your recovery key stays the same."
            ),
        )

    def done(self, result: int) -> None:
        self.current.clear()
        self.new.clear()
        super().done(result)


class ShowRecoveryKeyDialog(_WorkDialog):
    """Settings → show the recovery key again, once the passphrase is typed again."""

    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Show the recovery key"))
        self.vault = vault
        self.setWindowTitle(self.tr("Show the recovery key again"))
        self.intro = QLabel(
            self.tr("Type your passphrase to see the recovery key and make a new recovery sheet."),
            self,
        )
        self.intro.setWordWrap(True)
        self.passphrase = _secret(self, self.tr("Passphrase"))
        self.passphrase.textChanged.connect(self._changed)
        self.passphrase.returnPressed.connect(self._start)
        self.sheet = RecoverySheet(self)
        self.sheet.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        self.close_button.hide()
        layout = self._layout = QVBoxLayout(self)
        for widget in (self.intro, self.passphrase, self.status, self.sheet):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self._changed()

    def ready(self) -> bool:
        return bool(self.passphrase.text())

    def work(self) -> Callable[[], object]:
        vault, passphrase = self.vault, self.passphrase.text()
        return lambda: show_recovery_key(vault, passphrase, isolate_kdf=True)

    def finished_work(self, result: object) -> None:
        assert isinstance(result, RecoveryKey)  # noqa: S101 - what work() returns
        self.passphrase.clear()
        for widget in (self.intro, self.passphrase, self.buttons):
            widget.hide()
        self.sheet.show_key(result, self.vault.tz)
        self.sheet.show()
        self.close_button.show()
        self.close_button.setDefault(True)
        self._layout.activate()
        self.resize(self.size().expandedTo(self.minimumSizeHint()))  # the whole key, unscrolled

    def done(self, result: int) -> None:
        self.passphrase.clear()
        self.sheet.clear()
        super().done(result)
