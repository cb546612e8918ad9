"""Create a vault: a passphrase (twice, with strength) and where, then the recovery key once.

Two pages. The place and the time zone have good defaults, so they sit under the
passphrase rather than on a page of their own that only says "next"; Enter in the second
passphrase field goes on. The last page shows the recovery key, saves or prints its
sheet in one click, and finishes only once the user confirms a copy is kept away from
this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.errors import message_for
from ui.tasks import op
from ui.views.recovery_sheet import RecoverySheet
from ui.views.time_zone import ZoneSetting
from vault.dto import RecoveryKey
from vault.errors import VaultError
from vault.handle import OpenVault, create_vault, recovery_key_of
from vault.location import default_vault_path
from vault.passphrase import Hint, estimate


def hint_sentence(hint: Hint) -> str:
    return {
        Hint.EMPTY: QCoreApplication.translate("CreateWizard", "Type a passphrase."),
        Hint.TOO_SHORT: QCoreApplication.translate(
            "CreateWizard", "Too short: use at least 8 characters, better several words."
        ),
        Hint.COMMON: QCoreApplication.translate(
            "CreateWizard", "This is one of the most common passwords; it is guessed first."
        ),
        Hint.REPEATED: QCoreApplication.translate(
            "CreateWizard", "Repeated characters are easy to guess."
        ),
        Hint.SEQUENCE: QCoreApplication.translate(
            "CreateWizard", "Runs like abc, 123 or qwerty are easy to guess."
        ),
        Hint.ONE_CLASS: QCoreApplication.translate(
            "CreateWizard", "Mix in capitals, digits or symbols."
        ),
        Hint.ADD_WORDS: QCoreApplication.translate(
            "CreateWizard", "Add another word or two that belong together only for you."
        ),
    }[hint]


def strength_feedback(first: str, second: str) -> tuple[int, str]:
    """The strength meter's score for ``first`` and the lines shown under it: its word,
    what would make it stronger, and whether ``second`` (typed again) differs."""
    strength = estimate(first)
    words = [
        QCoreApplication.translate("PassphrasePage", "Very weak"),
        QCoreApplication.translate("PassphrasePage", "Weak"),
        QCoreApplication.translate("PassphrasePage", "Fair"),
        QCoreApplication.translate("PassphrasePage", "Strong"),
        QCoreApplication.translate("PassphrasePage", "Very strong"),
    ]
    lines = [words[strength.score]]
    lines += [hint_sentence(h) for h in strength.hints if h is not Hint.EMPTY]
    if second and second != first:
        lines.append(
            QCoreApplication.translate("PassphrasePage", "The two passphrases are not the same.")
        )
    return strength.score, "\n".join(lines)


class LocationBox(QWidget):
    """Where the vault goes and the zone its days and nights are counted in."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(str(default_vault_path()), self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.path.textChanged.connect(self.changed)
        self.zone = ZoneSetting(self)  # the zone its days and nights are counted in
        where = QLabel(
            self.tr(
                "The vault is kept in this folder on this computer. You can copy it to a USB stick as a backup."
            ),
            self,
        )
        where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(where)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Time zone of the calls"), self))
        layout.addWidget(self.zone)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the vault"))
        if folder:
            self.path.setText(str(Path(folder) / "vault"))

    def is_complete(self) -> bool:
        return bool(self.path.text().strip())


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: CreateVaultWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(
            self.tr(
                "Several words you can remember. Nobody, not even us, can open the vault without it or the recovery key."
            )
        )
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for edit, hint in (
            (self.first, self.tr("Passphrase")),
            (self.second, self.tr("The same passphrase again")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(self._changed)
        self.second.returnPressed.connect(self._enter)  # Enter goes on, as "Next" does
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.first, self.second, self.meter, self.feedback, self.status):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(wizard.location)
        layout.addStretch(1)
        wizard.location.changed.connect(self.completeChanged)
        self._busy = False
        self._changed()

    def _changed(self) -> None:
        score, feedback = strength_feedback(self.first.text(), self.second.text())
        self.meter.setValue(score)
        self.feedback.setText(feedback)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.first.text()
        return (
            not self._busy
            and estimate(text).acceptable
            and text == self.second.text()
            and self._wizard.location.is_complete()
        )

    def _enter(self) -> None:
        if self.isComplete():
            self._wizard.next()

    def validatePage(self) -> bool:
        if self._wizard.vault is not None:
            return True
        if not self.isComplete():
            return False
        self._busy = True
        self.completeChanged.emit()
        self.status.setText(self.tr("Creating the vault… this takes a few seconds."))
        path, passphrase = Path(self._wizard.location.path.text().strip()), self.first.text()
        factor, zone = self._wizard.work_factor, self._wizard.location.zone.zone_name()
        op(
            lambda: create_vault(
                path, passphrase, work_factor=factor, time_zone=zone, isolate_kdf=True
            )
        ).success(self._created).failure(self._failed).run()
        return False

    def _created(self, result: tuple[OpenVault, str]) -> None:
        self._busy = False
        vault = self._wizard.vault = result[0]
        self._wizard.recovery_text = result[1]
        self._wizard.recovery.show_key(recovery_key_of(vault), vault.tz)
        self.status.clear()
        self._wizard.next()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.completeChanged.emit()
        if not isinstance(error, VaultError):
            raise error
        self.status.setText(message_for(error))


class RecoveryPage(QWizardPage):
    """The recovery key once, on a sheet to print or save (ui.views.recovery_sheet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(
            self.tr(
                "It is shown only now. Print it or save it as a PDF, and keep it away from this computer."
            )
        )
        self.sheet = RecoverySheet(self)
        self.warning, self.key = self.sheet.warning, self.sheet.key
        self.print_button, self.pdf_button = self.sheet.print_button, self.sheet.pdf_button
        self.not_enough = QLabel(
            self.tr(
                "A PDF on this computer alone is not enough: if the computer is lost or broken, the key goes with it."
            ),
            self,
        )
        self.not_enough.setWordWrap(True)
        self.confirm = QCheckBox(
            self.tr("I have printed the recovery key or copied it off this computer."), self
        )
        self.confirm.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet)
        layout.addStretch(1)
        layout.addWidget(self.not_enough)
        layout.addWidget(self.confirm)

    def show_key(self, recovery: RecoveryKey, tz: tzinfo | None) -> None:
        self.sheet.show_key(recovery, tz)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()

    def save_pdf(self, path: Path) -> bool:
        return self.sheet.save_pdf(path)


class CreateVaultWizard(QWizard):
    def __init__(self, parent: QWidget | None = None, *, work_factor: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create a vault"))
        self.work_factor = work_factor
        self.vault: OpenVault | None = None
        self.recovery_text = ""
        self.location = LocationBox(self)
        self.passphrase = PassphrasePage(self)
        self.recovery = RecoveryPage(self)
        for page in (self.passphrase, self.recovery):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.on_created: Callable[[OpenVault], None] | None = None
        self.resize(640, 480)

    def done(self, result: int) -> None:
        self.recovery.sheet.clear()
        self.recovery_text = ""
        if self.vault is not None and self.on_created is not None:
            self.on_created(self.vault)
        super().done(result)
