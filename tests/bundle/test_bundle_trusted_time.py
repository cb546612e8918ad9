"""Trusted time in an exported bundle, against a real RFC 3161 TSA on 127.0.0.1.

Two lenders' evidence is imported in batches and stamped; one lender is exported with
``evault export --tsa``. The receiver's standard tools (unzip, sha256sum, ssh-keygen,
openssl ts) verify everything README.txt tells them to, ``evault verify`` reports when
each item existed, the other lender leaves no trace, and every kind of tampering with
time evidence is named.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, require_tool
from tests.trusted_time.conftest import evidence, pki  # noqa: F401 - pki is a fixture
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault.bundle import layout, readme
from vault.bundle.manifest import NO_TIME_NOTE
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.sshsig import sign
from vault.trusted_time import servers, stamping

PASSPHRASE = "correct horse battery staple"
MINE, OTHER = "好运贷", "微粒贷"


@dataclass(frozen=True)
class Scenario:
    vault_dir: Path
    pki: Pki
    bundle: Path  # exported with the TSA up: has SHA256SUMS.tsr
    export_output: str
    offline_bundle: Path  # exported with every TSA down
    offline_output: str
    stamped: dict[str, str]  # item id -> original name, for items in a stamped checkpoint
    unstamped: dict[str, str]
    others: list[dict[str, str | None]]  # the other lender's ids, hashes, names


def evault(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "vault.cli", *args],
        cwd=REPO,
        env={**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsr"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[Scenario]:  # noqa: F811
    root = tmp_path_factory.mktemp("timed")
    tsa = LocalTsa(pki).start()
    try:
        vault, _ = create_vault(
            root / "vault", PASSPHRASE, work_factor=10, time_zone="Asia/Shanghai"
        )
        try:
            for entry in servers.tsa_list(vault):
                servers.remove_tsa(vault, entry.url)
            servers.add_tsa(vault, tsa.url, ca_pem=pki.ca.read_text())
            add_lender(vault, MINE)
            add_lender(vault, OTHER)
            import_paths(vault, evidence(root / "a1", 3, tag="a1"), lender=MINE)
            import_paths(vault, evidence(root / "b1", 3, tag="b1"), lender=OTHER)
            assert stamping.stamp_pending(vault).stamped
            import_paths(vault, evidence(root / "a2", 2, tag="a2"), lender=MINE)
            assert stamping.stamp_pending(vault).stamped
            import_paths(vault, evidence(root / "a3", 1, tag="a3"), lender=MINE)  # not stamped
            # From now on the vault's own TSA is unreachable: SHA256SUMS.tsr can only come
            # from the server given with --tsa (its root is the one the vault knows).
            servers.remove_tsa(vault, tsa.url)
            servers.add_tsa(vault, closed_port_url(), ca_pem=pki.ca.read_text())
            mine = list_items(vault, lender=MINE)
            others = [
                {"id": i.id, "sha256": i.sha256, "sm3": i.sm3, "name": i.original_name}
                for i in list_items(vault, lender=OTHER)
            ]
        finally:
            vault.lock()
        bundle = root / f"证据包_{MINE}_2026-12-03.zip"  # the default form of name
        common = ("--vault", str(root / "vault"), "--lender", MINE, "--lang", "en")
        done = evault("export", *common, "--out", str(bundle), "--tsa", tsa.url)
    finally:
        tsa.stop()
    offline_bundle = root / "offline.zip"
    offline = evault("export", *common, "--out", str(offline_bundle), "--tsa", tsa.url)
    yield Scenario(
        vault_dir=root / "vault",
        pki=pki,
        bundle=bundle,
        export_output=done.stdout,
        offline_bundle=offline_bundle,
        offline_output=offline.stdout,
        stamped={i.id: i.original_name for i in mine if "a3" not in i.original_name},
        unstamped={i.id: i.original_name for i in mine if "a3" in i.original_name},
        others=others,
    )


def manifest_of(bundle: Path) -> dict[str, Any]:
    with zipfile.ZipFile(bundle) as archive:
        loaded: dict[str, Any] = json.loads(archive.read(layout.MANIFEST))
    return loaded


def readme_commands(folder: Path, ca: Path) -> list[str]:
    """Every verification command README.txt prints, once, with the TSA root filled in."""
    text = (folder / layout.README).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    wanted = [line for line in lines if line.startswith(("openssl ts -verify", "ssh-keygen -Y"))]
    return [c.replace(readme.TSA_ROOT, shlex.quote(str(ca))) for c in dict.fromkeys(wanted)]


def test_export_reports_what_is_timestamped(scenario: Scenario) -> None:
    out = scenario.export_output
    assert f"{len(scenario.stamped)} items carry a proof to a timestamped checkpoint" in out
    assert "1 are not yet timestamped" in out
    assert re.search(
        r"SHA256SUMS.tsr: SHA256SUMS stamped at \S+Z by Evidence Vault Test TSA\.", out
    )
    assert "No time-stamp server answered: the bundle has no SHA256SUMS.tsr" in (
        scenario.offline_output
    )
    with zipfile.ZipFile(scenario.offline_bundle) as archive:
        assert layout.TIMESTAMP_TOKEN not in archive.namelist()
    with zipfile.ZipFile(scenario.bundle) as archive:
        assert layout.TIMESTAMP_TOKEN in archive.namelist()


def test_manifest_carries_proofs_and_says_which_items_have_none(scenario: Scenario) -> None:
    manifest = manifest_of(scenario.bundle)
    assert manifest["schema_version"] == 3
    by_id = {item["id"]: item for item in manifest["items"]}
    assert sorted(by_id) == sorted([*scenario.stamped, *scenario.unstamped])
    for item_id in scenario.stamped:
        entry = by_id[item_id]
        proof = entry["inclusion_proof"]
        assert entry["checkpoint"] == proof["checkpoint"] and entry["time_note"] is None
        assert proof["statement"].startswith("timestamps/checkpoint-")
    for item_id in scenario.unstamped:
        entry = by_id[item_id]
        assert entry["checkpoint"] is None and entry["inclusion_proof"] is None
        assert entry["time_note"] == NO_TIME_NOTE
    statements = {by_id[i]["inclusion_proof"]["statement"] for i in scenario.stamped}
    assert len(statements) == 2  # two stamped batches, each item in the earliest
    assert sorted(c["statement"] for c in manifest["checkpoints"]) == sorted(statements)
    with zipfile.ZipFile(scenario.bundle) as archive:
        html = archive.read(layout.REPORT_HTML).decode("utf-8")
    assert "existed no later than" in html and "Evidence Vault Test TSA" in html
    assert "no trusted time is proven for them" in html


def test_standard_tools_verify_everything_readme_prints(scenario: Scenario, tmp_path: Path) -> None:
    shutil.copy(scenario.bundle, tmp_path / scenario.bundle.name)
    with zipfile.ZipFile(scenario.bundle) as archive:
        text = archive.read(layout.README).decode("utf-8-sig")
    (first,) = {line.strip() for line in text.splitlines() if line.strip().startswith("unzip ")}
    assert f"'{scenario.bundle.name}'" in first
    require_tool("unzip")
    unpacked = subprocess.run(
        ["bash", "-c", f"{first} && pwd"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert unpacked.returncode == 0, unpacked.stderr
    folder = Path(unpacked.stdout.splitlines()[-1])
    assert folder == tmp_path / readme.FOLDER, "the line ends inside the unpacked bundle"
    sums = subprocess.run(
        [require_tool("sha256sum"), "-c", layout.SHA256SUMS],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert sums.returncode == 0, sums.stdout + sums.stderr
    listed = {
        line.split("  ", 1)[1]
        for line in (folder / layout.SHA256SUMS).read_text(encoding="utf-8").splitlines()
    }
    time_files = {str(p.relative_to(folder)) for p in (folder / "timestamps").iterdir()}
    assert time_files <= listed
    assert {Path(f).suffix for f in time_files} == {".json", ".sig", ".tsr", ".pem"}
    require_tool("openssl")
    require_tool("ssh-keygen")
    commands = readme_commands(folder, scenario.pki.ca)
    statements = sorted(f for f in time_files if f.endswith(".json"))
    assert (
        f"openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile {scenario.pki.ca}"
        in commands
    )
    for statement in statements:
        assert any(f"-data {statement} -in {statement}.tsr" in c for c in commands), statement
        assert any(f"-s {statement}.sig < {statement}" in c for c in commands), statement
    assert len(commands) == 2 + 2 * len(statements)
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=folder, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        if command.startswith("openssl"):
            assert "Verification: OK" in done.stdout, command
        else:
            assert 'Good "evidence-vault" signature' in done.stdout, command


def test_evault_verify_reports_when_each_item_existed(scenario: Scenario) -> None:
    done = evault("verify", str(scenario.bundle), "--tsa-ca", str(scenario.pki.ca))
    lines = done.stdout.splitlines()
    proven = [
        line
        for line in lines
        if re.fullmatch(r"\s+\d+ evidence/\S+: existed no later than \S+Z \(.*\)", line)
    ]
    assert len(proven) == len(scenario.stamped)
    assert all(line.endswith("(Evidence Vault Test TSA)") for line in proven)
    assert any(
        re.fullmatch(r"\s+SHA256SUMS existed no later than \S+Z \(Evidence Vault Test TSA\)", line)
        for line in lines
    )
    not_proven = [line for line in lines if "time not proven" in line]
    assert len(not_proven) == len(scenario.unstamped)
    assert "No timestamp covers this item yet." in not_proven[0]
    assert "Result: VALID" in lines

    as_json = json.loads(
        evault("verify", str(scenario.bundle), "--tsa-ca", str(scenario.pki.ca), "--json").stdout
    )
    assert as_json["valid"] is True
    statuses = {t["item_id"]: t["status"] for t in as_json["item_times"]}
    assert statuses == {i: "proven" for i in scenario.stamped} | {
        i: "none" for i in scenario.unstamped
    }
    assert as_json["bundle_time"]["status"] == "proven"
    assert as_json["bundle_time"]["tsa_name"] == "Evidence Vault Test TSA"
    existed = {t["item_id"]: t["existed_by"] for t in as_json["item_times"]}
    assert all(existed[i] for i in scenario.stamped)


def test_without_the_tsa_root_the_tokens_are_untrusted_not_invalid(scenario: Scenario) -> None:
    done = evault("verify", str(scenario.bundle), "--json")
    result = json.loads(done.stdout)
    assert result["valid"] is True  # integrity holds; time is reported as not proven
    assert {t["status"] for t in result["item_times"]} == {"untrusted", "none"}
    assert all(
        "trusted root" in t["message"] for t in result["item_times"] if t["status"] == "untrusted"
    )
    assert result["bundle_time"]["status"] == "untrusted"
    human = evault("verify", str(scenario.bundle)).stdout
    assert "existed no later than" not in human
    assert "No trusted time is proven for any item" in human
    assert "give it with --tsa-ca" in human


def test_the_bundle_holds_nothing_of_the_other_lender(scenario: Scenario) -> None:
    with zipfile.ZipFile(scenario.bundle) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        names = "\n".join(archive.namelist()).encode()
    assert OTHER.encode() not in everything + names
    for other in scenario.others:
        for value in filter(None, other.values()):
            assert value.encode() not in everything + names, value


def test_a_bundle_exported_with_every_tsa_down_still_verifies(scenario: Scenario) -> None:
    done = evault("verify", str(scenario.offline_bundle), "--tsa-ca", str(scenario.pki.ca))
    assert "There is no SHA256SUMS.tsr: when the bundle was made is not proven." in done.stdout
    proven = [line for line in done.stdout.splitlines() if "existed no later than" in line]
    assert len(proven) == len(scenario.stamped)  # the checkpoints' tokens still prove time
    assert "Result: VALID" in done.stdout.splitlines()


# --- tampering ---------------------------------------------------------------------------


def rewrite(
    bundle: Path,
    out: Path,
    change: Callable[[dict[str, bytes]], None],
    *,
    resign_with: Path | None = None,
) -> Path:
    """A copy of ``bundle`` with ``change`` applied to its files; with ``resign_with`` (a
    vault), SHA256SUMS is recomputed and re-signed, as only the key's holder could."""
    with zipfile.ZipFile(bundle) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    change(files)
    if resign_with is not None:
        order = [line.split("  ", 1)[1] for line in files[layout.SHA256SUMS].decode().splitlines()]
        sums = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in order).encode()
        vault = unlock_vault(resign_with, PASSPHRASE)
        try:
            signature = sign(vault.keys.signing_key, sums, layout.NAMESPACE)
        finally:
            vault.lock()
        files[layout.SHA256SUMS] = sums
        files[layout.SIGNATURE] = signature.encode("ascii")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out


def first_proven(files: dict[str, bytes]) -> dict[str, Any]:
    manifest = json.loads(files[layout.MANIFEST])
    item: dict[str, Any] = next(i for i in manifest["items"] if i["inclusion_proof"])
    return item


def change_proof(files: dict[str, bytes]) -> None:
    manifest = json.loads(files[layout.MANIFEST])
    item = next(i for i in manifest["items"] if i["inclusion_proof"]["proof"])
    sibling = item["inclusion_proof"]["proof"][0]
    item["inclusion_proof"]["proof"][0] = ("0" if sibling[0] != "0" else "1") + sibling[1:]
    files[layout.MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=2).encode() + b"\n"


def change_statement(files: dict[str, bytes]) -> None:
    path = first_proven(files)["inclusion_proof"]["statement"]
    files[path] = files[path].replace(b'"created_at":"2', b'"created_at":"1')


def change_signature(token: bytes) -> bytes:
    """The token with the last byte of its CMS signature (the reply's last byte) flipped."""
    return token[:-1] + bytes([token[-1] ^ 0x01])


def change_checkpoint_token(files: dict[str, bytes]) -> None:
    path = first_proven(files)["inclusion_proof"]["statement"] + ".tsr"
    files[path] = change_signature(files[path])


def verify_json(bundle: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    done = evault("verify", str(bundle), "--json", *extra, check=False)
    return done.returncode, json.loads(done.stdout)


def failed(result: dict[str, Any]) -> dict[str, list[str]]:
    return {c["name"]: [c["summary"], *c["problems"]] for c in result["checks"] if not c["ok"]}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (change_proof, "manifest.json"),
        (change_statement, "timestamps/checkpoint-"),
        (change_checkpoint_token, ".json.tsr"),
    ],
    ids=["proof", "statement", "token"],
)
def test_tampered_time_evidence_is_named(
    scenario: Scenario, tmp_path: Path, change: Callable[[dict[str, bytes]], None], named: str
) -> None:
    ca = ("--tsa-ca", str(scenario.pki.ca))
    # Changed in transit: SHA256SUMS no longer matches, naming the file.
    code, result = verify_json(rewrite(scenario.bundle, tmp_path / "t.zip", change), *ca)
    assert code == 1
    assert any(named in p for p in failed(result)["files"]), failed(result)
    # Changed by someone holding the vault key, who re-signs SHA256SUMS: the time check
    # itself catches it and names the item; SHA256SUMS.tsr no longer fits SHA256SUMS.
    forged = rewrite(scenario.bundle, tmp_path / "f.zip", change, resign_with=scenario.vault_dir)
    code, result = verify_json(forged, *ca)
    assert code == 1
    problems = failed(result)
    assert set(problems) == {"time", "bundle_timestamp"}, problems
    assert "stamps other data" in problems["bundle_timestamp"][0]
    expected = {
        "proof": "Its inclusion proof does not lead to the stamped checkpoint root.",
        "statement": "The signature of timestamps/checkpoint-",
        "token": ".json.tsr does not verify up to a trusted root",
    }[change.__name__.removeprefix("change_").removeprefix("checkpoint_")]
    assert any(p.startswith("Item ") and expected in p for p in problems["time"]), problems


def test_a_tampered_or_swapped_sha256sums_token_is_named(
    scenario: Scenario, tmp_path: Path
) -> None:
    ca = ("--tsa-ca", str(scenario.pki.ca))

    def change_token(files: dict[str, bytes]) -> None:
        files[layout.TIMESTAMP_TOKEN] = change_signature(files[layout.TIMESTAMP_TOKEN])

    changed = rewrite(scenario.bundle, tmp_path / "a.zip", change_token)
    code, result = verify_json(changed, *ca)
    assert code == 1 and set(failed(result)) == {"bundle_timestamp"}
    assert "SHA256SUMS.tsr does not hold" in failed(result)["bundle_timestamp"][0]
    assert "does not verify up to a trusted root" in failed(result)["bundle_timestamp"][0]
    # Without the TSA's root a broken signature cannot be told from an unknown TSA: the
    # token proves nothing, which is what the verifier says (as if it were absent).
    code, result = verify_json(changed)
    assert code == 0 and result["bundle_time"]["status"] == "untrusted"

    def swap(files: dict[str, bytes]) -> None:  # a genuine token, but over other data
        statement = first_proven(files)["inclusion_proof"]["statement"]
        files[layout.TIMESTAMP_TOKEN] = files[statement + ".tsr"]

    for extra in (ca, ()):
        code, result = verify_json(rewrite(scenario.bundle, tmp_path / "s.zip", swap), *extra)
        assert code == 1, extra
        assert "stamps other data" in failed(result)["bundle_timestamp"][0]
        (tmp_path / "s.zip").unlink()
