"""A receive session: one phone sends files to one lender of an unlocked vault.

The session makes a one-time token (in the URL, so in the QR code), a six-digit
pairing code (shown on the computer and on the phone's page), and its own certificate
(:mod:`vault.receive.tls`), then serves :mod:`vault.receive.server` on the computer's
local network address. The first phone to open the page must be accepted on the
computer (:meth:`ReceiveSession.accept`), unless ``accept_first``; any other client is
refused: one phone per session. Each file it sends is imported as it arrives
(:func:`vault.importing.import_upload`), one at a time, and reported to ``on_arrival``.
The session ends when it is stopped, after ``idle_minutes`` without a request, or once
``max_total`` bytes have arrived.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from vault.dto import BackupImportReport, ImportStatus
from vault.errors import UsageError
from vault.receive.server import PairState, ReceiveServer
from vault.receive.tls import make_certificate

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

MAX_REQUEST = 8 << 30  # one upload request, bytes
MAX_TOTAL = 32 << 30  # everything one session takes


class ReceiveBindError(UsageError):
    code = "receive_bind"


@dataclass(frozen=True)
class Arrival:
    """One file that arrived, and what became of it."""

    name: str
    status: ImportStatus
    client: str
    item_id: str | None = None
    kind: str | None = None
    captured_at: datetime | None = None
    captured_offset_min: int | None = None
    time_source: str | None = None
    size: int | None = None
    reason: str | None = None
    code: str | None = None
    backup: BackupImportReport | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": str(self.status),
            "client": self.client,
            "item_id": self.item_id,
            "kind": self.kind,
            "captured_at": self.captured_at.isoformat() if self.captured_at else None,
            "time_source": self.time_source,
            "size": self.size,
            "message": self.reason,
            "code": self.code,
            "calls": self.backup.calls if self.backup else None,
            "sms": self.backup.sms if self.backup else None,
        }


@dataclass
class _Pairing:
    phone: str | None = None  # the accepted client's address
    pending: str | None = None  # the first client, waiting to be accepted
    refused: set[str] = field(default_factory=set)


def lan_address() -> str:
    """The address this computer uses toward its local network (127.0.0.1 if none).

    Connecting a UDP socket sends nothing; it only makes the system pick the route.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def is_private(address: str) -> bool:
    """Whether ``address`` is on a private, link-local or loopback network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local


class ReceiveSession:
    """Serve one upload page for ``lender`` of ``vault``; :meth:`start`, then :meth:`stop`."""

    def __init__(
        self,
        vault: OpenVault,
        lender: str,
        *,
        bind: str | None = None,
        port: int = 0,
        idle_minutes: float | None = None,
        accept_first: bool = False,
        language: str | None = None,
        max_request: int = MAX_REQUEST,
        max_total: int = MAX_TOTAL,
        on_arrival: Callable[[Arrival], None] | None = None,
        on_phone: Callable[[str], None] | None = None,
    ) -> None:
        from vault.lenders import lender_id_of  # noqa: PLC0415 - checks the lender exists

        lender_id_of(vault, lender)
        self.vault = vault
        self.lender = lender
        self.host = bind or lan_address()
        self.requested_port = port
        self.idle_seconds = idle_minutes * 60 if idle_minutes else None
        self.accept_first = accept_first
        self.language = language
        self.max_request = max_request
        self.max_total = max_total
        self.on_arrival = on_arrival
        self.on_phone = on_phone
        self.token = secrets.token_urlsafe(24)
        self.pairing_code = f"{secrets.randbelow(10**6):06d}"
        self.certificate = make_certificate(self.host)
        self.received = 0
        self.arrivals: list[Arrival] = []
        self.ended = threading.Event()
        self.end_reason: str | None = None
        self._pairing = _Pairing()
        self._lock = threading.Lock()
        self._import_lock = threading.Lock()
        self._last_activity = time.monotonic()
        self._server: ReceiveServer | None = None
        self._threads: list[threading.Thread] = []

    # --- what is shown --------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else self.requested_port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}/r/{self.token}"

    @property
    def private_network(self) -> bool:
        return is_private(self.host)

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "token": self.token,
            "pairing_code": self.pairing_code,
            "fingerprint": self.fingerprint,
            "address": self.host,
            "port": self.port,
            "private_network": self.private_network,
        }

    # --- running --------------------------------------------------------------------

    def start(self) -> None:
        """Bind and serve on background threads (returns once it listens)."""
        try:
            self._server = ReceiveServer(self, (self.host, self.requested_port))
        except OSError as error:
            raise ReceiveBindError(
                f"Could not listen on {self.host} port {self.requested_port}: "
                f"{error.strerror or error}."
            ) from None
        serving = threading.Thread(
            target=self._server.serve_forever, name="receive-serve", daemon=True
        )
        watch = threading.Thread(target=self._watch, name="receive-watch", daemon=True)
        self._threads = [serving, watch]
        for thread in self._threads:
            thread.start()

    def stop(self, reason: str = "stopped") -> None:
        """End the session: no more requests are taken; the current import finishes."""
        with self._lock:
            if self.end_reason is None:
                self.end_reason = reason
        self.ended.set()
        server = self._server
        if server is not None:
            server.shutdown()
            server.server_close()
            with self._import_lock:  # wait for an import under way to end
                pass
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the session ends; True if it did."""
        return self.ended.wait(timeout)

    def _watch(self) -> None:
        while not self.ended.wait(1.0):
            if self.idle_seconds is not None and self._idle() > self.idle_seconds:
                threading.Thread(target=self.stop, args=("idle",), daemon=True).start()
                return

    def _idle(self) -> float:
        """Seconds without a request; a file still arriving counts as activity."""
        if self._import_lock.locked():
            return 0.0
        with self._lock:
            return time.monotonic() - self._last_activity

    def touch(self) -> None:
        with self._lock:
            self._last_activity = time.monotonic()

    # --- pairing --------------------------------------------------------------------

    def state_of(self, client: str) -> PairState:
        """Where ``client`` stands; the first client becomes the pending phone."""
        notify = False
        with self._lock:
            pairing = self._pairing
            if pairing.phone == client:
                return PairState.PAIRED
            if pairing.phone is not None or client in pairing.refused:
                return PairState.REFUSED
            if pairing.pending is None:
                if self.accept_first:
                    pairing.phone = client
                    return PairState.PAIRED
                pairing.pending = client
                notify = True
            elif pairing.pending != client:
                return PairState.REFUSED
        if notify and self.on_phone is not None:
            self.on_phone(client)
        return PairState.WAITING

    @property
    def pending_phone(self) -> str | None:
        with self._lock:
            return self._pairing.pending

    @property
    def phone(self) -> str | None:
        with self._lock:
            return self._pairing.phone

    def accept(self) -> None:
        """Accept the phone waiting to be accepted (its page shows the same code)."""
        with self._lock:
            if self._pairing.pending is not None and self._pairing.phone is None:
                self._pairing.phone = self._pairing.pending

    def refuse(self) -> None:
        """Refuse the waiting phone; the next one to open the page may ask instead."""
        with self._lock:
            if self._pairing.pending is not None:
                self._pairing.refused.add(self._pairing.pending)
                self._pairing.pending = None

    # --- arrivals -------------------------------------------------------------------

    def admit(self, length: int) -> bool:
        """Reserve ``length`` bytes of the session's total; False once it is used up."""
        with self._lock:
            if self.received + length > self.max_total:
                return False
            self.received += length
            return True

    def receive(self, src: BinaryIO, name: str, client: str, mtime: float | None) -> Arrival:
        """Import one uploaded file (one at a time); raises what reading the upload raised."""
        from vault.importing import import_upload  # noqa: PLC0415 - loaded when it runs
        from vault.items import get_item  # noqa: PLC0415

        with self._import_lock:
            result, backup = import_upload(self.vault, src, name, lender=self.lender, mtime=mtime)
            item_id = result.item_id or result.duplicate_of
            item = get_item(self.vault, item_id) if item_id else None
        arrival = Arrival(
            name=name,
            status=result.status,
            client=client,
            item_id=item_id,
            kind=item.kind if item else None,
            captured_at=item.captured_at if item else None,
            captured_offset_min=item.captured_offset_min if item else None,
            time_source=item.time_source if item else None,
            size=item.size if item else None,
            reason=result.reason,
            code=result.code,
            backup=backup,
        )
        with self._lock:
            self.arrivals.append(arrival)
        logger.info("received a file: %s", result.status)
        if self.on_arrival is not None:
            self.on_arrival(arrival)
        return arrival
