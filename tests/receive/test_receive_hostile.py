"""What a receive session does with uploads that are not what the page sends."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.receive.conftest import LENDER
from tests.receive.receive_client import connection, post_stream
from vault.handle import OpenVault
from vault.items import list_items
from vault.receive import ReceiveSession


@pytest.fixture
def session(receive_vault: OpenVault) -> Iterator[ReceiveSession]:
    running = ReceiveSession(receive_vault, LENDER, bind="127.0.0.1", accept_first=True)
    running.start()
    yield running
    running.stop()


def _raw_post(url: str, headers: str, body: bytes) -> bytes:
    parts = urlsplit(url)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with context.wrap_socket(socket.create_connection((parts.hostname, parts.port))) as sock:
        sock.sendall(f"POST {parts.path} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode() + body)
        reply = b""
        while piece := sock.recv(65536):
            reply += piece
    return reply


def test_an_empty_file_is_refused_with_its_reason(
    session: ReceiveSession, receive_vault: OpenVault
) -> None:
    status, reply = post_stream(session.url, "empty.m4a", iter([]), 0)
    assert status == 200
    [result] = reply["results"]
    assert result["status"] == "refused"
    assert result["message"] == "The file is empty."
    assert list_items(receive_vault) == []
    assert not list(receive_vault.store.iter_temp_files())
    assert not list(receive_vault.store.iter_ids())


def test_a_path_in_the_file_name_is_dropped(
    session: ReceiveSession, receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    shot = phone_files["screenshot"]
    status, reply = post_stream(
        session.url, f"../../etc/{shot.name}", iter([shot.read_bytes()]), shot.stat().st_size
    )
    assert status == 200
    assert reply["results"][0]["name"] == shot.name
    [item] = list_items(receive_vault)
    assert item.original_name == shot.name


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ("Content-Type: multipart/form-data; boundary=x\r\n", b"", b"411"),
        ("Content-Type: text/plain\r\nContent-Length: 5\r\n", b"hello", b"400"),
        (
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 12\r\n",
            b"not multipart",
            b"400",
        ),
    ],
)
def test_a_request_that_is_no_upload_stores_nothing(
    session: ReceiveSession, receive_vault: OpenVault, headers: str, body: bytes, status: bytes
) -> None:
    reply = _raw_post(session.url, headers, body)
    assert reply.split(b" ")[1] == status
    assert list_items(receive_vault) == []
    assert not list(receive_vault.store.iter_temp_files())


def test_other_fields_are_ignored_and_each_file_field_is_stored(
    session: ReceiveSession, receive_vault: OpenVault, phone_files: dict[str, Path]
) -> None:
    boundary = "zz"
    shot, calls = phone_files["screenshot"], phone_files["calls"]
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{shot.name}"'
            "\r\n\r\n".encode(),
            shot.read_bytes(),
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{calls.name}"\r\n\r\n'.encode(),
            calls.read_bytes(),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    conn = connection(session.url)
    conn.request(
        "POST",
        urlsplit(session.url).path,
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    reply = conn.getresponse()
    assert reply.status == 200
    reply.read()
    conn.close()
    names = sorted(item.original_name for item in list_items(receive_vault))
    assert names == sorted([shot.name, calls.name])
