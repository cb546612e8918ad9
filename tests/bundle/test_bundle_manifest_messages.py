"""A damaged manifest.json is named for what is wrong with it, not one catch-all sentence,
also when it is streamed in pieces."""

from __future__ import annotations

import json

import pytest

from vault.bundle.manifest import (
    FORMAT,
    MAX_ITEM_CHARS,
    SCHEMA_VERSION,
    ManifestError,
    ManifestHead,
    ManifestItem,
    read_manifest,
)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xff{}", "not valid UTF-8 text (byte 0"),
        (b"[" * 200_000, "nested too deeply"),
        (b'{"n": ' + b"9" * 5000 + b"}", "a number too long"),
        (b'{"a": 1, "a": 2}', "names 'a' twice"),
        (b'{"a": }', "not valid JSON: Expecting value (line 1, column 7)"),
        (b"[]", "not a JSON object"),
    ],
    ids=["not-utf8", "deep", "long-number", "duplicate-key", "syntax", "not-object"],
)
def test_each_kind_of_damage_has_its_own_sentence(data: bytes, says: str) -> None:
    with pytest.raises(ManifestError, match=r"manifest\.json") as caught:
        read_manifest(data)
    assert says in str(caught.value)


# --- streaming: the same file in pieces reads the same, and every bound has its sentence --


def _manifest(items: list[dict[str, object]], **extra: object) -> bytes:
    head = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "bundle_id": "b",
        "created_at": "2025-01-01T00:00:00.000000Z",
        "vault": {"vault_id": "v", "ssh_public_key": "ssh-ed25519 AAAA"},
    }
    return json.dumps({**head, **extra, "items": items}, ensure_ascii=False, indent=2).encode()


def _item(number: int) -> dict[str, object]:
    return {
        "number": number,
        "id": f"id-{number}",
        "path": f"evidence/好运贷/{number:03d}.png",
        "sha256": "0" * 64,
        "size": 1,
        "custody": [],
    }


class _Collect:
    def __init__(self) -> None:
        self.head: ManifestHead | None = None
        self.items: list[ManifestItem] = []

    def begin(self, head: ManifestHead) -> None:
        self.head = head

    def item(self, item: ManifestItem) -> None:
        self.items.append(item)


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 4096])
def test_a_manifest_in_pieces_of_any_size_reads_the_same(piece: int) -> None:
    data = _manifest([_item(n) for n in range(1, 6)], selection={"lender": "好运贷"})
    seen = _Collect()
    parsed = read_manifest((data[i : i + piece] for i in range(0, len(data), piece)), seen)
    assert parsed.item_count == 5
    assert seen.head is not None and seen.head.vault_id == "v"
    assert [i.path for i in seen.items] == [f"evidence/好运贷/{n:03d}.png" for n in range(1, 6)]


def test_errors_late_in_a_streamed_file_give_its_real_line_and_byte() -> None:
    data = _manifest([_item(n) for n in range(1, 40)])
    cut = data[: data.rindex(b"}")]  # without its final brace: the error is at the very end
    pieces = [cut[i : i + 5] for i in range(0, len(cut), 5)]
    with pytest.raises(ManifestError) as caught:
        read_manifest(pieces)
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(cut)
    assert f"{whole.value.msg} (line {whole.value.lineno}, column {whole.value.colno})" in str(
        caught.value
    )
    assert whole.value.lineno > 200
    bad = data[:200] + b"\xff" + data[201:]
    with pytest.raises(ManifestError, match=r"byte 200 cannot be read"):
        read_manifest(bad[i : i + 3] for i in range(0, len(bad), 3))


def test_an_item_larger_than_the_limit_is_named() -> None:
    big = _item(1) | {"title": "t" * (MAX_ITEM_CHARS + 10)}
    with pytest.raises(ManifestError, match=r"item 1, which is longer than 1,048,576 characters"):
        read_manifest(_manifest([big]))


def test_more_items_than_a_bundle_can_hold_are_refused() -> None:
    with pytest.raises(ManifestError, match=r"lists more than 3 items"):
        read_manifest(_manifest([_item(n) for n in range(1, 5)]), max_items=3)


def test_items_before_the_vault_are_refused_before_they_are_read() -> None:
    data = b'{"format": "%s", "schema_version": 2, "items": []}' % FORMAT.encode()
    with pytest.raises(ManifestError, match=r"gives its items before its vault"):
        read_manifest(data)
    with pytest.raises(ManifestError, match=r"schema version 9"):
        read_manifest(b'{"format": "%s", "schema_version": 9, "items": [}' % FORMAT.encode())
