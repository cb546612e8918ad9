"""Choosing the vault's time zone: a searchable list of zone names, Chinese zones first.

The vault counts days, nights and hours in its own zone (``vault.time_zone``), not in
the computer's: a laptop set to UTC would otherwise move a 06:50 Beijing call to 22:50
of the day before. The create wizard and Settings both use :class:`ZoneChooser`; its
default is the computer's zone as ``tzlocal`` finds it.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QByteArray, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QVBoxLayout, QWidget

from ui import format as fmt
from ui.tasks import op
from vault.handle import OpenVault
from vault.time_zone import set_time_zone
from vault.times import system_zone

FIRST_ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei")


def zone_label(name: str, locale: QLocale | None = None) -> str:
    """ "中国标准时间（Asia/Shanghai）": the zone's name in the user's language, and its key."""
    zone = QTimeZone(QByteArray(name.encode()))
    shown = ""
    if zone.isValid():
        shown = zone.displayName(
            QTimeZone.TimeType.GenericTime, QTimeZone.NameType.LongName, locale or QLocale()
        )
    if not shown or shown == name:
        return name
    chinese = (locale or QLocale()).language() == QLocale.Language.Chinese
    return f"{shown}（{name}）" if chinese else f"{shown} ({name})"


def _legacy(name: str) -> bool:
    """Old aliases ("US/Eastern", "Etc/GMT+8", "PRC") that only repeat a real zone."""
    return name.split("/", 1)[0] in {
        "Etc",
        "US",
        "SystemV",
        "posix",
        "right",
        "Brazil",
        "Canada",
        "Chile",
        "Mexico",
    }


class ZoneChooser(QComboBox):
    """An editable combo of every zone this computer knows: type "上海", "Tokyo" or
    "New_York" to narrow the list. :meth:`zone_name` is the chosen zone's key."""

    def __init__(self, parent: QWidget | None = None, *, current: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        known = available_timezones()
        names = [n for n in FIRST_ZONES if n in known]
        names += sorted(n for n in known if n == "UTC" or ("/" in n and not _legacy(n)))
        for name in names:
            self.addItem(zone_label(name), name)
        self.insertSeparator(len([n for n in FIRST_ZONES if n in known]))
        completer = QCompleter(self.model(), self)  # "上海" finds "…（Asia/Shanghai）"
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._completed)
        self.setCompleter(completer)
        self.set_zone_name(current or system_zone().key)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def _completed(self, text: str) -> None:
        index = self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)

    def set_zone_name(self, name: str) -> None:
        index = self.findData("UTC" if name in {"Etc/UTC", "Etc/UCT", "UCT", "Zulu"} else name)
        if index < 0 and name in available_timezones():  # an alias left out of the list
            self.addItem(zone_label(name), name)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def zone_name(self) -> str:
        """The chosen zone; what was typed, if it names one exactly, else the list's choice."""
        typed = self.currentText().strip()
        index = self.findText(typed)
        if index >= 0:
            return str(self.itemData(index))
        return typed if typed in available_timezones() else str(self.currentData() or "")


class ZoneSetting(QWidget):
    """The chooser with one sentence of why it matters; for the wizard and Settings."""

    def __init__(self, parent: QWidget | None = None, *, current: str | None = None) -> None:
        super().__init__(parent)
        self.chooser = ZoneChooser(self, current=current)
        self.note = QLabel(
            self.tr(
                "Days, night-time calls and the by-hour chart are counted in this zone. "
                "Choose where the calls happen (for mainland China: China Standard Time), "
                "even if this computer is set to another zone."
            ),
            self,
        )
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser)
        layout.addWidget(self.note)

    def zone_name(self) -> str:
        return self.chooser.zone_name()


def apply_zone(vault: OpenVault, name: str, done: Callable[[], None] | None = None) -> None:
    """Make ``name`` the vault's zone off the GUI thread (it re-times every backup event),
    then show times in it; ``done`` runs afterwards."""
    if name == vault.tz.key:
        return

    def finished(zone: ZoneInfo) -> None:
        fmt.set_zone(zone)
        if done is not None:
            done()

    op(lambda: set_time_zone(vault, name)).success(finished).run()


__all__ = ["FIRST_ZONES", "ZoneChooser", "ZoneSetting", "apply_zone", "zone_label"]
