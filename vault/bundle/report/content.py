"""What an item says (内容 in the evidence list): the one place that decides it.

An item's content comes from the first of these sources that has text, in this order:

1. a recording's transcript (录音文字稿), written by the user beside the player;
2. an image's machine-read text (OCR), always labelled machine-read;
3. the notes the user wrote about the item (a note's own text, for a note).

:func:`item_content` asks each source in that order (its ``sources``: a lookup of the
transcript and one of the OCR text go before the notes) and :func:`first_content` keeps
the first that answers; :func:`transcript_content` and :func:`ocr_content` make their
answers, labelled as the list must show them. The list shows :meth:`Content.first_lines`
in its cell; the full text is in the HTML and, when the cell shows less, in the PDF's
appendix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault.bundle.layout import NOTE_KIND
from vault.db.models import Note
from vault.dto import ItemDTO
from vault.note_file import NOTE_ID_PREFIX
from vault.ocr import ocr_text
from vault.transcript import Origin as TranscriptOrigin
from vault.transcript import is_recording, transcript_for

logger = logging.getLogger(__name__)

CELL_LINES = 4  # lines of content shown in the list's cell
CELL_CHARS = 80  # and at most this many characters (a cell line holds about 13 Chinese ones)


class Origin(StrEnum):
    TRANSCRIPT = "transcript"
    OCR = "ocr"
    NOTE = "note"


@dataclass(frozen=True)
class Content:
    """An item's content: its text, where it came from, and whether a machine read it."""

    text: str
    origin: Origin
    machine_read: bool
    notes: tuple[int, ...] = ()  # the notes the text was taken from (their own rows too)

    def first_lines(self, lines: int = CELL_LINES, chars: int = CELL_CHARS) -> str:
        """The text's first non-blank lines, at most ``lines`` of them and ``chars``
        characters, with "…" where something was left out."""
        kept = [line.strip() for line in _lines(self.text) if line.strip()]
        shown = kept[:lines]
        cut = len(kept) > lines
        text = "\n".join(shown)
        if len(text) > chars:
            text, cut = text[: chars - 1].rstrip(), True
        return text + "…" if cut else text

    @property
    def is_cut(self) -> bool:
        """Whether :meth:`first_lines` shows less than the whole text."""
        whole = "\n".join(line.strip() for line in _lines(self.text) if line.strip())
        return self.first_lines() != whole


def transcript_content(text: str, *, machine_draft: bool = False) -> Content:
    return Content(text, Origin.TRANSCRIPT, machine_read=machine_draft)


def ocr_content(text: str) -> Content:
    return Content(text, Origin.OCR, machine_read=True)


def note_content(texts: Iterable[str], note_ids: Iterable[int] = ()) -> Content | None:
    """The notes' texts as one content, oldest first, a blank line between them."""
    joined = "\n\n".join(t.strip() for t in texts if t.strip())
    if not joined:
        return None
    return Content(joined, Origin.NOTE, machine_read=False, notes=tuple(note_ids))


def first_content(candidates: Iterable[Content | None]) -> Content | None:
    """The first candidate with text; candidates come in order of priority."""
    for candidate in candidates:
        if candidate is not None and candidate.text.strip():
            return candidate
    return None


def item_content(session: Session, item: ItemDTO, *, language: str = "zh_CN") -> Content | None:
    """The content of ``item`` from the first of its sources that has text. Each source
    takes the session and the item and answers None when it has nothing for that item
    (a transcript source, for an item that is not a recording); later sources are not
    asked once one has answered. ``language`` names the transcript's speakers."""
    sources: tuple[Callable[[Session, ItemDTO], Content | None], ...] = (
        partial(_transcript, language=language),
        _ocr,
        _notes,
    )
    return first_content(source(session, item) for source in sources)


def _transcript(session: Session, item: ItemDTO, *, language: str) -> Content | None:
    """The latest version of a recording's transcript, a line per segment
    ("00:05 催收方：…"); a machine draft is marked as machine-read."""
    if not is_recording(item.kind, item.media_type):
        return None
    found = transcript_for(session, item.id)
    if found is None:
        return None
    text = "\n".join(found.first_lines(len(found.segments), language))
    return transcript_content(text, machine_draft=found.origin != TranscriptOrigin.MANUAL)


def _ocr(session: Session, item: ItemDTO) -> Content | None:
    """An image's machine-read text, as read (labelled machine-read wherever shown)."""
    found = ocr_text(session, item.id)
    if found is None or not found.text or not found.text.strip():
        return None
    return ocr_content(found.text.strip())


def _notes(session: Session, item: ItemDTO) -> Content | None:
    if item.kind == NOTE_KIND:
        note_id = _note_id(item.id)
        note = session.get(Note, note_id) if note_id is not None else None
        return note_content([note.text]) if note is not None else None
    rows = session.execute(
        select(Note.id, Note.text)
        .where(Note.item_id == item.id)
        .order_by(Note.occurred_at, Note.id)
    ).all()
    return note_content([text for _, text in rows], [note_id for note_id, _ in rows])


def _note_id(item_id: str) -> int | None:
    number = item_id.removeprefix(NOTE_ID_PREFIX)
    return int(number) if number.isdigit() else None


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
