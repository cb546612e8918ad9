"""A phone's side of a receive session, over real HTTPS: curl, and Python's http.client."""

from __future__ import annotations

import http.client
import json
import os
import ssl
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.helpers import require_tool

PIECE = 1 << 20


def curl_upload(url: str, *files: Path) -> tuple[int, dict[str, Any]]:
    """``curl -k -F file=@… URL`` as the documentation says; (HTTP status, JSON reply)."""
    args = [require_tool("curl"), "-sS", "-k", "-o", "-", "-w", "\n%{http_code}"]
    for path in files:
        args += ["-F", f"file=@{path}"]
    done = subprocess.run([*args, url], capture_output=True, check=True, timeout=300)
    body, _, status = done.stdout.decode().rpartition("\n")
    return int(status), json.loads(body) if body.strip() else {}


def connection(url: str, source: str | None = None) -> http.client.HTTPSConnection:
    """An HTTPS connection that trusts the session's own certificate (as ``curl -k``)."""
    parts = urlsplit(url)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection(
        parts.hostname or "",
        parts.port,
        context=context,
        timeout=120,
        source_address=(source, 0) if source else None,
    )


def get(url: str, source: str | None = None) -> tuple[int, bytes]:
    conn = connection(url, source)
    try:
        conn.request("GET", urlsplit(url).path)
        reply = conn.getresponse()
        return reply.status, reply.read()
    finally:
        conn.close()


def multipart(name: str, chunks: Iterator[bytes], size: int) -> tuple[str, int, Iterator[bytes]]:
    """A ``multipart/form-data`` body of one ``file`` field, generated piece by piece:
    (its content type, its length, its pieces)."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def pieces() -> Iterator[bytes]:
        yield head
        yield from chunks
        yield tail

    return f"multipart/form-data; boundary={boundary}", len(head) + size + len(tail), pieces()


def post_stream(
    url: str, name: str, chunks: Iterator[bytes], size: int, source: str | None = None
) -> tuple[int, dict[str, Any]]:
    """POST a generated file with http.client; (HTTP status, JSON reply)."""
    content_type, length, body = multipart(name, chunks, size)
    conn = connection(url, source)
    try:
        conn.putrequest(
            "POST", urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        )
        conn.putheader("Content-Type", content_type)
        conn.putheader("Content-Length", str(length))
        conn.endheaders()
        for piece in body:
            conn.send(piece)
        reply = conn.getresponse()
        data = reply.read()
        return reply.status, json.loads(data) if data else {}
    finally:
        conn.close()


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as src:
        while piece := src.read(PIECE):
            yield piece


def random_chunks(size: int) -> Iterator[bytes]:
    """``size`` bytes that do not compress, made as they are sent (never held whole)."""
    sent = 0
    while sent < size:
        piece = os.urandom(min(PIECE, size - sent))
        sent += len(piece)
        yield piece
