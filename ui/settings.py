"""The app's own preferences (QSettings): never evidence, never secrets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from vault.safekeeping.reminder import DEFAULT_REMIND_DAYS, DEFAULT_REMIND_ITEMS

ORGANIZATION = "EvidenceVault"
APPLICATION = "Evidence Vault"
DEFAULT_IDLE_MINUTES = 5


def new_file_in_documents(
    stem: str, suffix: str, folder: Path | None = None, numbered: str = "{stem} ({n})"
) -> Path:
    """A file name that is not taken yet, in ``folder`` (default: the user's Documents
    folder, else home): ``stem.suffix``, else ``numbered`` (``stem (2).suffix``) and so on."""
    if folder is None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{numbered.format(stem=stem, n=n)}{suffix}"
        n += 1
    return path


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    def _get(self, key: str, default: object) -> object:
        return self._s.value(key, default)

    @property
    def last_vault(self) -> Path | None:
        value = self._get("vault/last", "")
        return Path(str(value)) if value else None

    @last_vault.setter
    def last_vault(self, path: Path | None) -> None:
        self._s.setValue("vault/last", str(path) if path else "")

    @property
    def language(self) -> str:
        """'' follows the system; else a locale name such as zh_CN, zh_TW, en."""
        return str(self._get("ui/language", ""))

    @language.setter
    def language(self, name: str) -> None:
        self._s.setValue("ui/language", name)

    @property
    def idle_minutes(self) -> int:
        try:
            return max(1, int(str(self._get("safety/idle_minutes", DEFAULT_IDLE_MINUTES))))
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._s.setValue("safety/idle_minutes", int(minutes))

    @property
    def neutral_title(self) -> bool:
        return str(self._get("safety/neutral_title", "false")).lower() == "true"

    @neutral_title.setter
    def neutral_title(self, on: bool) -> None:
        self._s.setValue("safety/neutral_title", "true" if on else "false")

    @property
    def backup_remind_items(self) -> int:
        """Remind to back up once this many items came in since the last backup."""
        return self._positive("backup/remind_items", DEFAULT_REMIND_ITEMS)

    @backup_remind_items.setter
    def backup_remind_items(self, count: int) -> None:
        self._s.setValue("backup/remind_items", int(count))

    @property
    def backup_remind_days(self) -> int:
        """Remind to back up once this many days passed since the last backup."""
        return self._positive("backup/remind_days", DEFAULT_REMIND_DAYS)

    @backup_remind_days.setter
    def backup_remind_days(self, days: int) -> None:
        self._s.setValue("backup/remind_days", int(days))

    def _positive(self, key: str, default: int) -> int:
        try:
            return max(1, int(str(self._get(key, default))))
        except ValueError:
            return default

    def sync(self) -> None:
        self._s.sync()
