"""The vault handle: create and unlock a vault, ``vault.json``, and :class:`OpenVault`.

``create_vault``/``unlock_vault`` return an :class:`OpenVault`, which holds the keys and
the database while the vault is unlocked; ``lock()`` drops both. What a vault holds is
worked on by one module per noun, each a set of ``fn(vault, …)`` functions returning
frozen DTOs (``vault.dto``), so callers never hold ORM objects: :mod:`vault.lenders`,
:mod:`vault.items`, :mod:`vault.notes`, :mod:`vault.case.complaints`, and
:mod:`vault.importing` for bringing evidence in. The UI runs these calls on its one
database worker thread.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from vault import custody, hardening
from vault.age import X25519Identity
from vault.custody import ledger
from vault.db.models import Setting
from vault.db.session import (
    SchemaVersionError,
    current_revision,
    newest_shipped_revision,
    open_database,
    session_factory,
    upgrade,
)
from vault.dto import RecoveryKey, VaultInfo
from vault.errors import UsageError, VaultError, VaultReadOnlyError
from vault.fsutil import atomic_write, make_private_dir
from vault.keys import (
    IDENTITY_FILE,
    IdentityReader,
    PassphraseError,
    RecoveryKeyMismatchError,
    VaultKeys,
    calibrate_work_factor,
    identity_text,
    parse_recovery_key,
    read_identity,
    work_factor_of,
    write_identity,
)
from vault.lock import VaultLock, acquire
from vault.safekeeping.layout import is_backup
from vault.sshsig import public_key_line
from vault.store import BlobStore
from vault.times import system_zone, zone_named, zone_or_default

logger = logging.getLogger(__name__)

VAULT_JSON = "vault.json"
DATABASE_FILE = "vault.db"
FORMAT = "evidence-vault/1"


class VaultExistsError(UsageError):
    code = "vault_exists"


class NotAVaultError(UsageError):
    code = "not_a_vault"


class VaultLockedError(VaultError):
    code = "vault_locked"


def create_vault(
    path: Path,
    passphrase: str,
    *,
    work_factor: int | None = None,
    time_zone: str | None = None,
    isolate_kdf: bool = False,
) -> tuple[OpenVault, str]:
    """Create a vault at ``path``; returns it unlocked and the recovery key text.

    The recovery key is shown once; ``identity.age`` keeps it encrypted under the
    passphrase. ``work_factor`` defaults to a calibration of about one second;
    ``isolate_kdf`` runs its scrypt in a child process, as :func:`unlock_vault` can.
    """
    if (path / VAULT_JSON).exists() or (path / IDENTITY_FILE).exists():
        raise VaultExistsError(f"A vault already exists in {path}.")
    if path.exists() and any(path.iterdir()):
        raise VaultExistsError(f"{path} is not empty; choose an empty or new folder.")
    zone = zone_named(time_zone) if time_zone else system_zone()
    factor = work_factor if work_factor is not None else calibrate_work_factor()
    make_private_dir(path)
    held = acquire(path)
    try:
        return _create(path, passphrase, zone, factor, held, isolate_kdf=isolate_kdf)
    except BaseException:
        held.release()
        raise


def _create(
    path: Path, passphrase: str, zone: ZoneInfo, factor: int, held: VaultLock, *, isolate_kdf: bool
) -> tuple[OpenVault, str]:
    hardening.protect_process()
    keys = VaultKeys.from_identity(X25519Identity.generate())
    created = datetime.now(UTC)
    text = identity_text(keys.identity, created.isoformat(timespec="seconds"))
    write_identity(path, text, passphrase, factor, isolate_kdf=isolate_kdf)
    info = VaultInfo(
        path=path,
        vault_id=str(uuid.uuid4()),
        created_at=created.isoformat(timespec="seconds"),
        recipient=str(keys.identity.recipient()),
        ssh_public_key=public_key_line(keys.signing_key.public_key(), "evidence-vault"),
        work_factor=factor,
    )
    engine = open_database(path / DATABASE_FILE, keys.database_key, create=True)
    upgrade(engine)
    vault = OpenVault(info, keys, engine, zone, held)
    with vault.sessions() as session, session.begin():
        session.merge(Setting(key="time_zone", value=zone.key))
        ledger.append(
            session,
            custody.Action.VAULT_CREATED,
            at=created,
            payload={"vault_id": info.vault_id, "recipient": info.recipient},
        )
    _write_vault_json(info)
    return vault, text


def _write_vault_json(info: VaultInfo) -> None:
    public = {
        "format": FORMAT,
        "vault_id": info.vault_id,
        "created_at": info.created_at,
        "age_recipient": info.recipient,
        "ssh_public_key": info.ssh_public_key,
        "kdf": {"type": "scrypt", "log_n": info.work_factor},
    }
    with atomic_write(info.path / VAULT_JSON) as out:
        out.write(json.dumps(public, indent=2).encode("utf-8") + b"\n")


def read_info(path: Path) -> VaultInfo:
    """Read ``vault.json``; anything but the shape this version writes is NotAVaultError."""
    try:
        data = json.loads((path / VAULT_JSON).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise NotAVaultError(f"{path} is not an Evidence Vault (no {VAULT_JSON}).") from None
    except IsADirectoryError:
        raise NotAVaultError(f"{path / VAULT_JSON} is a folder, not a vault's file.") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise NotAVaultError(f"{path / VAULT_JSON} is damaged.") from None
    if not isinstance(data, dict):
        raise NotAVaultError(f"{path / VAULT_JSON} is damaged: it does not hold a JSON object.")
    if data.get("format") != FORMAT:
        raise NotAVaultError(f"{path} holds a vault format this version does not know.")
    kdf = data.get("kdf")
    fields = {key: value for key in _INFO_KEYS if isinstance(value := data.get(key), str)}
    missing = [key for key in _INFO_KEYS if key not in fields]
    log_n = kdf.get("log_n") if isinstance(kdf, dict) else None
    if type(log_n) is not int:
        missing.append("kdf.log_n")
    if missing or not isinstance(log_n, int):
        raise NotAVaultError(
            f"{path / VAULT_JSON} is damaged: {', '.join(missing)} missing or of the wrong type."
        )
    return VaultInfo(
        path=path,
        vault_id=fields["vault_id"],
        created_at=fields["created_at"],
        recipient=fields["age_recipient"],
        ssh_public_key=fields["ssh_public_key"],
        work_factor=log_n,
    )


_INFO_KEYS = ("vault_id", "created_at", "age_recipient", "ssh_public_key")


def unlock_vault(
    path: Path,
    passphrase: str | IdentityReader,
    *,
    isolate_kdf: bool = False,
    exclusive: bool = True,
    read_only: bool = False,
) -> OpenVault:
    """Open the vault at ``path``; a wrong passphrase raises WrongPassphraseError.

    ``isolate_kdf`` runs scrypt in a short-lived child process (``vault.kdf_process``):
    a long-lived caller such as the desktop app then never holds its 256 MiB or more
    of working set. A short-lived one (the CLI, tests) gains nothing from it. The CLI
    passes an :class:`~vault.keys.IdentityReader` it started before loading this module,
    so scrypt and the module loading overlap; a folder that is not a vault is still
    reported as such first.

    ``exclusive`` (the default) holds the vault's lock (:mod:`vault.lock`) until
    ``lock()``: VaultBusyError if another process holds it. A caller that only reads
    passes False and works beside a holder.

    ``read_only`` (a backup looked at in the window) writes nothing at all: the database
    is opened read-only, never migrated, and the lock is not taken; every write is then
    refused with :class:`~vault.errors.VaultReadOnlyError`. A backup folder
    (``vault.safekeeping``) is always opened so: only a backup writes into it.
    """
    info = read_info(path)
    read_only = read_only or is_backup(path)
    held = acquire(path) if exclusive and not read_only else None
    try:
        hardening.protect_process()
        if isinstance(passphrase, IdentityReader):
            identity, _ = passphrase.result()
        else:
            identity, _ = read_identity(path, passphrase, isolate_kdf=isolate_kdf)
        return _open(info, identity, held, read_only=read_only)
    except BaseException:
        if held is not None:
            held.release()
        raise


def _open(
    info: VaultInfo, identity: X25519Identity, held: VaultLock | None, *, read_only: bool = False
) -> OpenVault:
    keys = VaultKeys.from_identity(identity)
    engine = open_database(info.path / DATABASE_FILE, keys.database_key, read_only=read_only)
    if not read_only:
        upgrade(engine)
    elif current_revision(engine) != newest_shipped_revision():
        engine.dispose()
        raise SchemaVersionError(
            "This backup was made by another version of Evidence Vault; restore it to open it."
        )
    with session_factory(engine)() as session:
        zone_name = session.scalar(select(Setting.value).where(Setting.key == "time_zone"))
    zone = zone_or_default(zone_name) if zone_name else system_zone()
    return OpenVault(info, keys, engine, zone, held, read_only=read_only)


def unlock_with_recovery_key(
    path: Path,
    recovery_key: str,
    new_passphrase: str,
    *,
    work_factor: int | None = None,
    isolate_kdf: bool = False,
) -> OpenVault:
    """Open the vault at ``path`` with its recovery key and make ``new_passphrase`` its
    passphrase; returns it unlocked.

    The key is checked before anything is written: one that is mistyped raises
    :class:`~vault.keys.RecoveryKeyFormatError`, one of another vault
    :class:`~vault.keys.RecoveryKeyMismatchError`, and the vault stays as it was. The
    new ``identity.age`` replaces the old one atomically (the vault then opens with the
    old passphrase or the new one, never neither), and the custody log records it.
    ``identity.age`` may be missing or damaged: the recovery key alone restores it.
    """
    info = read_info(path)
    if not new_passphrase:
        raise PassphraseError("The passphrase must not be empty.")
    identity = parse_recovery_key(recovery_key)
    if str(identity.recipient()) != info.recipient:
        raise RecoveryKeyMismatchError("This recovery key belongs to another vault.")
    held = acquire(path)
    try:
        hardening.protect_process()
        vault = _open(info, identity, held)
    except BaseException:
        held.release()
        raise
    try:
        if work_factor is None:
            try:
                work_factor = work_factor_of(path)
            except (OSError, VaultError, IndexError, ValueError):
                work_factor = info.work_factor  # identity.age gone or damaged
        vault.change_passphrase(
            new_passphrase, work_factor=work_factor, isolate_kdf=isolate_kdf, how="recovery_key"
        )
    except BaseException:
        vault.lock()
        raise
    return vault


def check_passphrase(vault: OpenVault, passphrase: str, *, isolate_kdf: bool = False) -> None:
    """Raise WrongPassphraseError unless ``passphrase`` opens this vault's ``identity.age``
    (asked again before the passphrase is changed or the recovery key shown)."""
    if not passphrase:
        raise PassphraseError("The passphrase must not be empty.")
    identity, _ = read_identity(vault.info.path, passphrase, isolate_kdf=isolate_kdf)
    if identity.secret_bytes() != vault.keys.identity.secret_bytes():
        raise RecoveryKeyMismatchError("This vault's identity.age belongs to another vault.")


def change_passphrase(
    vault: OpenVault,
    current: str,
    new_passphrase: str,
    *,
    work_factor: int | None = None,
    isolate_kdf: bool = False,
) -> None:
    """Change the passphrase of an unlocked vault once the current one is typed again."""
    check_passphrase(vault, current, isolate_kdf=isolate_kdf)
    vault.change_passphrase(new_passphrase, work_factor=work_factor, isolate_kdf=isolate_kdf)


def show_recovery_key(
    vault: OpenVault, passphrase: str, *, isolate_kdf: bool = False
) -> RecoveryKey:
    """The recovery key again, for a new sheet; only after the passphrase is typed again."""
    check_passphrase(vault, passphrase, isolate_kdf=isolate_kdf)
    return recovery_key_of(vault)


def recovery_key_of(vault: OpenVault) -> RecoveryKey:
    """The recovery key of an unlocked vault (for the sheet made when it is created)."""
    return RecoveryKey(
        secret_key=vault.keys.identity.to_string(),
        recipient=vault.info.recipient,
        created_at=datetime.fromisoformat(vault.info.created_at),
        vault_id=vault.info.vault_id,
    )


class OpenVault:
    """An unlocked vault. ``lock()`` drops the keys and closes the database."""

    def __init__(
        self,
        info: VaultInfo,
        keys: VaultKeys,
        engine: Engine,
        tz: ZoneInfo,
        held: VaultLock | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.info = info
        self._held = held  # the vault's lock (vault.lock), given back by lock()
        # A backup opened to be looked at (unlock_vault): its store and its sessions
        # refuse every write, before anything reaches the disk.
        self.read_only = read_only
        self.tz = tz
        self.store = BlobStore(info.path, read_only=read_only)
        self._keys: VaultKeys | None = keys
        self._engine: Engine | None = engine
        self._sessions: sessionmaker[Session] | None = session_factory(engine, read_only=read_only)

    def check_writable(self) -> None:
        """Raise :class:`~vault.errors.VaultReadOnlyError` for a backup looked at. The
        store and the sessions refuse writes by themselves; a change that starts with
        other work (writing a file elsewhere, asking a server) calls this first."""
        if self.read_only:
            raise VaultReadOnlyError

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def keys(self) -> VaultKeys:
        if self._keys is None:
            raise VaultLockedError("The vault is locked.")
        return self._keys

    @property
    def engine(self) -> Engine:
        """The unlocked database's engine (a backup's snapshot reads through it)."""
        if self._engine is None:
            raise VaultLockedError("The vault is locked.")
        return self._engine

    @property
    def session_factory(self) -> sessionmaker[Session]:
        """The unlocked database's session factory (the import pipeline's own sessions)."""
        if self._sessions is None:
            raise VaultLockedError("The vault is locked.")
        return self._sessions

    def sessions(self) -> Session:
        if self._sessions is None:
            raise VaultLockedError("The vault is locked.")
        return self._sessions()

    def lock(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._sessions = None
        self._keys = None
        if self._held is not None:
            self._held.release()

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def change_passphrase(
        self,
        new_passphrase: str,
        *,
        work_factor: int | None = None,
        isolate_kdf: bool = False,
        how: str = "",
    ) -> None:
        """Re-encrypt ``identity.age`` under a new passphrase (atomic; nothing else changes).

        ``how`` is recorded in the custody event ("recovery_key" when the passphrase was
        forgotten); the plain change records an empty payload, as it always did.
        """
        self.check_writable()  # identity.age is written before the custody event
        factor = work_factor if work_factor is not None else work_factor_of(self.info.path)
        created = self.info.created_at
        text = identity_text(self.keys.identity, created)
        write_identity(self.info.path, text, new_passphrase, factor, isolate_kdf=isolate_kdf)
        with self.sessions() as session, session.begin():
            ledger.append(
                session,
                custody.Action.PASSPHRASE_CHANGED,
                at=datetime.now(UTC),
                payload={"with": how} if how else {},
            )
