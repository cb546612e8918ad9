"""Words and numbers for people: kinds, time sources, sizes, local times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from vault.backup.title import parse_backup_title
from vault.times import system_zone

_zone: ZoneInfo | None = None  # the open vault's time zone: every time is shown in it


def set_zone(zone: ZoneInfo | None) -> None:
    """Show times in ``zone`` (the open vault's); None: this computer's zone."""
    global _zone  # noqa: PLW0603 - one vault is open at a time; every view shows its zone
    _zone = zone


def display_zone() -> ZoneInfo:
    """The zone times are shown and typed in: the open vault's, else this computer's."""
    return _zone if _zone is not None else system_zone()


def wall_clock(moment: datetime | None = None) -> QDateTime:
    """``moment`` (default: now) as the wall-clock time of :func:`display_zone`, for
    date-time editors; never the operating system's own zone."""
    local = (moment or datetime.now(UTC)).astimezone(display_zone())
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def today() -> QDate:
    """Today's date in :func:`display_zone` (not the operating system's zone)."""
    return wall_clock().date()


def today_date() -> date:
    """:func:`today` as a Python date."""
    return datetime.now(display_zone()).date()


def from_wall_clock(value: QDateTime) -> datetime:
    """What the user typed in a date-time editor, as a time in :func:`display_zone`."""
    date, time = value.date(), value.time()
    return datetime(
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute(),
        time.second(),
        tzinfo=display_zone(),
    )


def kind_name(kind: str) -> str:
    return {
        "recording": QCoreApplication.translate("Format", "Recording"),
        "screenshot": QCoreApplication.translate("Format", "Screenshot"),
        "photo": QCoreApplication.translate("Format", "Photo"),
        "video": QCoreApplication.translate("Format", "Video"),
        "document": QCoreApplication.translate("Format", "Document"),
        "note": QCoreApplication.translate("Format", "Note"),
        "backup": QCoreApplication.translate("Format", "SMS / call backup"),
    }.get(kind, kind)


def shown_title(title: str | None, original_name: str = "") -> str:
    """An item's title in the user's language: a backup's stored (neutral) title is said
    again from its counts; a title the user typed is shown as typed; none: the file name."""
    backup = parse_backup_title(title)
    if backup is None:
        return title or original_name
    text = (
        QCoreApplication.translate("Format", "Phone call log backup (%1 calls, %2 messages)")
        if backup.call_log
        else QCoreApplication.translate("Format", "Phone message backup (%1 calls, %2 messages)")
    )
    return text.replace("%1", str(backup.calls)).replace("%2", str(backup.messages))


def category_names() -> dict[str, str]:
    return {
        "frequent_calls": QCoreApplication.translate("Format", "Frequent calls"),
        "threats": QCoreApplication.translate("Format", "Threats"),
        "contacting_family": QCoreApplication.translate("Format", "Contacting family or contacts"),
        "leaking_data": QCoreApplication.translate("Format", "Leaking personal data"),
        "home_visit": QCoreApplication.translate("Format", "Home visit"),
        "insults": QCoreApplication.translate("Format", "Insults"),
        "impersonating_authority": QCoreApplication.translate(
            "Format", "Posing as police or court"
        ),
        "fake_legal_documents": QCoreApplication.translate("Format", "Fake legal documents"),
        "private_channels": QCoreApplication.translate("Format", "Private phone or social app"),
        "false_claims": QCoreApplication.translate("Format", "Exaggerated or false claims"),
        "public_notices": QCoreApplication.translate("Format", "Notices posted in public"),
        "workplace_visit": QCoreApplication.translate("Format", "Workplace visit"),
        "third_party_asked_to_stop": QCoreApplication.translate(
            "Format", "Contacted after asking to stop"
        ),
        "other": QCoreApplication.translate("Format", "Other"),
    }


def time_source_sentence(source: str) -> str:
    return {
        "exif": QCoreApplication.translate("Format", "Time taken from the photo's EXIF data."),
        "container": QCoreApplication.translate(
            "Format", "Time taken from the recording's or video's own metadata."
        ),
        "file_name": QCoreApplication.translate("Format", "Time read from the file name."),
        "file_mtime": QCoreApplication.translate(
            "Format", "Time taken from the file's last-modified date (less reliable)."
        ),
        "import_time": QCoreApplication.translate(
            "Format", "No time found in the file; this is when it was imported."
        ),
        "user": QCoreApplication.translate("Format", "Time entered by you."),
        "backup_newest_row": QCoreApplication.translate(
            "Format", "Time of the newest call or message in the backup."
        ),
    }.get(source, source)


def format_time(moment: datetime, offset_min: int | None = None) -> str:
    """Wall-clock time where it happened (its own offset when known), else in the vault's zone."""
    if offset_min is not None:
        local = moment.astimezone(timezone(timedelta(minutes=offset_min)))
        hours, minutes = divmod(abs(offset_min), 60)
        zone = f"UTC{'+' if offset_min >= 0 else '-'}{hours}" + (
            f":{minutes:02d}" if minutes else ""
        )
        return f"{local:%Y-%m-%d %H:%M} ({zone})"
    return moment.astimezone(display_zone()).strftime("%Y-%m-%d %H:%M")


def format_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
