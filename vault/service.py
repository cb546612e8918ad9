"""The use cases of a vault: create, unlock, lenders, import, notes, items, check.

``create_vault``/``unlock_vault`` return an :class:`OpenVault`; everything it returns
is a frozen DTO (``vault.dto``), so callers never hold ORM objects. The UI runs these
calls on its one database worker thread.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from vault import custody, hardening
from vault.age import AgeReader, X25519Identity
from vault.categories import Category
from vault.checkpoint import checkpoint_after_import
from vault.db.models import Item, Lender, LenderNumber, Note, Setting
from vault.db.session import open_database, session_factory, upgrade
from vault.dto import ImportReport, ItemDTO, LenderDTO, NoteDTO, VaultInfo
from vault.errors import UsageError, VaultError
from vault.fsutil import atomic_write, make_private_dir
from vault.hashing import SHA256, SM3
from vault.ingest.pipeline import ImportContext, ProgressCallback, import_files
from vault.keys import (
    IDENTITY_FILE,
    VaultKeys,
    calibrate_work_factor,
    identity_text,
    read_identity,
    work_factor_of,
    write_identity,
)
from vault.phones import normalize
from vault.sshsig import public_key_line
from vault.store import BlobStore
from vault.times import offset_minutes, system_zone

logger = logging.getLogger(__name__)

VAULT_JSON = "vault.json"
DATABASE_FILE = "vault.db"
FORMAT = "evidence-vault/1"


class VaultExistsError(UsageError):
    code = "vault_exists"


class NotAVaultError(UsageError):
    code = "not_a_vault"


class LenderExistsError(UsageError):
    code = "lender_exists"


class UnknownLenderError(UsageError):
    code = "unknown_lender"


class UnknownItemError(UsageError):
    code = "unknown_item"


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
    zone = ZoneInfo(time_zone) if time_zone else system_zone()
    factor = work_factor if work_factor is not None else calibrate_work_factor()
    make_private_dir(path)
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
    vault = OpenVault(info, keys, engine, zone)
    with vault.sessions() as session, session.begin():
        session.merge(Setting(key="time_zone", value=zone.key))
        custody.append(
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


def unlock_vault(path: Path, passphrase: str, *, isolate_kdf: bool = False) -> OpenVault:
    """Open the vault at ``path``; a wrong passphrase raises WrongPassphraseError.

    ``isolate_kdf`` runs scrypt in a short-lived child process (``vault.kdf_process``):
    a long-lived caller such as the desktop app then never holds its 256 MiB or more
    of working set. A short-lived one (the CLI, tests) gains nothing from it.
    """
    info = read_info(path)
    hardening.protect_process()
    identity, _ = read_identity(path, passphrase, isolate_kdf=isolate_kdf)
    keys = VaultKeys.from_identity(identity)
    engine = open_database(path / DATABASE_FILE, keys.database_key)
    upgrade(engine)
    with session_factory(engine)() as session:
        zone_name = session.scalar(select(Setting.value).where(Setting.key == "time_zone"))
    return OpenVault(info, keys, engine, ZoneInfo(zone_name) if zone_name else system_zone())


class OpenVault:
    """An unlocked vault. ``lock()`` drops the keys and closes the database."""

    def __init__(self, info: VaultInfo, keys: VaultKeys, engine: Engine, tz: ZoneInfo) -> None:
        self.info = info
        self.tz = tz
        self.store = BlobStore(info.path)
        self._keys: VaultKeys | None = keys
        self._engine: Engine | None = engine
        self._sessions: sessionmaker[Session] | None = session_factory(engine)

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def keys(self) -> VaultKeys:
        if self._keys is None:
            raise VaultLockedError("The vault is locked.")
        return self._keys

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

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def change_passphrase(
        self, new_passphrase: str, *, work_factor: int | None = None, isolate_kdf: bool = False
    ) -> None:
        """Re-encrypt ``identity.age`` under a new passphrase (atomic; nothing else changes)."""
        factor = work_factor if work_factor is not None else work_factor_of(self.info.path)
        created = self.info.created_at
        text = identity_text(self.keys.identity, created)
        write_identity(self.info.path, text, new_passphrase, factor, isolate_kdf=isolate_kdf)
        with self.sessions() as session, session.begin():
            custody.append(
                session, custody.Action.PASSPHRASE_CHANGED, at=datetime.now(UTC), payload={}
            )

    # --- lenders -----------------------------------------------------------------------

    def add_lender(
        self,
        name: str,
        *,
        numbers: Iterable[str] = (),
        app: str | None = None,
        company: str | None = None,
        loan_ref: str | None = None,
        notes: str | None = None,
    ) -> LenderDTO:
        name = name.strip()
        if not name:
            raise UsageError("A lender needs a name.")
        normalized = sorted({normalize(n) for n in numbers})
        with self.sessions() as session, session.begin():
            if session.scalar(select(Lender.id).where(Lender.name == name)) is not None:
                raise LenderExistsError(f"A lender named {name!r} already exists.")
            now = datetime.now(UTC)
            lender = Lender(
                name=name,
                app=app,
                company=company,
                loan_ref=loan_ref,
                notes=notes,
                created_at=now,
                numbers=[LenderNumber(number=n) for n in normalized],
            )
            session.add(lender)
            session.flush()
            payload: dict[str, object] = {
                "name": name,
                "numbers": list(normalized),
                "app": app,
                "company": company,
                "loan_ref": loan_ref,
                "notes": notes,
            }
            custody.append(
                session,
                custody.Action.LENDER_ADDED,
                at=now,
                lender_id=lender.id,
                payload=payload,
            )
            return _lender_dto(session, lender)

    def add_lender_numbers(self, name: str, numbers: Iterable[str]) -> LenderDTO:
        normalized = sorted({normalize(n) for n in numbers})
        with self.sessions() as session, session.begin():
            lender = _lender_by_name(session, name)
            known = {n.number for n in lender.numbers}
            added = [n for n in normalized if n not in known]
            lender.numbers.extend(LenderNumber(number=n) for n in added)
            custody.append(
                session,
                custody.Action.LENDER_UPDATED,
                at=datetime.now(UTC),
                lender_id=lender.id,
                payload={"added_numbers": added},
            )
            return _lender_dto(session, lender)

    def lenders(self) -> list[LenderDTO]:
        with self.sessions() as session:
            rows = session.scalars(select(Lender).order_by(Lender.name)).all()
            return [_lender_dto(session, lender) for lender in rows]

    def lender_id(self, name: str) -> int:
        with self.sessions() as session:
            return _lender_by_name(session, name).id

    # --- items -------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        lender: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        sm3: bool = True,
    ) -> ImportReport:
        """Import files and folders; ``sm3=False`` skips the SM3 hash (about 4x the cost
        of SHA-256 here), leaving ``sm3`` empty for those items."""
        lender_id = self.lender_id(lender) if lender else None
        context = ImportContext(
            store=self.store,
            recipient=self.keys.identity.recipient(),
            sessions=self._sessions_or_raise(),
            content_key=self.keys.content_key,
            tz=self.tz,
            hashes=(SHA256, SM3) if sm3 else (SHA256,),
        )
        report = import_files(context, paths, lender_id=lender_id, progress=progress, cancel=cancel)
        # A signed Merkle checkpoint over the batch; its timestamp waits in the queue
        # (vault.timestamp), so no TSA can fail or slow an import.
        checkpoint_after_import(self, report)
        return report

    def _sessions_or_raise(self) -> sessionmaker[Session]:
        if self._sessions is None:
            raise VaultLockedError("The vault is locked.")
        return self._sessions

    def items(self, *, lender: str | None = None, include_withdrawn: bool = False) -> list[ItemDTO]:
        with self.sessions() as session:
            query = select(Item, Lender.name).outerjoin(Lender, Item.lender_id == Lender.id)
            if lender is not None:
                query = query.where(Item.lender_id == _lender_by_name(session, lender).id)
            if not include_withdrawn:
                query = query.where(Item.withdrawn_at.is_(None))
            query = query.where(Item.purged_at.is_(None)).order_by(Item.captured_at, Item.id)
            return [_item_dto(item, name) for item, name in session.execute(query).all()]

    def item(self, item_id: str) -> ItemDTO:
        with self.sessions() as session:
            row = session.execute(
                select(Item, Lender.name)
                .outerjoin(Lender, Item.lender_id == Lender.id)
                .where(Item.id == item_id, Item.purged_at.is_(None))
            ).one_or_none()
            if row is None:
                raise UnknownItemError(f"There is no item {item_id!r} in this vault.")
            return _item_dto(row[0], row[1])

    def item_history(self, item_id: str) -> list[custody.CustodyEventDTO]:
        self.item(item_id)
        return self.item_history_raw(item_id)

    def item_history_raw(self, item_id: str) -> list[custody.CustodyEventDTO]:
        """Custody events naming ``item_id``, also for a purged item's tombstone."""
        with self.sessions() as session:
            return list(custody.iter_events(session, item_id=item_id))

    def edit_item(self, item_id: str, changes: Mapping[str, object]) -> ItemDTO:
        """Change an item's description; the original bytes never change.

        ``changes`` maps field names (title, purpose, incident_at, categories,
        counterpart, lender) to new values; each real change is recorded, old and new
        value, in one ``metadata_edited`` custody event.
        """
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            raise UsageError(f"These item fields cannot be edited: {', '.join(sorted(unknown))}.")
        now = datetime.now(UTC)
        with self.sessions() as session, session.begin():
            item = _item_by_id(session, item_id)
            recorded: dict[str, object] = {}
            for name, value in changes.items():
                old, new = _apply_edit(session, item, name, value, self.tz)
                if old != new:
                    recorded[name] = {"from": old, "to": new}
            if recorded:
                custody.append(
                    session,
                    custody.Action.METADATA_EDITED,
                    at=now,
                    item_id=item.id,
                    lender_id=item.lender_id,
                    payload={"changes": recorded},
                )
        return self.item(item_id)

    def withdraw_item(self, item_id: str, *, reason: str = "") -> ItemDTO:
        """Move an item to the trash: hidden from lists and exports, logged, reversible."""
        return self._set_withdrawn(item_id, withdrawn=True, reason=reason)

    def restore_item(self, item_id: str) -> ItemDTO:
        return self._set_withdrawn(item_id, withdrawn=False, reason="")

    def _set_withdrawn(self, item_id: str, *, withdrawn: bool, reason: str) -> ItemDTO:
        now = datetime.now(UTC)
        with self.sessions() as session, session.begin():
            item = _item_by_id(session, item_id)
            if (item.withdrawn_at is not None) == withdrawn:
                return self._dto_in(session, item)
            item.withdrawn_at = now if withdrawn else None
            custody.append(
                session,
                custody.Action.ITEM_WITHDRAWN if withdrawn else custody.Action.ITEM_RESTORED,
                at=now,
                item_id=item.id,
                lender_id=item.lender_id,
                payload={"reason": reason} if withdrawn else {},
            )
            return self._dto_in(session, item)

    def purge_item(self, item_id: str) -> None:
        """Destroy a withdrawn item's contents for good, keeping a tombstone row.

        The row keeps its hashes, so the custody chain and earlier checkpoints stay
        verifiable; the blob is deleted only after the tombstone is committed.
        """
        now = datetime.now(UTC)
        with self.sessions() as session, session.begin():
            item = _item_by_id(session, item_id)
            if item.withdrawn_at is None:
                raise UsageError("Only an item in the trash can be purged; withdraw it first.")
            item.purged_at = now
            item.content_key = None  # the same file may be imported again later
            custody.append(
                session,
                custody.Action.ITEM_PURGED,
                at=now,
                item_id=item.id,
                lender_id=item.lender_id,
                payload={"sha256": item.sha256, "size": item.size},
            )
        self.store.remove(item_id)

    def _dto_in(self, session: Session, item: Item) -> ItemDTO:
        lender = session.get(Lender, item.lender_id) if item.lender_id is not None else None
        return _item_dto(item, lender.name if lender else None)

    def open_item(self, item_id: str) -> AgeReader:
        """Random-access plaintext of an item (thread-safe ``pread``; close when done)."""
        self.item(item_id)
        return self.store.open(item_id, [self.keys.identity])

    # --- notes -------------------------------------------------------------------------

    def add_note(self, lender: str, text: str, *, occurred_at: datetime | None = None) -> NoteDTO:
        if not text.strip():
            raise UsageError("A note needs some text.")
        now = datetime.now(UTC)
        moment = occurred_at or now.astimezone(self.tz)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)  # a wall-clock time in the vault's zone
        offset = offset_minutes(moment)
        with self.sessions() as session, session.begin():
            lender_row = _lender_by_name(session, lender)
            note = Note(
                lender_id=lender_row.id,
                text=text,
                occurred_at=moment,
                occurred_offset_min=offset,
                created_at=now,
            )
            session.add(note)
            session.flush()
            custody.append(
                session,
                custody.Action.NOTE_ADDED,
                at=now,
                lender_id=lender_row.id,
                payload={"note_id": note.id, "occurred_at": moment.isoformat(), "text": text},
            )
            return NoteDTO(note.id, lender_row.name, text, note.occurred_at, offset)

    def notes(self, lender: str) -> list[NoteDTO]:
        with self.sessions() as session:
            lender_row = _lender_by_name(session, lender)
            rows = session.scalars(
                select(Note).where(Note.lender_id == lender_row.id).order_by(Note.occurred_at)
            ).all()
            return [
                NoteDTO(n.id, lender_row.name, n.text, n.occurred_at, n.occurred_offset_min)
                for n in rows
            ]

    # --- lender names (desktop app) ------------------------------------------------------

    def rename_lender(self, old_name: str, new_name: str) -> LenderDTO:
        """Give a lender a new name; items and notes follow; logged as lender_updated."""
        new_name = new_name.strip()
        if not new_name:
            raise UsageError("A lender needs a name.")
        with self.sessions() as session, session.begin():
            lender = _lender_by_name(session, old_name)
            if new_name == lender.name:
                return _lender_dto(session, lender)
            if session.scalar(select(Lender.id).where(Lender.name == new_name)) is not None:
                raise LenderExistsError(f"A lender named {new_name!r} already exists.")
            previous = lender.name
            lender.name = new_name
            custody.append(
                session,
                custody.Action.LENDER_UPDATED,
                at=datetime.now(UTC),
                lender_id=lender.id,
                payload={"renamed": {"from": previous, "to": new_name}},
            )
            return _lender_dto(session, lender)


EDITABLE_FIELDS = frozenset(
    {"title", "purpose", "incident_at", "categories", "counterpart", "lender"}
)


def _item_by_id(session: Session, item_id: str) -> Item:
    item = session.get(Item, item_id)
    if item is None or item.purged_at is not None:
        raise UnknownItemError(f"There is no item {item_id!r} in this vault.")
    return item


def _apply_edit(
    session: Session, item: Item, name: str, value: object, tz: ZoneInfo
) -> tuple[object, object]:
    """Set one field; returns (old, new) in JSON-friendly form for the custody log."""
    if name in {"title", "purpose"}:
        text = str(value).strip() if value is not None else None
        old = getattr(item, name)
        setattr(item, name, text or None)
        return old, text or None
    if name == "counterpart":
        number = normalize(str(value)) if value else None
        old = item.counterpart
        item.counterpart = number
        return old, number
    if name == "categories":
        if not isinstance(value, list | tuple | set | frozenset):
            raise UsageError("Categories must be a list.")
        try:
            codes = sorted({Category(str(v)).value for v in value})
        except ValueError:
            raise UsageError(f"Unknown category in {sorted(map(str, value))}.") from None
        old_codes = sorted(item.categories or [])
        item.categories = codes
        return old_codes, codes
    if name == "incident_at":
        old_text = item.incident_at.isoformat() if item.incident_at else None
        if value is None:
            item.incident_at, item.incident_offset_min = None, None
            return old_text, None
        if not isinstance(value, datetime):
            raise UsageError("The incident time must be a date and time.")
        moment = value if value.tzinfo else value.replace(tzinfo=tz)
        item.incident_at, item.incident_offset_min = moment, offset_minutes(moment)
        return old_text, moment.astimezone(UTC).isoformat()
    # lender
    old_lender = item.lender_id
    item.lender_id = _lender_by_name(session, str(value)).id if value else None
    return old_lender, item.lender_id


def _lender_by_name(session: Session, name: str) -> Lender:
    lender = session.scalar(select(Lender).where(Lender.name == name.strip()))
    if lender is None:
        raise UnknownLenderError(f"There is no lender named {name!r} in this vault.")
    return lender


def _lender_dto(session: Session, lender: Lender) -> LenderDTO:
    count = session.scalar(
        select(func.count(Item.id)).where(
            Item.lender_id == lender.id, Item.withdrawn_at.is_(None), Item.purged_at.is_(None)
        )
    )
    return LenderDTO(
        id=lender.id,
        name=lender.name,
        app=lender.app,
        company=lender.company,
        loan_ref=lender.loan_ref,
        numbers=tuple(n.number for n in lender.numbers),
        agencies=tuple(lender.agencies or ()),
        notes=lender.notes,
        item_count=int(count or 0),
    )


def _item_dto(item: Item, lender: str | None) -> ItemDTO:
    return ItemDTO(
        id=item.id,
        lender=lender,
        kind=item.kind,
        media_type=item.media_type,
        original_name=item.original_name,
        size=item.size,
        sha256=item.sha256,
        sm3=item.sm3,
        imported_at=item.imported_at,
        captured_at=item.captured_at,
        captured_offset_min=item.captured_offset_min,
        time_source=item.time_source,
        incident_at=item.incident_at,
        counterpart=item.counterpart,
        contact_name=item.contact_name,
        source_app=item.source_app,
        categories=tuple(item.categories or ()),
        title=item.title,
        purpose=item.purpose,
        withdrawn=item.withdrawn_at is not None,
    )
