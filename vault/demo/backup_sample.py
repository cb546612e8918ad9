"""Synthetic "SMS Backup & Restore" files, for demonstrations, benchmarks and tests.

The rows are random but reproducible (``seed``): calls and messages from a pool of
collector numbers and personal contacts over ``days`` days, at every hour of the day,
with the app's type codes, epoch-millisecond dates and text that needs XML escaping.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
START = datetime(2026, 2, 1, tzinfo=UTC)
_BODIES = (
    "您的借款已逾期，请立即还款，否则将联系您的家人 & 通讯录。",
    'Final notice: pay today or "legal action" <court> follows.',
    "【催收】逾期3天，请今天22:00前处理 😡",
    "你好",
)


def collector_numbers(count: int) -> list[str]:
    """Distinct mainland numbers written the way phones store them (+86, spaces)."""
    return [f"+86 171 {1000 + i:04d} {2000 + i:04d}" for i in range(count)]


def write_calls(
    path: Path, calls: int, *, seed: int = 1, days: int = 60, numbers: list[str] | None = None
) -> None:
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    pool = numbers or collector_numbers(40) + [f"1390000{i:04d}" for i in range(20)]
    start_ms = int(START.timestamp() * 1000)
    span_ms = days * 86_400_000
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write(f'<calls count="{calls}">\n')
        for _ in range(calls):
            number = rng.choice(pool)
            when = start_ms + rng.randrange(span_ms)
            kind = rng.choices((1, 2, 3, 5, 6), weights=(3, 1, 6, 2, 1))[0]
            duration = rng.randrange(1, 600) if kind in (1, 2) else 0
            out.write(
                f'  <call number={quoteattr(number)} duration="{duration}" date="{when}" '
                f'type="{kind}" presentation="1" subscription_id="1" '
                f'readable_date="" contact_name="(Unknown)" />\n'
            )
        out.write("</calls>\n")


def write_messages(
    path: Path, sms: int, *, seed: int = 2, days: int = 60, numbers: list[str] | None = None
) -> None:
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    pool = numbers or [*collector_numbers(40), "10086", "95588"]
    start_ms = int(START.timestamp() * 1000)
    span_ms = days * 86_400_000
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write(f'<smses count="{sms}">\n')
        for _ in range(sms):
            number = rng.choice(pool)
            when = start_ms + rng.randrange(span_ms)
            kind = rng.choices((1, 2), weights=(9, 1))[0]
            body = quoteattr(rng.choice(_BODIES))
            out.write(
                f'  <sms protocol="0" address={quoteattr(number)} date="{when}" type="{kind}" '
                f'subject="null" body={body} toa="null" sc_toa="null" service_center="null" '
                f'read="1" status="-1" locked="0" date_sent="0" readable_date="" '
                f'contact_name="(Unknown)" />\n'
            )
        out.write("</smses>\n")
