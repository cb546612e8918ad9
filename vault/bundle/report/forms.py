"""Which kind of evidence the law calls each item (证据形式), and whether it is an original.

The Civil Procedure Law names the kinds of evidence; an evidence list says which one each
item is, and whether the court receives the original or a copy. The rules, in one place:

- recordings and videos are **视听资料** (audio-visual material);
- screenshots, digital photos, documents and SMS / call-log backups are **电子数据**
  (electronic data: messages, call records, web pages, pictures held as files);
- a photo filed as a fake legal document (a letter, a notice, a "court summons" on paper)
  shows a **书证** (documentary evidence): the paper is the original, the photo a copy of it;
- the user's own notes are **当事人陈述** (statements of the party).

Originality (原件或复制件): the file in ``evidence/`` is byte for byte the file that was
imported (its SHA-256 is checked again at export), which the Supreme People's Court's rules
on evidence in civil cases count as the original of electronic data. Two exceptions are
stated honestly: an image saved out of WeChat's chat (``mmexport…``, ``微信图片_…``) has been
recompressed by the app, so it is a copy of what was sent; and a photographed paper
document is a copy of that paper. A note is the party's own written statement, an original.
"""

from __future__ import annotations

from enum import StrEnum

from vault.bundle.layout import NOTE_KIND
from vault.categories import Category
from vault.dto import ItemDTO
from vault.ingest.kinds import Kind
from vault.ingest.names import read_name


class EvidenceForm(StrEnum):
    AUDIO_VISUAL = "audio_visual"  # 视听资料
    ELECTRONIC_DATA = "electronic_data"  # 电子数据
    DOCUMENTARY = "documentary"  # 书证
    PARTY_STATEMENT = "party_statement"  # 当事人陈述


class Originality(StrEnum):
    ORIGINAL_ELECTRONIC = "original_electronic"  # 电子数据原件
    COMPRESSED_COPY = "compressed_copy"  # 复制件: recompressed by the app that saved it
    PHOTO_OF_PAPER = "photo_of_paper"  # 复制件: the paper is the original
    ORIGINAL_STATEMENT = "original_statement"  # 原件: the party's own statement


# File-name patterns (vault.ingest.names) of images an app re-encoded when saving them.
RECOMPRESSED_PATTERNS = frozenset({"wechat_export", "wechat_pc_image"})
_AUDIO_VISUAL = frozenset({Kind.RECORDING, Kind.VIDEO})
_IMAGES = frozenset({Kind.PHOTO, Kind.SCREENSHOT})


def form_of(item: ItemDTO) -> EvidenceForm:
    if item.kind == NOTE_KIND:
        return EvidenceForm.PARTY_STATEMENT
    if item.kind in _AUDIO_VISUAL:
        return EvidenceForm.AUDIO_VISUAL
    if _is_photo_of_paper(item):
        return EvidenceForm.DOCUMENTARY
    return EvidenceForm.ELECTRONIC_DATA


def originality_of(item: ItemDTO) -> Originality:
    if item.kind == NOTE_KIND:
        return Originality.ORIGINAL_STATEMENT
    if _is_photo_of_paper(item):
        return Originality.PHOTO_OF_PAPER
    if item.kind in _IMAGES:
        name = read_name(item.original_name)
        if name is not None and name.pattern in RECOMPRESSED_PATTERNS:
            return Originality.COMPRESSED_COPY
    return Originality.ORIGINAL_ELECTRONIC


def _is_photo_of_paper(item: ItemDTO) -> bool:
    return item.kind == Kind.PHOTO and Category.FAKE_LEGAL_DOCUMENTS in item.categories
