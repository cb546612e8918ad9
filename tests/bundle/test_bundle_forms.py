"""Each item's 证据形式 and 原件或复制件 follow the rules in vault.bundle.report.forms, and
every language has words for each of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from vault.bundle.export import note_item
from vault.bundle.report import evidence_list, wording
from vault.bundle.report.content import Origin
from vault.bundle.report.forms import EvidenceForm, Originality, form_of, originality_of
from vault.dto import ItemDTO, NoteDTO

NOTE, _ = note_item(NoteDTO(1, "好运贷", "上门", datetime(2026, 3, 2, tzinfo=UTC), 480))
FILE = replace(NOTE, id="i", kind="screenshot", original_name="Screenshot_20240302-103000.png")


def item(kind: str, name: str = "x.bin", categories: tuple[str, ...] = ()) -> ItemDTO:
    return replace(FILE, kind=kind, original_name=name, categories=categories)


@pytest.mark.parametrize(
    ("kind", "form"),
    [
        ("recording", EvidenceForm.AUDIO_VISUAL),
        ("video", EvidenceForm.AUDIO_VISUAL),
        ("screenshot", EvidenceForm.ELECTRONIC_DATA),
        ("photo", EvidenceForm.ELECTRONIC_DATA),
        ("document", EvidenceForm.ELECTRONIC_DATA),
        ("backup", EvidenceForm.ELECTRONIC_DATA),  # SMS and call logs
        ("note", EvidenceForm.PARTY_STATEMENT),
    ],
)
def test_each_kind_has_its_legal_form(kind: str, form: EvidenceForm) -> None:
    assert form_of(item(kind)) is form


def test_a_photographed_paper_document_is_a_copy_of_documentary_evidence() -> None:
    letter = item("photo", "IMG_20240305_211000.jpg", ("fake_legal_documents",))
    assert form_of(letter) is EvidenceForm.DOCUMENTARY
    assert originality_of(letter) is Originality.PHOTO_OF_PAPER
    # a screenshot of a fake summons is still electronic data, and the original of it
    summons = item("screenshot", "Screenshot_20240305-211000.png", ("fake_legal_documents",))
    assert form_of(summons) is EvidenceForm.ELECTRONIC_DATA
    assert originality_of(summons) is Originality.ORIGINAL_ELECTRONIC


@pytest.mark.parametrize(
    ("kind", "name", "originality"),
    [
        ("screenshot", "Screenshot_20240302-103000.png", Originality.ORIGINAL_ELECTRONIC),
        ("recording", "13800138000_20240302103000.m4a", Originality.ORIGINAL_ELECTRONIC),
        ("photo", "IMG_20240305_211000.jpg", Originality.ORIGINAL_ELECTRONIC),
        ("photo", "mmexport1709346600000.jpg", Originality.COMPRESSED_COPY),
        ("photo", "微信图片_20240302103000.jpg", Originality.COMPRESSED_COPY),
        ("video", "mmexport1709346600000.mp4", Originality.ORIGINAL_ELECTRONIC),
        ("note", "note-1.txt", Originality.ORIGINAL_STATEMENT),
    ],
)
def test_an_item_is_an_original_unless_an_app_recompressed_it(
    kind: str, name: str, originality: Originality
) -> None:
    assert originality_of(item(kind, name)) is originality


@pytest.mark.parametrize("language", evidence_list.LANGUAGES)
def test_every_form_originality_and_origin_has_words(language: str) -> None:
    assert set(wording.FORM_LABELS[language]) == {str(f) for f in EvidenceForm}
    assert set(wording.ORIGINALITY_LABELS[language]) == {str(o) for o in Originality}
    assert {str(o) for o in Origin} <= set(wording.CONTENT_LABELS[language])
    keys = set(wording.EVIDENCE_LIST["zh_CN"])
    assert set(wording.EVIDENCE_LIST[language]) == keys


def test_the_chinese_forms_are_the_words_of_the_law() -> None:
    assert set(wording.FORM_LABELS["zh_CN"].values()) == {
        "视听资料",
        "电子数据",
        "书证",
        "当事人陈述",
    }
    assert wording.ORIGINALITY_LABELS["zh_CN"]["original_electronic"] == "电子数据原件"
