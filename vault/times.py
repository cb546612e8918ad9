"""Times as the vault writes, stores and shows them.

- Stored and hashed: fixed-width ISO-8601 UTC text, ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
  (27 characters), which round-trips an aware datetime to the microsecond, sorts as
  plain text and is the very form the custody log hashes (:func:`format_utc`,
  :func:`parse_utc`). Naive datetimes are refused.
- Where the user's wall-clock time matters, the original UTC offset is kept beside it in
  minutes (:func:`offset_minutes`; DESIGN.md §4 "stored as UTC plus the original offset").
- Shown: in the vault's zone, or at the offset the evidence itself gave
  (:func:`local_text`); the vault's zone defaults to the system's (:func:`system_zone`).

No database, no vault: the bundle verifier uses this module too.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import tzlocal

from vault.errors import UsageError

DEFAULT_ZONE = "Asia/Shanghai"

UTC_TEXT_LENGTH = 27
_UTC_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


class NaiveDatetimeError(UsageError):
    code = "naive_datetime"


class TimeFormatError(UsageError):
    code = "time_format"


class UnknownZoneError(UsageError):
    code = "unknown_time_zone"


def format_utc(value: datetime) -> str:
    """Return ``value`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC; naive values are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError("A time without a time zone cannot be stored.")
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    """Parse the exact form written by :func:`format_utc` back to an aware UTC datetime."""
    if not _UTC_TEXT.fullmatch(text):
        raise TimeFormatError("A stored time is not in the form YYYY-MM-DDTHH:MM:SS.ffffffZ.")
    try:
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError:
        raise TimeFormatError("A stored time names a date that does not exist.") from None


def seconds_utc(moment: datetime) -> str:
    """``moment`` in UTC to the second, ``YYYY-MM-DDTHH:MM:SSZ`` (custody payloads)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_minutes(moment: datetime) -> int:
    """The UTC offset of an aware ``moment`` in whole minutes (0 for UTC)."""
    delta = moment.utcoffset()
    return 0 if delta is None else int(delta.total_seconds()) // 60


def local_text(moment: datetime, offset_min: int | None, zone: ZoneInfo) -> str:
    """``YYYY-MM-DD HH:MM:SS +HH:MM`` at ``offset_min`` when known, else in ``zone``."""
    tz = timezone(timedelta(minutes=offset_min)) if offset_min is not None else zone
    local = moment.astimezone(tz)
    sign = "+" if (local.utcoffset() or timedelta()) >= timedelta() else "-"
    minutes = abs(int((local.utcoffset() or timedelta()).total_seconds()) // 60)
    return f"{local:%Y-%m-%d %H:%M:%S} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def system_zone() -> ZoneInfo:
    """The zone this computer is set to (``TZ``, else the system's own setting, as
    :mod:`tzlocal` finds it on Linux, macOS and Windows), else Asia/Shanghai.

    ``TZ`` is read on every call: tzlocal reads it once per process and keeps the answer.
    """
    name: str | None = os.environ.get("TZ", "").lstrip(":") or None
    if name and zone_or_default(name).key == name:
        return ZoneInfo(name)
    try:
        name = tzlocal.get_localzone_name()
    except (OSError, LookupError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        name = None
    return zone_or_default(name)


def zone_or_default(name: str | None) -> ZoneInfo:
    """The zone called ``name``; Asia/Shanghai when there is none or no such zone."""
    try:
        if name:
            return ZoneInfo(name.lstrip(":"))
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return ZoneInfo(DEFAULT_ZONE)


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called ``name`` (``Asia/Shanghai``); a name it does not know is refused."""
    text = name.strip()
    if not text or text not in available_timezones():
        raise UnknownZoneError(f"{name!r} is not the name of a time zone (such as Asia/Shanghai).")
    return ZoneInfo(text)
