"""Changing a vault's time zone: the zone its days, nights and hours are counted in.

The zone is a vault setting (``time_zone``; :attr:`vault.handle.OpenVault.tz`). Phone
backup events keep, beside their UTC time, the zone's offset at that instant and the
local day and minute worked out from it on import (:mod:`vault.db.backup`), so a new
zone rewrites those three columns of every event; the UTC times, the evidence and the
custody log are untouched (settings are not custody events, as with the time-stamp
servers).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from vault.db.models import Setting
from vault.handle import OpenVault
from vault.times import zone_named

logger = logging.getLogger(__name__)

SETTING_KEY = "time_zone"
_HOUR_MS = 3_600_000  # the SQL below divides by it as 3600000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def set_time_zone(vault: OpenVault, name: str) -> ZoneInfo:
    """Make ``name`` (an IANA zone, ``Asia/Shanghai``) the vault's zone; returns it.

    A name this computer does not know is refused (:class:`vault.times.UnknownZoneError`)
    and nothing changes. One transaction: the setting and the events' local times.
    """
    zone = zone_named(name)
    with vault.sessions() as session, session.begin():
        session.merge(Setting(key=SETTING_KEY, value=zone.key))
        conn = session.connection()
        hours = [
            int(row[0])
            for row in conn.exec_driver_sql(
                "SELECT DISTINCT occurred_at / 3600000 FROM backup_events"
            )
        ]
        steady: list[tuple[int, int]] = []
        switching: list[int] = []
        for hour in hours:
            first = _offset(zone, hour * _HOUR_MS)
            if hour > 0 and first == _offset(zone, hour * _HOUR_MS + _HOUR_MS - 1):
                steady.append((hour, first))
            else:  # a daylight-saving switch (or before 1970): row by row
                switching.append(hour)
        conn.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS zone_hours (hour INTEGER PRIMARY KEY, offset_min INTEGER)"
        )
        conn.exec_driver_sql("DELETE FROM zone_hours")
        if steady:
            conn.exec_driver_sql("INSERT INTO zone_hours VALUES (?, ?)", steady)
        conn.exec_driver_sql(
            "UPDATE backup_events SET occurred_offset_min = (SELECT offset_min FROM zone_hours "
            "WHERE hour = occurred_at / 3600000) "
            "WHERE occurred_at / 3600000 IN (SELECT hour FROM zone_hours)"
        )
        conn.exec_driver_sql("DROP TABLE zone_hours")
        for hour in switching:
            rows = conn.exec_driver_sql(
                "SELECT id, occurred_at FROM backup_events WHERE occurred_at / 3600000 = ?",
                (hour,),
            ).all()
            conn.exec_driver_sql(
                "UPDATE backup_events SET occurred_offset_min = ? WHERE id = ?",
                [(_offset(zone, int(at)), int(event_id)) for event_id, at in rows],
            )
        local = "(occurred_at / 60000 + occurred_offset_min)"  # as the importer writes them
        conn.exec_driver_sql(
            f"UPDATE backup_events SET local_day = {local} / 1440, local_minute = {local} % 1440"  # noqa: S608
        )
    vault.tz = zone
    logger.info("vault time zone set (%d hours of events)", len(hours))
    return zone


def _offset(zone: ZoneInfo, at_ms: int) -> int:
    delta = (_EPOCH + timedelta(milliseconds=at_ms)).astimezone(zone).utcoffset()
    return 0 if delta is None else int(delta.total_seconds()) // 60


__all__ = ["SETTING_KEY", "set_time_zone"]
