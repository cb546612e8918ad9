"""Small "SMS Backup & Restore" documents written row by row, for the case tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
ANSWERED, OUTGOING, MISSED, REJECTED = 1, 2, 3, 5


def ms(local: str) -> int:
    """Epoch milliseconds of a wall-clock time in Shanghai, e.g. "2026-03-02 21:59"."""
    return int(datetime.fromisoformat(local).replace(tzinfo=SHANGHAI).timestamp() * 1000)


@dataclass(frozen=True)
class Call:
    number: str
    local: str
    type: int = MISSED
    duration: int = 0


@dataclass(frozen=True)
class Sms:
    number: str
    local: str
    body: str = "还款"
    type: int = 1


def write_calls(path: Path, calls: list[Call]) -> Path:
    rows = "".join(
        f'<call number={quoteattr(c.number)} duration="{c.duration}" date="{ms(c.local)}" '
        f'type="{c.type}" presentation="1" contact_name="(Unknown)" />\n'
        for c in calls
    )
    path.write_text(f'{HEADER}<calls count="{len(calls)}">\n{rows}</calls>\n', encoding="utf-8")
    return path


def write_sms(path: Path, messages: list[Sms]) -> Path:
    rows = "".join(
        f'<sms protocol="0" address={quoteattr(m.number)} date="{ms(m.local)}" '
        f'type="{m.type}" subject="null" body={quoteattr(m.body)} read="1" status="-1" '
        f'contact_name="(Unknown)" />\n'
        for m in messages
    )
    path.write_text(f'{HEADER}<smses count="{len(messages)}">\n{rows}</smses>\n', encoding="utf-8")
    return path
