"""A real browser for the tests: headless Chromium driven over the DevTools protocol.

The protocol runs over a pipe (``--remote-debugging-pipe``: commands on the browser's
descriptor 3, answers and events on 4, each a JSON text ended by a NUL byte), so no
driver, WebSocket library or download is needed: only Debian's ``chromium``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

BINARIES = ("chromium", "chromium-browser", "google-chrome")


def _high(fd: int) -> int:
    """``fd`` moved above 9, so that ``3<&N 4>&M`` cannot overwrite it on the way."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


def _bash() -> str:
    """bash, whose redirections take descriptors above 9 (dash's do not)."""
    return shutil.which("bash") or "/bin/bash"


def chromium_binary() -> str | None:
    return next((found for name in BINARIES if (found := shutil.which(name))), None)


def _short_temp() -> str:
    """A temp folder for Chromium itself: it makes its singleton's Unix socket below
    TMPDIR, and a socket's path has at most 107 bytes, so under a long TMPDIR (a pytest
    tmp_path) it exits at once."""
    return "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()


class Chromium:
    """One headless browser; :meth:`call` sends a command and returns its result."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser, self._commands = (_high(fd) for fd in os.pipe())
        self._answers, from_browser = (_high(fd) for fd in os.pipe())
        flags = [
            "--headless=new",
            "--no-sandbox",  # tests run as root in a container
            "--disable-gpu",
            "--no-first-run",
            "--ignore-certificate-errors",  # the session's own certificate
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        command = shlex.join([binary, *flags])
        self.process = subprocess.Popen(
            [_bash(), "-c", f"exec {command} 3<&{to_browser} 4>&{from_browser}"],
            pass_fds=(to_browser, from_browser),
            env=os.environ | {"TMPDIR": _short_temp()},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read(timeout=60)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return dict(answer.get("result", {}))

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._answers], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("the browser did not answer")
            piece = os.read(self._answers, 1 << 16)
            if not piece:
                raise ConnectionError("the browser exited")
            self._buffer += piece
        text, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(text))

    def open_page(self, url: str) -> str:
        """Open ``url`` in a new tab; returns the tab's session id."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = str(attached["sessionId"])
        self.call("Page.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        return session

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session
        )
        return result.get("result", {}).get("value")

    def wait_for(self, session: str, expression: str, timeout: float = 60) -> Any:
        """Poll ``expression`` in the page until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(session, expression)
            if value:
                return value
            time.sleep(0.2)
        raise TimeoutError(f"the page never satisfied {expression}")

    def choose_files(self, session: str, selector: str, files: list[Path]) -> None:
        """Pick ``files`` in the page's file input, as the user does (fires ``change``)."""
        root = self.call("DOM.getDocument", session=session)["root"]["nodeId"]
        node = self.call(
            "DOM.querySelector", {"nodeId": root, "selector": selector}, session=session
        )["nodeId"]
        self.call(
            "DOM.setFileInputFiles",
            {"files": [str(f) for f in files], "nodeId": node},
            session=session,
        )

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError, ConnectionError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)
