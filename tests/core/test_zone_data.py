"""Time zones work on a system without a zone database (Windows, minimal Linux): the
declared tzdata package supplies the zones then."""

from __future__ import annotations

import os
import subprocess
import sys

ZONES = """
from datetime import datetime, UTC
from vault.times import system_zone, zone_named
import zoneinfo
assert zoneinfo.TZPATH == (), zoneinfo.TZPATH
here = system_zone()
shanghai = zone_named("Asia/Shanghai")
summer = datetime(2026, 7, 1, tzinfo=UTC)
print(here.key, here.utcoffset(summer), shanghai.utcoffset(summer))
"""


def test_zones_come_from_tzdata_when_the_system_has_none() -> None:
    env = {**os.environ, "PYTHONTZPATH": "", "TZ": "Europe/Berlin"}
    done = subprocess.run(
        [sys.executable, "-c", ZONES], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["Europe/Berlin", "2:00:00", "8:00:00"]
