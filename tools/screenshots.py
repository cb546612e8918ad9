"""Render each main screen of the app in en, zh_CN and zh_TW to PNG files (see tools/screenshots)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from ui import i18n, tasks
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.views.add_lender import AddLenderDialog
from ui.views.settings_dialog import SettingsDialog
from vault.bundle.export import ExportRequest, export_bundle
from vault.case.complaints import add_complaint
from vault.demo.backup_sample import collector_numbers, write_calls
from vault.importing import import_backup, import_paths
from vault.items import edit_item
from vault.lenders import add_lender, add_lender_numbers
from vault.notes import add_note

PASSPHRASE = "screenshots only, a throw-away vault"  # noqa: S105
LANGUAGES = ("en", "zh_CN", "zh_TW")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def make_evidence(folder: Path) -> list[Path]:
    """A chat screenshot with a threat, a spoken call recording, a text message export."""
    folder.mkdir()
    shot = folder / "Screenshot_2025-03-14-10-20-00-123_com.tencent.mm.png"
    image = Image.new("RGB", (540, 960), (237, 237, 237))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 28) if Path(FONT).exists() else ImageFont.load_default()
    draw.rectangle((0, 0, 540, 80), fill=(60, 60, 60))
    draw.text((20, 20), "138****8000", fill=(255, 255, 255), font=font)
    for n, line in enumerate(("今天不还钱", "明天就去你家找你父母", "你的通讯录我们都有")):
        top = 140 + n * 120
        draw.rounded_rectangle((20, top, 470, top + 80), 12, fill=(255, 255, 255))
        draw.text((40, top + 20), line, fill=(20, 20, 20), font=font)
    image.save(shot)
    files = [shot]
    if shutil.which("espeak-ng") and shutil.which("ffmpeg"):
        wav = folder / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-v", "cmn", "-w", str(wav), "你再不还钱我们就上门"],
            check=True,
            capture_output=True,
        )
        call = folder / "Call recording 13800138000_20250314_101530.m4a"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), "-c:a", "aac", str(call)],
            check=True,
        )
        wav.unlink()
        files.append(call)
    sms = folder / "短信_2025-03-15.txt"
    sms.write_text(
        "【催收】你已逾期 45 天，今天 18 点前不处理，将联系你的单位和家人。", encoding="utf-8"
    )
    files.append(sms)
    return files


def settle(app: QApplication, until: Callable[[], bool] = lambda: True, rounds: int = 400) -> None:
    for _ in range(rounds):
        app.processEvents()
        if until() and tasks.worker().idle():
            break
        QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
    for _ in range(20):
        app.processEvents()


def shoot(widget: QWidget, out: Path) -> None:
    widget.grab().save(str(out))
    print(out)


def run(lang: str, out: Path, work: Path) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise SystemExit("no QApplication")
    i18n.install(lang)
    settings = Settings(QSettings(str(work / f"{lang}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, work_factor=10)
    window.resize(1280, 800)
    window.show()
    settle(app)
    shoot(window, out / f"{lang}-01-welcome.png")
    wizard = window.start_create()
    settle(app)
    wizard.passphrase.first.setText("correct horse")
    wizard.passphrase.second.setText("correct horse")
    settle(app)
    shoot(wizard, out / f"{lang}-02-passphrase.png")
    wizard.location.path.setText(str(work / f"vault-{lang}"))
    wizard.passphrase.first.setText(PASSPHRASE)
    wizard.passphrase.second.setText(PASSPHRASE)
    wizard.next()
    settle(app, lambda: wizard.currentPage() is wizard.recovery)
    shoot(wizard, out / f"{lang}-03-recovery-key.png")
    wizard.recovery.save_pdf(work / f"recovery-{lang}.pdf")
    settle(app)
    shoot(wizard, out / f"{lang}-03b-recovery-sheet-saved.png")
    wizard.recovery.confirm.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(app, lambda: window.vault is not None)
    vault = window.vault
    if vault is None:
        raise SystemExit("the vault was not created")
    empty_screens(app, window, lang, out)
    for name in ("借呗", "微粒贷", "京东金融"):
        add_lender(vault, name)
    report = import_paths(vault, make_evidence(work / f"evidence-{lang}"), lender="微粒贷")
    ids = [r.item_id for r in report.results if r.item_id]
    edit_item(
        vault,
        ids[0],
        {
            "title": "微信里威胁上门",
            "categories": ["threats", "home_visit"],
            "purpose": "证明催收人员威胁上门并骚扰父母",
        },
    )
    add_note(vault, "微粒贷", "下午三点两名男子到小区门口，自称微粒贷外访人员。")
    collectors = collector_numbers(6)
    add_lender_numbers(vault, "微粒贷", collectors)
    calls = work / f"calls-{lang}.xml"
    write_calls(calls, 1500, days=14, numbers=[*collectors, "13900001111"])
    import_backup(vault, calls, lender="微粒贷")
    add_complaint(
        vault,
        "微粒贷",
        channel="12378",
        filed_on=date(2026, 2, 15),
        reference="TS2026-0042",
        next_follow_up=date.today() - timedelta(days=1),
        notes="客服说七个工作日内回复",
    )
    add_complaint(
        vault, "微粒贷", channel="nifa", filed_on=date(2026, 2, 16), status="acknowledged"
    )
    window.vault_view.refresh("微粒贷")
    settle(app, lambda: window.vault_view.sidebar.current() == "微粒贷")
    receive_screen(app, window, lang, out, work)
    phone_import_screen(app, window, lang, out, work)
    import_banner_screen(app, window, lang, out, len(ids) + 2)
    vault_screens(app, window, lang, out, len(ids) + 3)


def vault_screens(app: QApplication, window: MainWindow, lang: str, out: Path, count: int) -> None:
    view = window.vault_view
    settle(app, lambda: view.model.rowCount() == count)
    kinds = [getattr(view.model.item_at(r), "kind", "") for r in range(view.model.rowCount())]
    row = kinds.index("screenshot")
    view.table.selectRow(row)
    settle(app, lambda: view.detail.preview.currentWidget() is view.detail.preview.image)
    shoot(window, out / f"{lang}-04-main-image.png")
    view.detail.setCurrentIndex(1)
    settle(app)
    shoot(window, out / f"{lang}-05-details.png")
    machine_text_screen(app, window, lang, out)
    recording = [r for r, kind in enumerate(kinds) if kind == "recording"]
    if recording:
        view.table.selectRow(recording[0])
        view.detail.setCurrentIndex(0)
        settle(
            app,
            lambda: (
                view.detail.preview.currentWidget() is view.detail.preview.media
                and view.detail.preview.media.player.duration() > 0
            ),
        )
        shoot(window, out / f"{lang}-06-recording.png")
        transcript_screen(app, window, lang, out)
        view.detail.setCurrentIndex(2)
        settle(app)
        shoot(view.detail, out / f"{lang}-07-history.png")
    view.middle_tabs.setCurrentIndex(1)
    settle(app)
    shoot(window, out / f"{lang}-08-notes.png")
    view.middle_tabs.setCurrentIndex(0)
    dialog = window.edit_settings()
    settle(app)
    shoot(dialog, out / f"{lang}-09-settings.png")
    recovery_screens(app, dialog, lang, out)
    dialog.reject()
    export = view.export_bundle()
    if export is not None:
        settle(app)
        shoot(export, out / f"{lang}-11-export.png")
        export.reject()
    trusted_time_screen(app, window, lang, out)
    case_screens(app, window, lang, out)
    verify_screen(app, window, lang, out)
    backup_screens(app, window, lang, out, count)
    window.lock()
    settle(app)
    shoot(window, out / f"{lang}-10-unlock.png")
    forgot = window.start_recovery(window.unlock.path or Path())
    settle(app)
    shoot(forgot, out / f"{lang}-21-recovery-unlock.png")
    forgot.reject()
    window.close()
    window.deleteLater()
    settle(app)


def machine_text_screen(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    """The text read from the screenshot, its phrases highlighted with what they suggest."""
    view = window.vault_view
    titles = [getattr(view.model.item_at(r), "title", "") for r in range(view.model.rowCount())]
    view.table.selectRow(titles.index("微信里威胁上门"))
    detail = view.detail
    panel = detail.machine_text
    settle(app, lambda: "通讯录" in panel.text.toPlainText(), rounds=6000)
    detail.setCurrentWidget(panel)
    settle(app)
    shoot(window, out / f"{lang}-05b-machine-text.png")


def transcript_screen(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    """The transcript editor under the player, two lines typed along."""
    editor = window.vault_view.detail.preview.transcript
    settle(app, editor.isEnabled)
    for at, words in ((0, "喂，是张三吗？你的欠款已经逾期了。"), (1500, "我在想办法。")):
        editor.player.seek(at)
        settle(app, lambda at=at: editor.player.player.position() == at)
        editor.insert_at_position()
        row = editor.table.currentRow()
        editor.table.closePersistentEditor(editor.table.item(row, 2))
        editor.table.item(row, 2).setText(words)
    settle(app)
    shoot(window, out / f"{lang}-06b-transcript.png")


def import_banner_screen(
    app: QApplication, window: MainWindow, lang: str, out: Path, count: int
) -> None:
    """One more file imported through the window: a clean import's summary in a banner."""
    view = window.vault_view
    with tempfile.TemporaryDirectory(prefix="screenshots-more-") as folder:
        extra = Path(folder) / "sms-20250316.txt"
        extra.write_text("【催收】3月16日前不还款，将联系你的紧急联系人。", encoding="utf-8")
        view.import_paths([extra], "微粒贷")
        settle(app, lambda: view.banner.isVisible() and view.model.rowCount() == count + 1)
    shoot(window, out / f"{lang}-04b-import-banner.png")
    view.banner.clear()


def trusted_time_screen(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    trusted = window.vault_view.trusted_time()
    if trusted is not None:
        settle(app, lambda: trusted.servers.count() > 0)
        shoot(trusted, out / f"{lang}-16-trusted-time.png")
        trusted.reject()


def backup_screens(app: QApplication, window: MainWindow, lang: str, out: Path, count: int) -> None:
    """The reminder, the backup dialog before and after a backup, the backup opened."""
    view = window.vault_view
    vault = window.vault
    assert vault is not None  # noqa: S101 - called with the vault open
    view.backup_reminder.shown_once = False
    view.backup_reminder.check(vault, items=1, days=7)
    settle(app, view.backup_reminder.isVisible)
    shoot(window, out / f"{lang}-25-backup-reminder.png")
    view.backup_reminder.hide()
    dialog = view.back_up()
    assert dialog is not None  # noqa: S101
    settle(app, lambda: dialog.last.text() != dialog.tr("Reading…"))
    backup = out.parent / f"screenshots-{lang}-backup"
    shutil.rmtree(backup, ignore_errors=True)
    dialog.folder.setText(str(backup))
    shoot(dialog, out / f"{lang}-26-backup.png")
    dialog.start()
    settle(app, dialog.start_button.isEnabled, rounds=4000)
    shoot(dialog, out / f"{lang}-27-backup-done.png")
    dialog.reject()
    window.lock()
    settle(app)
    backup_opened_screen(app, window, backup, lang, out, count)
    window.show_unlock(vault.info.path)


def backup_opened_screen(
    app: QApplication, window: MainWindow, backup: Path, lang: str, out: Path, count: int
) -> None:
    """The backup opened in the window: read-only, and it says so."""
    window.show_unlock(backup)
    window.unlock.unlock_requested.emit(backup, PASSPHRASE)
    settle(app, lambda: window.vault is not None)
    settle(app, lambda: window.vault_view.model.rowCount() == count)
    shoot(window, out / f"{lang}-28-backup-opened.png")
    window.lock()
    settle(app)


def recovery_screens(app: QApplication, settings: SettingsDialog, lang: str, out: Path) -> None:
    """Settings → change the passphrase; show the recovery key again (asked, then shown)."""
    change = settings.change_passphrase()
    settle(app)
    shoot(change, out / f"{lang}-18-change-passphrase.png")
    change.reject()
    show = settings.show_recovery_key()
    settle(app)
    shoot(show, out / f"{lang}-19-show-recovery-ask.png")
    show.passphrase.setText(PASSPHRASE)
    show.ok_button.click()
    settle(app, show.sheet.isVisible)
    shoot(show, out / f"{lang}-20-show-recovery-key.png")
    show.reject()


def empty_screens(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    """A new vault's empty main screen, and adding a lender with its collectors' numbers."""
    settle(app)
    shoot(window, out / f"{lang}-22-empty-no-lender.png")
    adding = AddLenderDialog(["借呗", "微粒贷"], window)
    adding.name.setEditText("微粒贷")
    adding.numbers.setText("+86 138 0013 8000, 95188")
    adding.show()
    settle(app)
    shoot(adding, out / f"{lang}-23-add-lender.png")
    adding.reject()


def receive_screen(app: QApplication, window: MainWindow, lang: str, out: Path, work: Path) -> None:
    """Receive from phone: the QR code and codes, a phone asking, and one arrival."""
    dialog = window.vault_view.receive_from_phone()
    if dialog is None:
        return
    dialog.session.state_of("192.168.1.23")  # a phone opens the page
    settle(app, dialog.accept_button.isVisible)
    shoot(dialog, out / f"{lang}-29-receive-pairing.png")
    dialog.accept_button.click()
    shot = work / "Screenshot_2025-03-16-21-05-00-456_com.tencent.mm.png"
    Image.new("RGB", (540, 960), (250, 240, 230)).save(shot)
    with shot.open("rb") as src:
        dialog.session.receive(src, shot.name, "192.168.1.23", None)
    settle(app, lambda: dialog.arrivals.topLevelItemCount() == 1)
    shoot(dialog, out / f"{lang}-30-receive-arrived.png")
    dialog.reject()
    settle(app, dialog.session.ended.is_set)


def phone_import_screen(
    app: QApplication, window: MainWindow, lang: str, out: Path, work: Path
) -> None:
    """Import from phone: a Xiaomi phone over MTP, as GVFS mounts it, with its folders."""
    storage = (
        work / f"gvfs-{lang}" / "mtp:host=Xiaomi_Redmi_Note_12_a1b2c3d4e5" / "内部共享存储空间"
    )
    for folder, count in (("MIUI/sound_recorder/call_rec", 3), ("DCIM/Screenshots", 4),
                          ("Pictures/WeiXin", 2)):  # fmt: skip
        (storage / folder).mkdir(parents=True)
        for n in range(count):
            Image.new("RGB", (20, 40), (n, count, 9)).save(storage / folder / f"{n}.png")
    view = window.vault_view
    view.phone_roots = [work / f"gvfs-{lang}"]
    dialog = view.import_from_phone()
    if dialog is None:
        return
    settle(app, lambda: dialog.tree.topLevelItemCount() == 1)
    shoot(dialog, out / f"{lang}-31-import-from-phone.png")
    dialog.reject()
    view.phone_roots = None
    settle(app)


def verify_screen(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    """A bundle of 微粒贷, exported and then checked in the app as a receiver would."""
    vault = window.vault
    if vault is None:
        return
    bundle = out.parent / f"screenshots-{lang}-bundle.zip"
    export_bundle(vault, ExportRequest(out=bundle, lender="微粒贷", stamp=False))
    dialog = window.verify_bundle(bundle)
    settle(app, lambda: dialog.verification is not None)
    dialog.details_button.setChecked(True)  # the evault verify text, in the window's language
    settle(app)
    shoot(dialog, out / f"{lang}-24-verify-bundle.png")
    dialog.reject()
    bundle.unlink(missing_ok=True)


def case_screens(app: QApplication, window: MainWindow, lang: str, out: Path) -> None:
    view = window.vault_view
    view.middle_tabs.setCurrentWidget(view.case)
    settle(app, lambda: view.case.findings.topLevelItemCount() > 0)
    shoot(window, out / f"{lang}-12-case-rules.png")
    view.case.tabs.setCurrentWidget(view.case.chart)
    settle(app)
    shoot(window, out / f"{lang}-13-case-hours.png")
    view.case.tabs.setCurrentWidget(view.case.days)
    settle(app)
    shoot(window, out / f"{lang}-14-case-days.png")
    view.case.tabs.setCurrentWidget(view.case.complaints)
    settle(app, lambda: view.case.complaints.list.topLevelItemCount() == 2)
    shoot(window, out / f"{lang}-15-case-complaints.png")
    view.case.tabs.setCurrentWidget(view.case.timeline)
    settle(app, lambda: view.case.timeline.model.rowCount() > 0)
    shoot(window, out / f"{lang}-17-case-timeline.png")
    view.middle_tabs.setCurrentIndex(0)


def main() -> None:
    args = sys.argv[1:]
    out = Path(args[0]) if args else Path("bench/out/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if len(args) < 2:  # one process per language: Qt's translators are per process
        for lang in LANGUAGES:
            subprocess.run([sys.executable, __file__, str(out), lang], check=True)
        print(out)
        return
    app = QApplication([])
    app.setApplicationName("Evidence Vault")
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    try:
        run(args[1], out, work)
    finally:
        tasks.worker().stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
