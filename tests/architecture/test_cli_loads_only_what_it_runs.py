"""The CLI is one package and loads only what it runs (issue 12's guard rails).

- ``argparse`` is the CLI's business: no module of ``vault/`` outside ``vault/cli/``, and
  none of ``ui/`` but the installed ``evault`` (``ui/evault.py``), imports it.
- ``evault --version`` and ``evault --help`` load no database (SQLAlchemy, alembic,
  sqlcipher3), no cryptography and no Qt: they are checked in a fresh interpreter, for
  the core CLI and for the installed command, by reading ``sys.modules`` when it exits.
- ``evault verify`` (the receiver's command) loads no database module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.architecture.test_core_has_no_qt import imported_modules
from tests.helpers import REPO

CLI_PACKAGE = REPO / "vault" / "cli"
ARGPARSE_ALLOWED = {REPO / "ui" / "evault.py"}
DATABASE = ("sqlalchemy", "alembic", "sqlcipher3")
HEAVY = (*DATABASE, "cryptography", "rfc3161_client", "PIL", "PySide6", "shiboken6")
ENTRIES = ("vault.cli", "ui.evault")  # python -m vault.cli, and the installed evault

# Runs ``python -m MODULE ARGS…`` in this interpreter, then writes the names of the loaded
# modules to OUT: the exit of --help and --version is a SystemExit, caught here.
PROBE = """
import json, runpy, sys
out, module, *argv = sys.argv[1:]
sys.argv = [module, *argv]
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit as stop:
    code = stop.code
else:
    code = 0
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def loaded_by(
    tmp_path: Path, module: str, *argv: str, env: dict[str, str] | None = None
) -> tuple[object, list[str]]:
    """The exit code and the modules loaded by ``python -m module argv…``."""
    out = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), module, *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **(env or {})},
        check=False,
        timeout=120,
    )
    assert out.exists(), f"python -m {module} {' '.join(argv)} did not finish: {run.stderr}"
    found = json.loads(out.read_text(encoding="utf-8"))
    return found["code"], found["modules"]


def of_packages(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(packages))


def test_only_the_cli_imports_argparse() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for root in (REPO / "vault", REPO / "ui")
        for path in sorted(root.rglob("*.py"))
        if CLI_PACKAGE not in path.parents
        and path not in ARGPARSE_ALLOWED
        and "argparse" in imported_modules(path)
    ]
    assert offenders == [], (
        "argparse belongs to vault/cli/ (and ui/evault.py); these modules import it, so "
        "their commands belong in a module of vault/cli/: " + ", ".join(offenders)
    )


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_database_crypto_or_qt(
    tmp_path: Path, entry: str, flag: str
) -> None:
    code, modules = loaded_by(tmp_path, entry, flag)
    assert code == 0
    heavy = of_packages(modules, HEAVY)
    assert heavy == [], (
        f"python -m {entry} {flag} loaded {heavy}: a command module imports what its "
        "handler runs at the top; import it inside the handler instead"
    )
    assert not [name for name in modules if name.startswith("vault.db")]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid bundle exported by the vault's own code, without time-stamp servers."""
    from vault.bundle.export import ExportRequest, export_bundle  # noqa: PLC0415
    from vault.handle import create_vault  # noqa: PLC0415
    from vault.importing import import_paths  # noqa: PLC0415
    from vault.lenders import add_lender  # noqa: PLC0415
    from vault.trusted_time import servers  # noqa: PLC0415 - the test process may load the vault

    work = tmp_path_factory.mktemp("receiver")
    (work / "IMG_20240305_211000.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much of a photo")
    vault, _ = create_vault(work / "vault", "receiver test", work_factor=10)
    try:
        for tsa in servers.tsa_list(vault):
            servers.remove_tsa(vault, tsa.url)
        add_lender(vault, "借呗")
        import_paths(vault, [work / "IMG_20240305_211000.jpg"], lender="借呗")
        export_bundle(vault, ExportRequest(out=work / "bundle.zip", lender="借呗"))
    finally:
        vault.lock()
    return work / "bundle.zip"


@pytest.mark.parametrize("entry", ENTRIES)
def test_verify_loads_no_database(tmp_path: Path, bundle: Path, entry: str) -> None:
    # The receiver's code: a clerk's machine needs neither SQLAlchemy nor SQLCipher.
    code, modules = loaded_by(tmp_path, entry, "verify", str(bundle))
    assert code == 0, "the bundle made for this test did not verify"
    database = of_packages(modules, DATABASE)
    assert database == [], f"python -m {entry} verify loaded the database modules {database}"


def test_a_vault_command_on_a_current_vault_loads_no_alembic(tmp_path: Path) -> None:
    # Migrating is alembic's work; a vault already at the newest schema opens without it.
    from vault.handle import create_vault  # noqa: PLC0415

    create_vault(tmp_path / "v", "startup test", work_factor=10)[0].lock()
    probe_env = {"EVAULT_PASSPHRASE": "startup test"}
    code, modules = loaded_by(
        tmp_path, "vault.cli", "lender", "list", "--vault", str(tmp_path / "v"), env=probe_env
    )
    assert code == 0
    assert "alembic" not in of_packages(modules, ("alembic",))
