"""A damaged manifest.json is named for what is wrong with it, not one catch-all sentence."""

from __future__ import annotations

import pytest

from vault.bundle.manifest import ManifestError, read_manifest


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
