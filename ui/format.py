"""Words and numbers for people: kinds, time sources, sizes, local times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication, QLocale

from vault.backup.title import parse_backup_title


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
    """Wall-clock time where it happened (its own offset when known), else this computer's."""
    if offset_min is not None:
        local = moment.astimezone(timezone(timedelta(minutes=offset_min)))
        hours, minutes = divmod(abs(offset_min), 60)
        zone = f"UTC{'+' if offset_min >= 0 else '-'}{hours}" + (
            f":{minutes:02d}" if minutes else ""
        )
        return f"{local:%Y-%m-%d %H:%M} ({zone})"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
