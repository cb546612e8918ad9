"""The streaming backup reader on its own: chunk boundaries anywhere, old emoji encoding."""

from __future__ import annotations

import pytest

from vault.backup.xml_reader import BackupFormatError, BackupReader, BackupRow, Row, fix_surrogates

DOC = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    '<smses count="2"><sms address="+86 171 1000 2000" date="1772467200000" type="1" '
    'body="还钱 &#55357;&#56832; &amp; &lt;律师函&gt; &#56832;" contact_name="(Unknown)"/>'
    '<mms date="1772467201000" msg_box="2" address="13900000001"><parts>'
    '<part ct="text/plain" text="第一段"/><part ct="image/jpeg" data="AAAA"/>'
    '<part ct="text/plain" text="第二段"/></parts></mms></smses>'
).encode()


def read_in_two(cut: int) -> list[BackupRow]:
    rows: list[Row] = []
    reader = BackupReader(rows.extend)
    reader.feed(DOC[:cut])
    reader.feed(memoryview(DOC)[cut:])
    summary = reader.close()
    assert (summary.root, summary.sms, summary.mms) == ("smses", 1, 1)
    return [BackupRow._make(row) for row in rows]


def test_every_split_of_the_input_reads_the_same_rows() -> None:
    expected = read_in_two(len(DOC))
    assert expected[0].body == "还钱 \U0001f600 & <律师函> \ufffd"
    assert (expected[0].number, expected[0].direction, expected[0].contact_name) == (
        "17110002000",
        "incoming",
        "",
    ), "a missing contact name is '', which the database stores as NULL"
    assert (expected[1].kind, expected[1].direction, expected[1].body) == (
        "mms",
        "outgoing",
        "第一段\n第二段",
    )
    for cut in range(len(DOC)):
        assert read_in_two(cut) == expected, f"split at byte {cut}"


def test_surrogate_references_are_joined_and_lone_halves_replaced() -> None:
    assert fix_surrogates(b"&#55357;&#56832;") == b"&#x1F600;"
    assert fix_surrogates(b"&#56832;&#55357;") == b"&#xFFFD;&#xFFFD;"
    assert fix_surrogates(b"&#55357;x &#12345;") == b"&#xFFFD;x &#12345;"


def test_rows_come_in_batches_and_an_unknown_type_is_kept_as_other() -> None:
    batches: list[list[Row]] = []
    reader = BackupReader(batches.append, batch_rows=2)
    reader.feed(
        b"<calls>"
        + b'<call number="1" duration="1" date="1772467200000" type="9"/>' * 5
        + b"</calls>"
    )
    assert reader.close().calls == 5
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert {BackupRow._make(row).direction for batch in batches for row in batch} == {"other"}


def test_an_empty_document_is_refused() -> None:
    reader = BackupReader(lambda rows: None)
    reader.feed(b"<?xml version='1.0'?>")
    with pytest.raises(BackupFormatError):
        reader.close()
