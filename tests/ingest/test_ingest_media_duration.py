"""A recording's length (the evidence list's 时长), read from real files made by
espeak-ng and ffmpeg, and from AMR frames; unreadable input gives no length."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from tests.helpers import require_tool
from vault.ingest.media_duration import duration_seconds


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wav = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(wav), "你再不还钱就去你家找你父母"],
        check=True,
        capture_output=True,
    )
    return wav


def probed(path: Path) -> float:
    out = subprocess.run(
        [
            *(require_tool("ffprobe"), "-v", "error", "-show_entries", "format=duration"),
            *("-of", "csv=p=0", str(path)),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out)


@pytest.mark.parametrize(
    ("ext", "media_type"),
    [("wav", "audio/wav"), ("m4a", "audio/mp4"), ("mp3", "audio/mpeg"), ("flac", "audio/flac")],
)
def test_the_length_matches_ffprobe(speech: Path, ext: str, media_type: str) -> None:
    path = speech if ext == "wav" else speech.with_suffix(f".{ext}")
    if ext != "wav":
        subprocess.run(
            [require_tool("ffmpeg"), "-loglevel", "error", "-y", "-i", str(speech), str(path)],
            check=True,
        )
    with path.open("rb") as fileobj:
        fileobj.seek(100)  # read from wherever the reader was left
        seconds = duration_seconds(fileobj, media_type)
    assert seconds is not None and seconds > 1
    assert seconds == pytest.approx(probed(path), abs=0.1)


def test_an_amr_recording_lasts_20_ms_a_frame() -> None:
    frame = bytes([0x3C]) + bytes(31)  # AMR-NB 12.2 kbit/s: one header byte, 31 of speech
    data = b"#!AMR\n" + frame * 250
    assert duration_seconds(io.BytesIO(data), "audio/amr") == pytest.approx(5.0)
    wb_frame = bytes([0x44]) + bytes(60)  # AMR-WB 23.85 kbit/s
    assert duration_seconds(io.BytesIO(b"#!AMR-WB\n" + wb_frame * 50), "audio/amr-wb") == 1.0
    damaged = data + bytes([0x4C])  # frame type 9 never occurs in a file: the walk stops
    assert duration_seconds(io.BytesIO(damaged + frame * 10), "audio/amr") == pytest.approx(5.0)


@pytest.mark.parametrize(
    "data", [b"", b"#!AMR\n", b"not a recording at all" * 100, b"ID3\x04\x00\x00\xff\xff\xff\xff"]
)
def test_unreadable_input_has_no_length(data: bytes) -> None:
    assert duration_seconds(io.BytesIO(data), "audio/mpeg") is None
