"""An image sent by MMS is evidence: each attachment of a backup becomes an item."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from tests.case.case_xml import HEADER, ms
from tests.case.conftest import COLLECTOR
from tests.case.test_case_backup_among_files import store_as_plain_file
from vault.case.timeline import timeline
from vault.check import check_vault
from vault.db.models import MmsAttachment
from vault.handle import OpenVault
from vault.importing import analyse_backup_item, import_backup
from vault.items import list_items

SENT = "2026-03-02 21:59"


def _jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (shade, 40, 90)).save(out, "JPEG")
    return out.getvalue()


def _mms(address: str, local: str, parts: list[tuple[str, str, bytes]]) -> str:
    rows = "".join(
        f'<part seq="{n}" ct="{ct}" name="{name}" chset="null" cd="null" fn="null" '
        f'cid="&lt;{n}&gt;" cl="{name}" ctt_s="null" ctt_t="null" text="null" '
        f'data="{base64.b64encode(data).decode()}" />'
        for n, (ct, name, data) in enumerate(parts)
    )
    return (
        f'<mms date="{ms(local)}" ct_t="application/vnd.wap.multipart.related" msg_box="1" '
        f'address="{address}" contact_name="(Unknown)" read="1" sub="null">'
        f'<parts>{rows}</parts><addrs><addr address="{address}" type="137" charset="106" />'
        "</addrs></mms>\n"
    )


def _backup(path: Path, *mms: str) -> Path:
    sms = (
        f'<sms protocol="0" address="{COLLECTOR}" date="{ms("2026-03-02 21:00")}" type="1" '
        'subject="null" body="还款" read="1" status="-1" contact_name="(Unknown)" />\n'
    )
    body = sms + "".join(mms)
    path.write_text(f'{HEADER}<smses count="{1 + len(mms)}">\n{body}</smses>\n', "utf-8")
    return path


def test_an_image_only_mms_becomes_an_item_linked_to_its_message(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    image = _jpeg(200)
    backup = _backup(
        tmp_path / "sms.xml", _mms(f"+86{COLLECTOR}", SENT, [("image/jpeg", "IMG_0001.jpg", image)])
    )
    report = import_backup(case_vault, backup, lender="微粒貸")
    assert (report.sms, report.mms) == (1, 1)
    items = {item.kind: item for item in list_items(case_vault, lender="微粒貸")}
    photo = items["photo"]
    assert photo.sha256 == hashlib.sha256(image).hexdigest()
    assert photo.captured_at == datetime.fromtimestamp(ms(SENT) / 1000, UTC)
    assert photo.time_source == "backup_record"
    assert photo.counterpart == COLLECTOR
    assert photo.source_app == "MMS"
    assert photo.original_name == "IMG_0001.jpg"
    with case_vault.sessions() as session:
        [link] = session.scalars(select(MmsAttachment)).all()
        assert (link.item_id, link.backup_item_id, link.seq) == (photo.id, report.item_id, 2)
    with case_vault.store.path_for(photo.id).open("rb") as blob:
        assert blob.read(21) == b"age-encryption.org/v1"  # stored encrypted like any item
    entries = timeline(case_vault, "微粒貸")
    at_sent = [e for e in entries if e.at == photo.captured_at]
    assert {(e.source, e.kind) for e in at_sent} >= {("item", "photo"), ("event", "mms")}
    assert check_vault(case_vault).ok  # the attachments' custody events prove their rows


def test_the_same_attachment_is_stored_once(case_vault: OpenVault, tmp_path: Path) -> None:
    image = _jpeg(120)
    part = [("image/jpeg", "a.jpg", image)]
    first = _backup(tmp_path / "one.xml", _mms(COLLECTOR, SENT, part))
    second = _backup(
        tmp_path / "two.xml", _mms(COLLECTOR, SENT, part), _mms(COLLECTOR, "2026-03-03 08:00", part)
    )
    import_backup(case_vault, first, lender="微粒貸")
    import_backup(case_vault, second, lender="微粒貸")
    photos = [i for i in list_items(case_vault) if i.kind == "photo"]
    assert len(photos) == 1


def _peak_import(vault: OpenVault, path: Path) -> int:
    tracemalloc.start()
    try:
        import_backup(vault, path, lender="微粒貸")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_big_attachment_is_decoded_without_a_second_whole_copy(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    size = 6 << 20
    data = _jpeg(10)[:-2] + os.urandom(size) + b"\xff\xd9"  # a JPEG padded to ~6 MiB
    image = _backup(tmp_path / "big.xml", _mms(COLLECTOR, SENT, [("image/jpeg", "b.jpg", data)]))
    # The same backup with a part of a type that is not stored: what parsing alone costs.
    other = _backup(
        tmp_path / "other.xml",
        _mms(COLLECTOR, SENT, [("application/x-unknown", "b.bin", os.urandom(len(data)))]),
    )
    baseline = _peak_import(case_vault, other)
    peak = _peak_import(case_vault, image)
    print(f"peak traced memory {peak >> 20} MiB, {baseline >> 20} MiB without storing the part")
    assert peak - baseline < len(data) // 2  # its decoded bytes are never held whole
    [photo] = [i for i in list_items(case_vault) if i.kind == "photo"]
    assert photo.sha256 == hashlib.sha256(data).hexdigest()


def test_a_backup_stored_as_a_plain_item_gives_its_attachments_when_analysed(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    image = _jpeg(60)
    backup = _backup(tmp_path / "sms.xml", _mms(COLLECTOR, SENT, [("image/jpeg", "c.jpg", image)]))
    item_id = store_as_plain_file(case_vault, backup)
    analyse_backup_item(case_vault, item_id)
    [photo] = [i for i in list_items(case_vault) if i.kind == "photo"]
    assert photo.sha256 == hashlib.sha256(image).hexdigest()
    assert photo.lender == "微粒貸"
    assert check_vault(case_vault).ok


def test_the_mms_event_names_the_items_its_attachments_became(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    parts = [("image/jpeg", "a.jpg", _jpeg(1)), ("image/jpeg", "b.jpg", _jpeg(2))]
    import_backup(
        case_vault, _backup(tmp_path / "sms.xml", _mms(COLLECTOR, SENT, parts)), lender="微粒貸"
    )
    [event] = [e for e in timeline(case_vault, "微粒貸") if e.kind == "mms"]
    photos = {i.id for i in list_items(case_vault) if i.kind == "photo"}
    assert len(photos) == 2 and set(event.attachments) == photos
    [sms] = [e for e in timeline(case_vault, "微粒貸") if e.kind == "sms"]
    assert sms.attachments == ()
