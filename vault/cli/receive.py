"""``evault receive``: take files from a phone's browser over the local network."""

from __future__ import annotations

import argparse
import json
import queue
import sys
from typing import TYPE_CHECKING, TextIO

from vault.cli.common import CommandTree, open_vault

if TYPE_CHECKING:
    from vault.receive import Arrival, ReceiveSession

_ENDED = {
    "idle": "The session ended: nothing arrived for the time given with --minutes.",
    "size_limit": "The session ended: it has taken as much as one session may.",
}


def cmd_receive(args: argparse.Namespace) -> int:
    from vault.receive import ReceiveSession  # noqa: PLC0415 - loaded when it runs

    phones: queue.Queue[str] = queue.Queue()

    def arrived(arrival: Arrival) -> None:
        if args.json:
            _line(arrival.to_json())
        else:
            print(_arrival_line(arrival), flush=True)

    with open_vault(args) as vault:
        session = ReceiveSession(
            vault,
            args.lender,
            bind=args.bind,
            port=args.port,
            idle_minutes=args.minutes,
            accept_first=args.accept_first,
            on_arrival=arrived,
            on_phone=phones.put,
        )
        session.start()
        try:
            _announce(session, as_json=args.json)
            while not session.wait(0.2):
                try:
                    phone = phones.get_nowait()
                except queue.Empty:
                    continue
                _confirm(session, phone, sys.stderr if args.json else sys.stdout)
        except KeyboardInterrupt:  # Ctrl-C is how a session is meant to end
            session.stop("interrupted")
        finally:
            session.stop()
    print(
        _ENDED.get(session.end_reason or "", "The session ended.")
        + f" {len(session.arrivals)} files arrived.",
        file=sys.stderr,
    )
    return 0


def _line(data: dict[str, object]) -> None:
    """One JSON object on one line, at once (a script reads the session as it listens)."""
    print(json.dumps(data, ensure_ascii=False), flush=True)


def _announce(session: ReceiveSession, *, as_json: bool) -> None:
    if as_json:
        _line(session.to_json())
        return
    print(f"Receiving for {session.lender} at {session.url}")
    print(f"Token: {session.token}")
    print(f"Pairing code: {session.pairing_code}")
    print(f"Certificate SHA-256 fingerprint: {session.fingerprint}")
    if not session.private_network:
        print(
            f"Warning: {session.host} is not a private network address; anyone who can "
            "reach it could try to connect.",
        )
    print(
        "Open the address on the phone (on the same Wi-Fi), or send files with "
        "curl -k -F file=@FILE URL. Press Ctrl-C to stop.",
        flush=True,
    )


def _confirm(session: ReceiveSession, phone: str, out: TextIO) -> None:
    """Ask on the terminal; with ``--json`` the question goes to ``out`` = stderr, so
    stdout holds JSON lines only."""
    print(
        f"A phone at {phone} opened the page. Does it show the pairing code "
        f"{session.pairing_code}? [y/N] ",
        end="",
        flush=True,
        file=out,
    )
    answer = sys.stdin.readline().strip().lower()
    if answer in {"y", "yes"}:
        session.accept()
        print("Accepted: files from this phone are stored as they arrive.", flush=True, file=out)
    else:
        session.refuse()
        print("Refused.", flush=True, file=out)


def _arrival_line(arrival: Arrival) -> str:
    detail = arrival.item_id or arrival.reason or ""
    line = f"{arrival.status}\t{arrival.name}\t{detail}"
    if arrival.captured_at is not None:
        line += f"\tcaptured {arrival.captured_at.isoformat()} ({arrival.time_source})"
    if arrival.backup is not None:
        line += f"\t{arrival.backup.calls} calls, {arrival.backup.sms} SMS"
    return line


def add_commands(tree: CommandTree) -> None:
    receive = tree.command(
        "receive", "receive files from a phone's browser over the local network", cmd_receive
    )
    receive.add_argument("--lender", required=True, help="the lender the files belong to")
    receive.add_argument("--bind", metavar="ADDR", help="the address to listen on")
    receive.add_argument("--port", type=int, default=0, help="the port (default: any free one)")
    receive.add_argument(
        "--minutes", type=float, metavar="M", help="end after M minutes without a request"
    )
    receive.add_argument("--json", action="store_true", help="print JSON lines")
    receive.add_argument(
        "--accept-first", action="store_true", help="accept the first phone without asking"
    )
