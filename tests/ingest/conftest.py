"""Real media for the ingest tests, made once per session with ffmpeg, espeak-ng and Pillow."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import require_tool

# 2024-03-15 14:30:22 in Beijing is 06:30:22 UTC.
CREATION_UTC = "2024-03-15T06:30:22Z"

_SINE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"]
_VIDEO = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=0.5"]

# name -> ffmpeg arguments between the inputs and the output file
_RECIPES: dict[str, list[str]] = {
    "moov_at_end.m4a": [*_SINE, "-c:a", "aac", "-metadata", f"creation_time={CREATION_UTC}"],
    "faststart.m4a": [*_SINE, "-c:a", "aac", "-movflags", "+faststart",
                      "-metadata", f"creation_time={CREATION_UTC}"],
    "no_date.m4a": [*_SINE, "-c:a", "aac", "-map_metadata", "-1", "-fflags", "+bitexact"],
    "video.mp4": [*_VIDEO, *_SINE, "-c:v", "mpeg4", "-c:a", "aac", "-shortest",
                  "-metadata", f"creation_time={CREATION_UTC}"],
    "video.mov": [*_VIDEO, "-c:v", "mpeg4", "-metadata", f"creation_time={CREATION_UTC}"],
    "audio.3gp": [*_SINE, "-ar", "8000", "-c:a", "aac", "-f", "3gp",
                  "-metadata", f"creation_time={CREATION_UTC}"],
    "tdrc.mp3": [*_SINE, "-id3v2_version", "4", "-metadata", "date=2024-03-15T14:30:22"],
    "tyer_tdat_time.mp3": [*_SINE, "-id3v2_version", "3", "-metadata", "date=2024",
                           "-metadata", "TDAT=1503", "-metadata", "TIME=1430"],
    "year_only.mp3": [*_SINE, "-id3v2_version", "3", "-metadata", "date=2024-03-15"],
    "no_tag.mp3": [*_SINE, "-write_xing", "0", "-id3v2_version", "0"],
    "icrd.wav": [*_SINE, "-metadata", "date=2024-03-15 14:30:22"],
    "icrd_date_only.wav": [*_SINE, "-metadata", "date=2024-03-15"],
    "bext.wav": [*_SINE, "-write_bext", "1", "-metadata", "origination_date=2024-03-15",
                 "-metadata", "origination_time=14:30:22"],
    "opus.ogg": [*_SINE, "-c:a", "libopus"],
    "vorbis.ogg": [*_SINE, "-c:a", "libvorbis"],
    "sound.flac": [*_SINE, "-c:a", "flac"],
    "adts.aac": [*_SINE, "-c:a", "aac", "-f", "adts"],
    "video.mkv": [*_VIDEO, "-c:v", "mpeg4", "-f", "matroska"],
}  # fmt: skip


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every recipe rendered once, plus an espeak-ng voice recording ("speech.wav")."""
    ffmpeg = require_tool("ffmpeg")
    out_dir = tmp_path_factory.mktemp("media")
    made: dict[str, Path] = {}
    for name, args in _RECIPES.items():
        out = out_dir / name
        subprocess.run(
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args, str(out)],
            check=True,
            capture_output=True,
        )
        made[name] = out
    speech = out_dir / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(speech), "催收电话"],
        check=True,
        capture_output=True,
    )
    made["speech.wav"] = speech
    return made
