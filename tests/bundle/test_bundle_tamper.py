"""Tampering with an exported bundle: ``evault verify`` exits 1 and names the problem, and
the standard tools fail too wherever they can see the change."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.bundle.conftest import PASSPHRASE, Exported
from tests.helpers import REPO, require_tool
from vault import cli
from vault.bundle import layout
from vault.keys import VaultKeys, read_identity
from vault.sshsig import allowed_signers_line, fingerprint, sign

Files = dict[str, bytes]


def rewrite(source: Path, target: Path, change: Callable[[Files], Files]) -> Path:
    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in change(files).items():
            archive.writestr(name, data)
    return target


def evault_verify(bundle: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``evault verify`` in this process (the CLI's own main; exit code and output)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["verify", str(bundle), *extra])
    return subprocess.CompletedProcess([], code, out.getvalue(), err.getvalue())


def evault_verify_process(bundle: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``evault verify`` as a separate process, as a receiver runs it."""
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", "verify", str(bundle), *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def standard_tools(bundle: Path, folder: Path) -> tuple[int, int]:
    """Exit codes of ``sha256sum -c`` and ``ssh-keygen -Y verify`` on the unzipped bundle."""
    subprocess.run([require_tool("unzip"), "-q", str(bundle), "-d", str(folder)], check=True)
    sums = subprocess.run(
        [require_tool("sha256sum"), "--quiet", "-c", layout.SHA256SUMS],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    with (folder / layout.SHA256SUMS).open("rb") as message:
        signature = subprocess.run(
            [
                require_tool("ssh-keygen"),
                *("-Y", "verify", "-f", layout.ALLOWED_SIGNERS, "-I", "evidence-vault"),
                *("-n", "evidence-vault", "-s", layout.SIGNATURE),
            ],
            cwd=folder,
            stdin=message,
            capture_output=True,
            check=False,
        )
    return sums.returncode, signature.returncode


def flip_middle_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def test_an_untouched_bundle_verifies(exported: Exported) -> None:
    result = evault_verify_process(exported.bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: VALID" in result.stdout
    assert exported.result.signer_fingerprint in result.stdout
    assert "another way" in result.stdout  # compare the key out of band


def bundle_names(exported: Exported) -> list[str]:
    with zipfile.ZipFile(exported.bundle) as archive:
        return archive.namelist()


@pytest.mark.parametrize("index", range(12))
def test_one_changed_byte_in_any_file_is_found(
    exported: Exported, tmp_path: Path, index: int
) -> None:
    names = bundle_names(exported)
    assert len(names) == 12, names  # one case per file: keep the parameter range in step
    name = names[index]
    bundle = rewrite(
        exported.bundle, tmp_path / "t.zip", lambda f: f | {name: flip_middle_byte(f[name])}
    )
    result = evault_verify(bundle)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Result: INVALID" in result.stdout
    if name not in layout.NOT_SUMMED:
        assert f"{name} does not match its SHA-256 in SHA256SUMS" in result.stdout
    sums, signature = standard_tools(bundle, tmp_path / "b")
    if name in {layout.SHA256SUMS, layout.SIGNATURE, layout.ALLOWED_SIGNERS}:
        assert signature != 0
    if name not in {layout.SIGNATURE}:
        assert sums != 0 or signature != 0


def test_a_renamed_file_is_found(exported: Exported, tmp_path: Path) -> None:
    old = next(iter(exported.originals))
    new = old.replace("001_", "101_")
    bundle = rewrite(
        exported.bundle,
        tmp_path / "t.zip",
        lambda f: {(new if k == old else k): v for k, v in f.items()},
    )
    result = evault_verify(bundle)
    assert result.returncode == 1
    assert f"{new} is in the bundle but not in SHA256SUMS" in result.stdout
    assert f"{old} is listed in SHA256SUMS but missing" in result.stdout
    assert standard_tools(bundle, tmp_path / "b")[0] != 0


def test_a_removed_file_is_found(exported: Exported, tmp_path: Path) -> None:
    gone = sorted(exported.originals)[-1]
    bundle = rewrite(
        exported.bundle, tmp_path / "t.zip", lambda f: {k: v for k, v in f.items() if k != gone}
    )
    result = evault_verify(bundle)
    assert result.returncode == 1
    assert f"{gone} is listed in SHA256SUMS but missing from the bundle" in result.stdout
    assert f"{gone}) is in manifest.json but not in the bundle" in result.stdout
    assert standard_tools(bundle, tmp_path / "b")[0] != 0


def test_an_added_file_is_found(exported: Exported, tmp_path: Path) -> None:
    extra = "evidence/微粒貸/999_2024-01-01_screenshot.png"
    bundle = rewrite(exported.bundle, tmp_path / "t.zip", lambda f: f | {extra: b"forged"})
    result = evault_verify_process(bundle)
    assert result.returncode == 1
    assert f"{extra} is in the bundle but not in SHA256SUMS" in result.stdout
    assert f"{extra} is under evidence/ but not described in manifest.json" in result.stdout


def vault_signing_key(exported: Exported) -> Ed25519PrivateKey:
    identity, _ = read_identity(exported.vault_dir, PASSPHRASE)
    return VaultKeys.from_identity(identity).signing_key


def resum(files: Files, key: Ed25519PrivateKey, *, replace_signer: bool) -> Files:
    entries = [(k, hashlib.sha256(v).hexdigest()) for k, v in files.items()]
    if replace_signer:
        signer = allowed_signers_line("evidence-vault", key.public_key()) + "\n"
        files = files | {layout.ALLOWED_SIGNERS: signer.encode()}
        entries = [(k, hashlib.sha256(files[k]).hexdigest()) for k, _ in entries]
    sums = layout.format_sums([(k, d) for k, d in entries if k not in layout.NOT_SUMMED])
    return files | {
        layout.SHA256SUMS: sums,
        layout.SIGNATURE: sign(key, sums, "evidence-vault").encode(),
    }


def test_an_edited_manifest_with_fresh_sums_fails_the_signature(
    exported: Exported, tmp_path: Path
) -> None:
    def edit(files: Files) -> Files:
        manifest = json.loads(files[layout.MANIFEST])
        manifest["items"][0]["title"] = "edited"
        changed = files | {layout.MANIFEST: json.dumps(manifest).encode()}
        entries = [(k, hashlib.sha256(v).hexdigest()) for k, v in changed.items()]
        sums = layout.format_sums([(k, d) for k, d in entries if k not in layout.NOT_SUMMED])
        return changed | {layout.SHA256SUMS: sums}

    bundle = rewrite(exported.bundle, tmp_path / "t.zip", edit)
    result = evault_verify(bundle)
    assert result.returncode == 1
    assert "FAILED  signature: The signature of SHA256SUMS is not valid" in result.stdout
    assert standard_tools(bundle, tmp_path / "b") == (0, 255)


def test_re_signing_with_another_key_is_found(exported: Exported, tmp_path: Path) -> None:
    other = Ed25519PrivateKey.generate()
    bundle = rewrite(
        exported.bundle, tmp_path / "t.zip", lambda f: resum(f, other, replace_signer=True)
    )
    result = evault_verify(bundle)
    assert result.returncode == 1
    assert "manifest.json names a different vault key than allowed_signers" in result.stdout
    # The standard tools trust the key inside the bundle; only comparing it out of band
    # (or evault verify --expect-key) tells the forgery apart.
    assert standard_tools(bundle, tmp_path / "b") == (0, 0)
    expected = evault_verify(exported.bundle, "--expect-key", exported.result.signer_fingerprint)
    assert expected.returncode == 0, expected.stdout
    forged = evault_verify(bundle, "--expect-key", exported.result.signer_fingerprint)
    assert forged.returncode == 1
    assert fingerprint(other.public_key()) in forged.stdout


def test_a_custody_event_edited_and_re_signed_with_the_vault_key_is_found(
    exported: Exported, tmp_path: Path
) -> None:
    key = vault_signing_key(exported)

    def edit(files: Files) -> Files:
        manifest = json.loads(files[layout.MANIFEST])
        manifest["items"][1]["custody"][0]["payload"]["original_name"] = "other.m4a"
        return resum(
            files | {layout.MANIFEST: json.dumps(manifest).encode()}, key, replace_signer=False
        )

    bundle = rewrite(exported.bundle, tmp_path / "t.zip", edit)
    result = evault_verify(bundle, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    failed = {c["name"]: c for c in report["checks"] if not c["ok"]}
    assert list(failed) == ["custody"]
    assert "Item 2: Custody event" in failed["custody"]["problems"][0]
    assert "was altered" in failed["custody"]["problems"][0]


def test_crlf_signature_verifies(exported: Exported, tmp_path: Path) -> None:
    """A receiver on Windows may rewrite line ends in SHA256SUMS.sig (not covered by
    SHA256SUMS); OpenSSH 10 still accepts that, so do we."""

    def crlf(files: Files) -> Files:
        sig = files[layout.SIGNATURE].replace(b"\r\n", b"\n")
        files[layout.SIGNATURE] = sig.replace(b"\n", b"\r\n")
        return files

    result = evault_verify(rewrite(exported.bundle, tmp_path / "crlf.zip", crlf))
    assert result.returncode == 0, result.stdout + result.stderr
