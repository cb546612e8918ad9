"""Receiving evidence from a phone's browser over the local network (DESIGN.md §9).

:mod:`vault.receive.session` is the session (token, pairing, limits, arrivals),
:mod:`vault.receive.server` its HTTPS server, :mod:`vault.receive.page` the one page it
serves, :mod:`vault.receive.multipart_stream` the upload body read as streams, and
:mod:`vault.receive.tls` the session's own certificate.
"""

from vault.receive.server import PairState
from vault.receive.session import Arrival, ReceiveSession

__all__ = ["Arrival", "PairState", "ReceiveSession"]
