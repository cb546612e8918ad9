"""The HTTPS server of a receive session: one page, one upload address, nothing else.

``GET /r/<token>`` is the page, ``GET /r/<token>/state`` tells the page whether the
computer accepted this phone, ``POST /r/<token>`` takes a ``multipart/form-data`` body
whose ``file`` fields are imported one by one as they arrive (other fields are read
and dropped). Any other path, a wrong token or a method other than these is a bare 404;
an address that keeps guessing is ignored. Requests need a ``Content-Length`` within
the session's bounds. TLS is set up in the request's own thread, so a slow or broken
handshake holds up no one else.
"""

from __future__ import annotations

import contextlib
import enum
import hmac
import json
import logging
import socket
import ssl
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, BinaryIO, Protocol, cast
from urllib.parse import parse_qs, urlsplit

from vault.errors import VaultError
from vault.receive.multipart_stream import MalformedUploadError, MultipartBody
from vault.receive.page import choose_language, render_page
from vault.receive.tls import SessionCertificate

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 60.0  # seconds a phone may stay silent mid-request
MAX_MTIME_MS = 1 << 45
DRAIN_LIMIT = 1 << 20  # a refused body up to this size is read before the answer
BAD_REQUESTS = 20  # wrong-token requests from one address before it is ignored
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
)


class PairState(enum.StrEnum):
    WAITING = "waiting"  # no phone yet, or one waiting to be accepted
    PAIRED = "paired"
    REFUSED = "refused"


class _Arrival(Protocol):
    def to_json(self) -> dict[str, object]: ...


class ReceiveSession(Protocol):
    """What the server asks of its session (:class:`vault.receive.session.ReceiveSession`)."""

    certificate: SessionCertificate
    ended: threading.Event
    token: str
    pairing_code: str
    language: str | None
    max_request: int

    def touch(self) -> None: ...
    def state_of(self, client: str) -> PairState: ...
    def admit(self, length: int) -> bool: ...
    def receive(self, src: BinaryIO, name: str, client: str, mtime: float | None) -> _Arrival: ...
    def stop(self, reason: str = ...) -> None: ...


class ReceiveServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 8

    def __init__(self, session: ReceiveSession, address: tuple[str, int]) -> None:
        self.session = session
        self.bad = Counter[str]()
        self.bad_lock = threading.Lock()
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = self.socket.accept()
        wrapped = self.session.certificate.context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        )
        return wrapped, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.info("a receive request failed", exc_info=True)

    def blocked(self, client: str) -> bool:
        with self.bad_lock:
            return self.bad[client] >= BAD_REQUESTS

    def count_bad(self, client: str) -> None:
        with self.bad_lock:
            self.bad[client] += 1


class _Handler(BaseHTTPRequestHandler):
    server: ReceiveServer
    timeout = SOCKET_TIMEOUT
    server_version = "EvidenceVault"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(ssl.SSLError, OSError):
            cast(ssl.SSLSocket, self.connection).do_handshake()

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("receive: " + format, *args)

    @property
    def client(self) -> str:
        return str(self.client_address[0])

    @property
    def session(self) -> ReceiveSession:
        return self.server.session

    # --- routing --------------------------------------------------------------------

    def _route(self) -> str | None:
        """``""`` for the session URL, ``"state"`` for its state, None for anything else."""
        if self.server.blocked(self.client) or self.session.ended.is_set():
            return None
        parts = urlsplit(self.path).path.split("/")
        if len(parts) not in (3, 4) or parts[0] or parts[1] != "r":
            return None
        if not hmac.compare_digest(parts[2].encode(), self.session.token.encode()):
            return None
        return parts[3] if len(parts) == 4 else ""

    def _not_found(self) -> None:
        self.server.count_bad(self.client)
        self._send(404, b"", "text/plain")

    def do_GET(self) -> None:
        route = self._route()
        if route is None:
            self._not_found()
            return
        self.session.touch()
        state = self.session.state_of(self.client)
        if route == "state":
            self._json(200, {"state": str(state)})
        elif state is PairState.REFUSED:
            self._send(403, b"", "text/plain")  # the page shows the pairing code
        elif route == "":
            language = choose_language(self.headers.get("Accept-Language"), self.session.language)
            self._send(200, render_page(language, self.session.pairing_code), "text/html")
        else:
            self._not_found()

    def do_POST(self) -> None:
        if self._route() != "":
            self._not_found()
            return
        self.session.touch()
        state = self.session.state_of(self.client)
        if state is not PairState.PAIRED:
            status = 409 if state is PairState.WAITING else 403
            self._drain()
            self._json(status, {"state": str(state), "results": []})
            return
        length = self._length()
        if length is None:
            return
        try:
            body = MultipartBody(
                cast(BinaryIO, self.rfile), length, self.headers.get("Content-Type", "")
            )
            results = self._import_parts(body)
        except (MalformedUploadError, OSError, VaultError) as error:
            # An interrupted or broken upload: its file is gone with it; the earlier
            # files of the request are stored.
            logger.info("an upload ended early: %s", type(error).__name__)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._json(400, {"error": str(error), "results": []})
            return
        self._json(200, {"results": results})

    def _drain(self) -> None:
        """Read and drop a small refused body, so that the sender reads the answer (a
        large one is cut off: the connection closes after the answer)."""
        text = self.headers.get("Content-Length", "")
        if text.isdigit() and int(text) <= DRAIN_LIMIT:
            self.rfile.read(int(text))
        else:
            self.close_connection = True

    def _length(self) -> int | None:
        text = self.headers.get("Content-Length")
        if text is None or not text.isdigit():
            self._json(411, {"error": "Content-Length is required.", "results": []})
            return None
        length = int(text)
        if length > self.session.max_request:
            self._drain()
            self._json(413, {"error": "The upload is too large.", "results": []})
            return None
        if not self.session.admit(length):
            self._drain()
            self._json(413, {"error": "The session has taken all it may.", "results": []})
            threading.Thread(target=self.session.stop, args=("size_limit",), daemon=True).start()
            return None
        return length

    def _import_parts(self, body: MultipartBody) -> list[dict[str, object]]:
        mtime = self._mtime()
        results = []
        for part in body.parts():
            if part.name != "file" or part.filename is None:
                continue
            stream = cast(BinaryIO, part.stream)
            arrival = self.session.receive(stream, part.filename, self.client, mtime)
            self.session.touch()
            results.append(arrival.to_json())
        return results

    def _mtime(self) -> float | None:
        values = parse_qs(urlsplit(self.path).query).get("last_modified", [])
        if len(values) == 1 and values[0].isdigit() and 0 < int(values[0]) < MAX_MTIME_MS:
            return int(values[0]) / 1000
        return None

    # --- responses ------------------------------------------------------------------

    def _json(self, status: int, data: dict[str, object]) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def _send(self, status: int, body: bytes, media_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", _CSP)
        self.end_headers()
        self.wfile.write(body)
