# mypy: disable-error-code="no-untyped-call"
"""The vault's time zone in the window, on a computer set to UTC: chosen in the create
wizard and in Settings, and used by the Case tab, its chart and the item times."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCharts import QHorizontalStackedBarSeries
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from tests.case.case_xml import MISSED, Call, write_calls
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import format as fmt
from ui.main_window import MainWindow
from ui.views.settings_dialog import SettingsDialog
from ui.views.time_zone import FIRST_ZONES, ZoneChooser, zone_label
from ui.views.vault_view import VaultView
from vault.handle import create_vault
from vault.importing import import_backup
from vault.lenders import add_lender

COLLECTOR = "17110002000"
MORNINGS = [
    Call(COLLECTOR, f"2026-03-0{d} {t}", MISSED) for d in (2, 3, 4) for t in ("06:50", "08:30")
]
MARCH_2024 = [Call(COLLECTOR, f"2024-03-{d:02d} 23:10", MISSED) for d in range(1, 8)]


@pytest.fixture
def utc_laptop() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def open_case(qtbot: QtBot, window: MainWindow, tmp_path: Path, calls: list[Call]) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "分期乐", numbers=[COLLECTOR])
    import_backup(vault, write_calls(tmp_path / "calls.xml", calls), lender="分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 1, timeout=10_000)
    view = window.vault_view
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    view.sidebar.list.setCurrentItem(row)
    view.middle_tabs.setCurrentWidget(view.case)
    qtbot.waitUntil(lambda: view.case.days.rowCount() > 0, timeout=10_000)
    return view


def cell(view: VaultView, row: int, column: int) -> str:
    item = view.case.days.item(row, column)
    return "" if item is None else item.text()


def hours_of(view: VaultView) -> dict[int, int]:
    """The by-hour chart's bars: hour -> contacts (night and daytime sets together)."""
    series = view.case.chart.chart().series()[0]
    assert isinstance(series, QHorizontalStackedBarSeries)
    night, day = series.barSets()
    order = range(23, -1, -1)
    return {h: int(night.at(i) + day.at(i)) for i, h in enumerate(order) if night.at(i) + day.at(i)}


def test_the_zone_chooser_offers_chinese_zones_first_and_finds_a_typed_name(
    qtbot: QtBot,
) -> None:
    chooser = ZoneChooser(current="Asia/Taipei")
    qtbot.addWidget(chooser)
    assert [chooser.itemData(i) for i in range(3)] == list(FIRST_ZONES)
    assert chooser.zone_name() == "Asia/Taipei"
    assert chooser.count() > 300 and chooser.findData("US/Eastern") < 0  # no old aliases
    line = chooser.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, "Asia/Tokyo")
    assert chooser.zone_name() == "Asia/Tokyo"
    line.setText("Mars/Olympus")  # not a zone: the list's choice stands
    assert chooser.zone_name() in {"Asia/Tokyo", "Asia/Taipei"}
    assert zone_label("Asia/Shanghai", QLocale("zh_CN")) == "中国标准时间（Asia/Shanghai）"
    assert zone_label("Asia/Shanghai", QLocale("en")) == "China Standard Time (Asia/Shanghai)"


def test_the_create_wizard_makes_the_vault_in_the_zone_chosen_not_the_computers(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, utc_laptop: None
) -> None:
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    zone = wizard.location.zone.chooser
    assert zone.isVisible() and zone.zone_name() == "UTC"  # the computer's, as tzlocal says
    zone.setCurrentIndex(zone.findData("Asia/Shanghai"))
    wizard.location.path.setText(str(tmp_path / "vault"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.passphrase.first, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase.second, PASSPHRASE)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    assert wizard.vault is not None and wizard.vault.tz.key == "Asia/Shanghai"
    wizard.vault.lock()


def test_on_a_utc_computer_the_case_tab_counts_and_shows_beijing_time(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, utc_laptop: None
) -> None:
    view = open_case(qtbot, window, tmp_path, MORNINGS)
    days = [cell(view, r, 0) for r in range(view.case.days.rowCount())]
    assert days == ["2026-03-04", "2026-03-03", "2026-03-02"]
    nights = [cell(view, r, 6) for r in range(3)]  # the "At night" column
    assert nights == ["1", "1", "1"]
    assert hours_of(view) == {6: 3, 8: 3}
    assert "Asia/Shanghai" in view.case.chart.chart().title()
    assert "2026-03-02 to 2026-03-04" in view.case.summary.text()
    moment = datetime(2026, 3, 1, 22, 50, tzinfo=UTC)
    assert fmt.format_time(moment) == "2026-03-02 06:50"
    assert fmt.wall_clock(moment).toString("yyyy-MM-dd HH:mm") == "2026-03-02 06:50"


def test_settings_change_the_zone_and_the_case_is_counted_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, utc_laptop: None
) -> None:
    view = open_case(qtbot, window, tmp_path, MORNINGS)
    dialog = window.edit_settings()
    assert isinstance(dialog, SettingsDialog)
    assert dialog.zone.zone_name() == "Asia/Shanghai"
    dialog.zone.chooser.setCurrentIndex(dialog.zone.chooser.findData("UTC"))
    dialog.accept()
    assert view.vault is not None
    qtbot.waitUntil(lambda: view.vault is not None and view.vault.tz.key == "UTC")
    qtbot.waitUntil(lambda: hours_of(view) == {22: 3, 0: 3}, timeout=10_000)
    assert view.case.days.rowCount() == 4  # 22:50 UTC is the day before
    assert fmt.format_time(datetime(2026, 3, 1, 22, 50, tzinfo=UTC)) == "2026-03-01 22:50"


def test_the_case_tab_says_which_calls_a_rule_not_yet_in_force_left_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    view = open_case(qtbot, window, tmp_path, MARCH_2024)
    tree = view.case.findings
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    texts = [r.text(0) for r in rows if r is not None]
    said = [t for t in texts if "date in force" in t]
    assert (
        "These calls predate the rule's date in force (2025-02-28): not counted (7 in 2024-03)."
        in said
    )
    counts = [r.text(2) for r in rows if r is not None and "date in force" in r.text(0)]
    assert counts == ["7"] * len(said)
    assert len(said) >= 3  # one per night rule: NIFA 2024, GB/T 45251-2025, CBA 2026
    assert any(t.startswith("No rule is shown broken") for t in texts)
