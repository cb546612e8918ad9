"""A receive session over real HTTPS: real files arrive as items, nothing else gets in."""

from __future__ import annotations

import hashlib
import socket
import ssl
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.receive.conftest import LENDER
from tests.receive.receive_client import connection, curl_upload, file_chunks, get, post_stream
from vault.db.backup import BackupEvent
from vault.handle import OpenVault
from vault.items import get_item, list_items
from vault.receive import Arrival, ReceiveSession


def _session(vault: OpenVault, **options: object) -> ReceiveSession:
    session = ReceiveSession(vault, LENDER, bind="127.0.0.1", **options)  # type: ignore[arg-type]
    session.start()
    return session


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_temp_files(vault: OpenVault) -> bool:
    return not list(vault.store.iter_temp_files())


def test_phone_files_arrive_as_items_with_their_times(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    arrivals: list[Arrival] = []
    session = _session(receive_vault, accept_first=True, on_arrival=arrivals.append)
    try:
        status, reply = curl_upload(session.url, phone_files["recording"], phone_files["calls"])
        assert status == 200, reply
        shot = phone_files["screenshot"]
        status2, reply2 = post_stream(
            session.url + "?last_modified=1700000000000",
            shot.name,
            file_chunks(shot),
            shot.stat().st_size,
        )
        assert status2 == 200, reply2
    finally:
        session.stop()
    results = reply["results"] + reply2["results"]
    assert [r["status"] for r in results] == ["imported"] * 3
    assert [a.name for a in arrivals] == [r["name"] for r in results]
    recording, calls, screenshot = (get_item(receive_vault, r["item_id"]) for r in results)
    assert recording.sha256 == _sha256(phone_files["recording"])
    assert recording.kind == "recording"
    assert recording.lender == LENDER
    assert (recording.time_source, recording.counterpart) == ("file_name", "13800138000")
    assert recording.captured_at.isoformat() == "2024-03-15T06:30:22+00:00"
    assert screenshot.sha256 == _sha256(shot)
    assert (screenshot.kind, screenshot.time_source) == ("screenshot", "exif")
    assert screenshot.captured_at.isoformat() == "2024-03-16T01:10:11+00:00"
    assert calls.sha256 == _sha256(phone_files["calls"])
    assert calls.kind == "backup"
    assert results[1]["calls"] == 2
    with receive_vault.sessions() as db:
        assert db.query(BackupEvent).filter(BackupEvent.item_id == calls.id).count() == 2
    assert _no_temp_files(receive_vault)


def test_the_same_file_again_is_a_duplicate(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    session = _session(receive_vault, accept_first=True)
    try:
        first = curl_upload(session.url, phone_files["recording"])[1]["results"][0]
        again = curl_upload(session.url, phone_files["recording"])[1]["results"][0]
    finally:
        session.stop()
    assert again["status"] == "duplicate"
    assert again["item_id"] == first["item_id"]
    assert len(list_items(receive_vault)) == 1


def test_a_wrong_or_missing_token_gets_nothing(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    session = _session(receive_vault, accept_first=True)
    base = urlsplit(session.url)
    wrong = session.url[:-4] + "AAAA"
    try:
        for url in (wrong, f"https://{base.netloc}/", f"https://{base.netloc}/r/"):
            assert curl_upload(url, phone_files["recording"])[0] == 404
            assert get(url) == (404, b"")
        assert get(session.url + "/../x")[0] == 404
    finally:
        session.stop()
    assert list_items(receive_vault) == []
    assert not list(receive_vault.store.iter_ids())


def test_the_first_phone_waits_for_the_computer_and_a_second_is_refused(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    phones: list[str] = []
    session = _session(receive_vault, on_phone=phones.append)
    try:
        status, page = get(session.url)
        assert status == 200
        assert session.pairing_code.encode() in page
        assert phones == ["127.0.0.1"]
        assert get(session.url + "/state")[1] == b'{"state": "waiting"}'
        assert curl_upload(session.url, phone_files["recording"])[0] == 409
        session.accept()
        assert get(session.url + "/state")[1] == b'{"state": "paired"}'
        # another device on the network (another source address) is refused
        assert get(session.url + "/state", source="127.0.0.2")[1] == b'{"state": "refused"}'
        assert get(session.url, source="127.0.0.2") == (403, b"")
        shot = phone_files["screenshot"]
        other = post_stream(
            session.url, shot.name, file_chunks(shot), shot.stat().st_size, source="127.0.0.2"
        )
        assert other[0] == 403
        assert curl_upload(session.url, phone_files["recording"])[0] == 200
    finally:
        session.stop()
    assert phones == ["127.0.0.1"]
    assert len(list_items(receive_vault)) == 1


def test_an_interrupted_upload_leaves_nothing(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    session = _session(receive_vault, accept_first=True)
    try:
        parts = urlsplit(session.url)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        raw = socket.create_connection((parts.hostname, parts.port))
        sock = context.wrap_socket(raw)
        boundary = "b0undary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="cut.m4a"\r\n\r\n'
        ).encode()
        sent = phone_files["recording"].read_bytes()
        request = (
            f"POST {parts.path} HTTP/1.1\r\nHost: x\r\nContent-Length: {10 << 20}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
        ).encode()
        sock.sendall(request + head + sent + sent)  # the body is cut short here
        time.sleep(0.5)  # the server is inside the import, staging the blob
        sock.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not session._import_lock.acquire(timeout=0.1):
            pass
        session._import_lock.release()
        assert session.arrivals == []
        # the session goes on: a whole upload after the cut one is stored
        assert curl_upload(session.url, phone_files["recording"])[0] == 200
    finally:
        session.stop()
    assert len(list_items(receive_vault)) == 1
    assert len(list(receive_vault.store.iter_ids())) == 1
    assert _no_temp_files(receive_vault)


def test_too_large_a_request_is_refused_before_it_is_read(
    receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    session = _session(receive_vault, accept_first=True, max_request=4096)
    try:
        status, reply = curl_upload(session.url, phone_files["recording"])
    finally:
        session.stop()
    assert status == 413
    assert reply["results"] == []
    assert list_items(receive_vault) == []


def test_a_session_ends_after_its_idle_minutes(receive_vault: OpenVault) -> None:
    session = _session(receive_vault, accept_first=True, idle_minutes=1 / 60)
    assert session.wait(10)
    assert session.end_reason == "idle"
    with pytest.raises(OSError):
        connection(session.url).connect()
    session.stop()


def test_a_page_in_the_phones_language(receive_vault: OpenVault) -> None:
    session = _session(receive_vault, accept_first=True)
    try:
        conn = connection(session.url)
        for language, expected in (
            ("zh-CN,zh;q=0.9", "发送证据到证据保险箱"),
            ("zh-TW", "傳送證據到證據保險箱"),
            ("en-US", "Send evidence to Evidence Vault"),
        ):
            conn.request("GET", urlsplit(session.url).path, headers={"Accept-Language": language})
            reply = conn.getresponse()
            assert expected in reply.read().decode()
            conn.close()
    finally:
        session.stop()
