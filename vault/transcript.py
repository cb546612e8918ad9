"""Transcripts: what is said in a recording, written down beside it (录音文字稿).

A transcript is an ordered list of segments, each with the time it starts in the
recording (whole milliseconds), who speaks (``collector`` 催收方, ``self`` 本人 or
``other`` 其他) and the words. Its ``origin`` says who wrote it: ``manual`` for the
user; a machine draft, should one be added, gets an origin of its own and is labelled
as one wherever it is shown.

Every saved version is kept (a new row, never an update) and recorded whole in a
``transcript_saved`` custody event, so ``evault check`` compares each row with the log.
The recording itself is never touched: a transcript is the user's reading of it, and
its documents say "内容以原始录音为准". Saving the same segments again adds no version.

Besides the vault's JSON form, a transcript can be written as plain lines, one segment a
line: ``mm:ss speaker text`` (or ``h:mm:ss``), the speaker as its code or its name in
any of the app's languages (``01:05 催收方 今天必须还款``); see :func:`parse_lines`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vault import custody
from vault.custody import ledger
from vault.db.models import Transcript
from vault.dto import Jsonable
from vault.errors import UsageError
from vault.items import item_by_id

if TYPE_CHECKING:
    from vault.handle import OpenVault

# Recorded whole in a custody event and a bundle's manifest, like a note (vault.notes).
MAX_TRANSCRIPT_CHARS = 100_000
MAX_SEGMENTS = 10_000
MAX_START_MS = 2**53 - 1


class Speaker(StrEnum):
    COLLECTOR = "collector"
    SELF = "self"
    OTHER = "other"


class Origin(StrEnum):
    MANUAL = "manual"  # typed by the user while listening


SPEAKER_NAMES: dict[str, dict[Speaker, str]] = {
    "zh_CN": {Speaker.COLLECTOR: "催收方", Speaker.SELF: "本人", Speaker.OTHER: "其他"},
    "zh_TW": {Speaker.COLLECTOR: "催收方", Speaker.SELF: "本人", Speaker.OTHER: "其他"},
    "en": {Speaker.COLLECTOR: "Collector", Speaker.SELF: "Me", Speaker.OTHER: "Other"},
}


def speaker_name(speaker: str, language: str) -> str:
    names = SPEAKER_NAMES.get(language, SPEAKER_NAMES["en"])
    try:
        return names[Speaker(speaker)]
    except ValueError:
        return speaker


class TranscriptError(UsageError):
    """A transcript that cannot be saved as given (its text says why)."""

    code = "transcript_invalid"


class NotARecordingError(UsageError):
    code = "transcript_not_recording"


@dataclass(frozen=True)
class Segment(Jsonable):
    start_ms: int
    speaker: str
    text: str


@dataclass(frozen=True)
class TranscriptDTO(Jsonable):
    item_id: str
    version: int
    origin: str
    segments: tuple[Segment, ...]
    duration_ms: int | None  # the recording's length as the player measured it
    saved_at: datetime

    @property
    def machine_read(self) -> bool:
        """False for a transcript the user typed (``manual``); a machine draft is True."""
        return self.origin != Origin.MANUAL

    def to_json(self) -> dict[str, Any]:
        """The transcript's JSON form, as ``evault transcript show --json`` prints it and
        ``evault show ID --json`` gives it under ``transcript``: ``version`` and
        ``saved_at`` (ISO 8601 with its offset) of the latest saved version, ``origin``
        (``manual``: typed by the user) and ``machine_read`` (false for a typed one, as
        the OCR text under ``text`` says true), ``duration_ms`` (the recording's length
        as the player measured it, or null) and ``segments``: ``start_ms``, ``speaker``
        (``collector``, ``self``, ``other``) and ``text``, in time order. It is what
        ``evault transcript set --from`` reads back (:func:`parse_file_text`)."""
        return {
            "item_id": self.item_id,
            "version": self.version,
            "origin": self.origin,
            "machine_read": self.machine_read,
            "saved_at": self.saved_at.isoformat(),
            "duration_ms": self.duration_ms,
            "segments": [segment_json(s) for s in self.segments],
        }

    def first_lines(self, count: int, language: str) -> list[str]:
        """The first ``count`` segments as "mm:ss 催收方：text" lines (for a 内容 column)."""
        colon = ": " if language == "en" else "："
        return [
            f"{clock(s.start_ms)} {speaker_name(s.speaker, language)}{colon}{s.text}"
            for s in self.segments[:count]
        ]


def is_recording(kind: str, media_type: str) -> bool:
    return kind in {"recording", "video"} or media_type.startswith(("audio/", "video/"))


def clock(ms: int) -> str:
    """``mm:ss``, or ``h:mm:ss`` from an hour on (what :func:`parse_clock` reads)."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


# --- checking what is given -------------------------------------------------------------


def checked_segments(segments: object) -> tuple[Segment, ...]:
    """Segments from untrusted input (JSON, the editor), in time order, or TranscriptError."""
    if not isinstance(segments, list | tuple):
        raise TranscriptError("A transcript's segments must be a list.")
    if len(segments) > MAX_SEGMENTS:
        raise TranscriptError(f"A transcript holds at most {MAX_SEGMENTS:,} segments.")
    out: list[Segment] = []
    for number, raw in enumerate(segments, 1):
        start: object
        speaker: object
        text: object
        if isinstance(raw, Segment):
            start, speaker, text = raw.start_ms, raw.speaker, raw.text
        elif isinstance(raw, dict):
            start, speaker, text = raw.get("start_ms"), raw.get("speaker"), raw.get("text")
        else:
            raise TranscriptError(f"Segment {number} is not an object.")
        if not isinstance(start, int) or isinstance(start, bool) or not 0 <= start <= MAX_START_MS:
            raise TranscriptError(f"Segment {number} has no start time in whole milliseconds.")
        if speaker not in set(Speaker):
            raise TranscriptError(
                f"Segment {number}: the speaker must be one of {', '.join(Speaker)}."
            )
        if not isinstance(text, str) or not text.strip():
            raise TranscriptError(f"Segment {number} has no text.")
        out.append(Segment(start, str(speaker), text.strip()))
    if sum(len(s.text) for s in out) > MAX_TRANSCRIPT_CHARS:
        raise TranscriptError(
            f"A transcript holds at most {MAX_TRANSCRIPT_CHARS:,} characters of text."
        )
    return tuple(sorted(out, key=lambda s: s.start_ms))  # stable: same time keeps its order


_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,3}):([0-5]\d)(?:[.,](\d{1,3}))?")


def parse_clock(text: str) -> int:
    """Milliseconds from ``mm:ss``, ``h:mm:ss`` (and an optional ``.fff``)."""
    found = _CLOCK.fullmatch(text.strip())
    if found is None:
        raise TranscriptError(f"{text!r} is not a time like 01:05 or 1:02:03.")
    hours, minutes, seconds, fraction = found.groups()
    ms = int((fraction or "0").ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + ms


def _speaker_of(word: str) -> Speaker | None:
    for speaker in Speaker:
        names = {speaker.value, *(names[speaker] for names in SPEAKER_NAMES.values())}
        if word.casefold() in {n.casefold() for n in names}:
            return speaker
    return None


def parse_lines(text: str) -> tuple[Segment, ...]:
    """Segments from plain lines ``mm:ss speaker text``; blank lines are skipped."""
    segments: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.strip().split(maxsplit=2)
        if len(parts) < 3:  # time, speaker, text
            raise TranscriptError(f"Line {number} is not 'mm:ss speaker text'.")
        speaker = _speaker_of(parts[1].rstrip(":："))
        if speaker is None:
            raise TranscriptError(
                f"Line {number}: {parts[1]!r} is not a speaker (催收方, 本人, 其他)."
            )
        try:
            start = parse_clock(parts[0])
        except TranscriptError as error:
            raise TranscriptError(f"Line {number}: {error}") from None
        segments.append({"start_ms": start, "speaker": speaker.value, "text": parts[2]})
    return checked_segments(segments)


def parse_file_text(text: str) -> tuple[Segment, ...]:
    """A transcript file: JSON (a list of segments, or an object with ``segments``, as
    ``evault transcript --json`` prints) or plain lines (:func:`parse_lines`)."""
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except ValueError as error:
            raise TranscriptError(f"The transcript file is not valid JSON: {error}") from None
        if isinstance(data, dict):
            data = data.get("segments")
        return checked_segments(data)
    return parse_lines(stripped)


# --- saving and reading -------------------------------------------------------------------


def save_transcript(
    vault: OpenVault,
    item_id: str,
    segments: object,
    *,
    duration_ms: int | None = None,
    origin: str = Origin.MANUAL,
) -> TranscriptDTO:
    """Keep a new version of ``item_id``'s transcript (unless it equals the latest one).

    ``duration_ms`` is the recording's length; when not given the latest version's is kept.
    """
    clean = checked_segments(segments)
    if not clean:
        raise TranscriptError("A transcript needs at least one segment.")
    if origin not in set(Origin):
        raise TranscriptError(f"Unknown transcript origin {origin!r}.")
    if duration_ms is not None and not 0 <= duration_ms <= MAX_START_MS:
        raise TranscriptError("A recording's duration must be whole, positive milliseconds.")
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        item = item_by_id(session, item_id)
        if not is_recording(item.kind, item.media_type):
            raise NotARecordingError(f"Item {item_id} is not a recording: it has no transcript.")
        latest = _latest_row(session, item_id)
        if latest is not None:
            duration_ms = latest.duration_ms if duration_ms is None else duration_ms
            if (
                _dto(latest).segments == clean
                and latest.origin == origin
                and latest.duration_ms == duration_ms
            ):
                return _dto(latest)
        row = Transcript(
            item_id=item.id,
            version=(latest.version + 1) if latest is not None else 1,
            origin=str(origin),
            segments=[segment_json(s) for s in clean],
            duration_ms=duration_ms,
            saved_at=now,
        )
        session.add(row)
        session.flush()
        ledger.append(
            session,
            custody.Action.TRANSCRIPT_SAVED,
            at=now,
            item_id=item.id,
            lender_id=item.lender_id,
            payload={
                "transcript_id": row.id,
                "version": row.version,
                "origin": row.origin,
                "duration_ms": row.duration_ms,
                "segments": list(row.segments),
                "recording_sha256": item.sha256,
            },
        )
        return _dto(row)


def segment_json(segment: Segment) -> dict[str, Any]:
    return {"start_ms": segment.start_ms, "speaker": segment.speaker, "text": segment.text}


def latest_transcript(vault: OpenVault, item_id: str) -> TranscriptDTO | None:
    with vault.sessions() as session:
        item_by_id(session, item_id)
        return transcript_for(session, item_id)


def transcript_versions(vault: OpenVault, item_id: str) -> list[TranscriptDTO]:
    """Every saved version, oldest first."""
    with vault.sessions() as session:
        item_by_id(session, item_id)
        rows = session.scalars(
            select(Transcript).where(Transcript.item_id == item_id).order_by(Transcript.version)
        ).all()
        return [_dto(r) for r in rows]


def transcript_for(session: Session, item_id: str) -> TranscriptDTO | None:
    """The latest version of an item's transcript inside an open session, or ``None``."""
    row = _latest_row(session, item_id)
    return None if row is None else _dto(row)


def transcribed_items(session: Session) -> set[str]:
    """The ids of the items that have a transcript."""
    return set(session.scalars(select(Transcript.item_id).distinct()).all())


def _latest_row(session: Session, item_id: str) -> Transcript | None:
    newest = (
        select(func.max(Transcript.version)).where(Transcript.item_id == item_id).scalar_subquery()
    )
    return session.scalars(
        select(Transcript).where(Transcript.item_id == item_id, Transcript.version == newest)
    ).one_or_none()


def _dto(row: Transcript) -> TranscriptDTO:
    segments = tuple(
        Segment(int(s["start_ms"]), str(s["speaker"]), str(s["text"])) for s in row.segments
    )
    return TranscriptDTO(
        row.item_id, row.version, row.origin, segments, row.duration_ms, row.saved_at
    )


__all__ = [
    "NotARecordingError",
    "Origin",
    "Segment",
    "Speaker",
    "TranscriptDTO",
    "TranscriptError",
    "clock",
    "is_recording",
    "latest_transcript",
    "parse_clock",
    "parse_file_text",
    "parse_lines",
    "save_transcript",
    "speaker_name",
    "transcribed_items",
    "transcript_for",
    "transcript_versions",
]
