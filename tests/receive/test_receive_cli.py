"""``evault receive`` run as a user runs it, with curl and http.client as the phone."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.core.conftest import PASSPHRASE
from tests.receive.conftest import LENDER
from tests.receive.receive_client import curl_upload, get, post_stream, random_chunks
from vault.handle import OpenVault, unlock_vault
from vault.items import list_items

REPO = Path(__file__).resolve().parents[2]
BIG = 200 << 20
RSS_BOUND = 160 << 20  # peak resident memory of the receiving process, bytes


class _Receiving:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        assert process.stdout is not None
        self.stdout: IO[str] = process.stdout
        self.session: dict[str, Any] = json.loads(self.stdout.readline())

    def line(self) -> dict[str, Any]:
        return dict(json.loads(self.stdout.readline()))

    def peak_rss(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        return int(kib) * 1024

    def interrupt(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out, err


def _receive(vault_dir: Path, *extra: str, answer: str | None = None) -> _Receiving:
    env = {**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "vault.cli", "receive", "--vault", str(vault_dir)]
    process = subprocess.Popen(
        [*command, "--lender", LENDER, "--bind", "127.0.0.1", "--json", *extra],
        stdin=subprocess.PIPE if answer is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    if answer is not None:
        assert process.stdin is not None
        process.stdin.write(answer)
        process.stdin.flush()
    return _Receiving(process)


@pytest.fixture
def vault_dir(receive_vault: OpenVault) -> Path:
    path = receive_vault.info.path
    receive_vault.lock()  # the command opens it itself
    return path


def _items(vault_dir: Path) -> list[Any]:
    vault = unlock_vault(vault_dir, PASSPHRASE)
    try:
        return list_items(vault)
    finally:
        vault.lock()


def test_the_command_prints_the_session_and_each_arrival(
    vault_dir: Path, phone_files: dict[str, Path]
) -> None:
    receiving = _receive(vault_dir, "--accept-first")
    session = receiving.session
    assert set(session) >= {"url", "token", "pairing_code", "fingerprint"}
    assert session["url"].endswith(f"/r/{session['token']}")
    assert len(session["pairing_code"]) == 6
    assert len(session["fingerprint"].split(":")) == 32
    status, reply = curl_upload(session["url"], phone_files["recording"])
    arrival = receiving.line()
    code, _out, err = receiving.interrupt()
    assert status == 200
    assert arrival["status"] == "imported"
    assert arrival["item_id"] == reply["results"][0]["item_id"]
    assert arrival["time_source"] == "file_name"
    assert code == 0, err
    [item] = _items(vault_dir)
    assert item.sha256 == hashlib.sha256(phone_files["recording"].read_bytes()).hexdigest()


def test_with_json_the_pairing_question_goes_to_stderr(
    vault_dir: Path, phone_files: dict[str, Path]
) -> None:
    receiving = _receive(vault_dir, answer="y\n")
    url = receiving.session["url"]
    get(url)  # the phone opens the page: the laptop asks
    deadline = time.monotonic() + 30
    status, reply = curl_upload(url, phone_files["recording"])
    while status != 200 and time.monotonic() < deadline:
        time.sleep(0.2)  # the answer is read by the command's loop, five times a second
        status, reply = curl_upload(url, phone_files["recording"])
    assert status == 200, reply
    arrival = receiving.line()
    code, out, err = receiving.interrupt()
    assert code == 0, err
    assert arrival["status"] == "imported"
    assert f"pairing code {receiving.session['pairing_code']}" in err
    assert "Accepted" in err
    for line in out.splitlines():  # whatever else stdout held is JSON too
        json.loads(line)
    assert "pairing code" not in out


def test_the_command_ends_after_its_minutes(vault_dir: Path) -> None:
    receiving = _receive(vault_dir, "--accept-first", "--minutes", "0.02")
    code = receiving.process.wait(timeout=30)
    assert code == 0
    assert receiving.process.stderr is not None
    assert "nothing arrived" in receiving.process.stderr.read()


@pytest.mark.slow
def test_a_200_mib_upload_streams_with_flat_memory(vault_dir: Path) -> None:
    receiving = _receive(vault_dir, "--accept-first")
    before = receiving.peak_rss()
    digest = hashlib.sha256()

    def hashed(chunks: Iterator[bytes]) -> Iterator[bytes]:
        for piece in chunks:
            digest.update(piece)
            yield piece

    status, reply = post_stream(
        receiving.session["url"], "big-recording.m4a", hashed(random_chunks(BIG)), BIG
    )
    arrival = receiving.line()
    peak = receiving.peak_rss()
    code, _out, err = receiving.interrupt()
    assert status == 200, reply
    assert arrival["status"] == "imported"
    assert arrival["size"] == BIG
    print(f"receive peak RSS {peak >> 20} MiB (before the upload {before >> 20} MiB)")
    assert peak < RSS_BOUND
    assert peak - before < 100 << 20
    assert code == 0, err
    [item] = _items(vault_dir)
    assert item.sha256 == digest.hexdigest()
