"""Turning failures into words: a typed ``VaultError`` becomes one translated sentence;
anything unexpected becomes one sentence and the path of the log file, which holds its
redacted details (no message, no secrets, no note text). No traceback reaches the user.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui import dialogs
from vault.errors import VaultError

logger = logging.getLogger(__name__)


def _messages() -> dict[str, str]:
    return {
        "wrong_passphrase": QCoreApplication.translate(
            "Errors",
            "The passphrase is not right. Check the keyboard language and Caps Lock, then try again.",
        ),
        "passphrase_empty": QCoreApplication.translate("Errors", "Please type a passphrase."),
        "recovery_key_invalid": QCoreApplication.translate(
            "Errors",
            "This is not the recovery key: check each letter against the recovery sheet (it starts with AGE-SECRET-KEY-1).",
        ),
        "recovery_key_other_vault": QCoreApplication.translate(
            "Errors",
            "This recovery key belongs to another vault. Use the sheet made for this vault.",
        ),
        "vault_exists": QCoreApplication.translate(
            "Errors",
            "That folder already holds a vault or other files. Choose an empty or new folder.",
        ),
        "not_a_vault": QCoreApplication.translate(
            "Errors", "That folder is not an Evidence Vault, or its vault.json is damaged."
        ),
        "lender_exists": QCoreApplication.translate(
            "Errors", "A lender with this name already exists."
        ),
        "unknown_lender": QCoreApplication.translate(
            "Errors", "This lender no longer exists in the vault."
        ),
        "unknown_item": QCoreApplication.translate(
            "Errors", "This item no longer exists in the vault."
        ),
        "vault_locked": QCoreApplication.translate(
            "Errors", "The vault is locked. Unlock it and try again."
        ),
        "vault_busy": QCoreApplication.translate(
            "Errors",
            "Another program is using this vault (another Evidence Vault window or an evault "
            "command). Close it, then try again.",
        ),
        "selftest_failed": QCoreApplication.translate(
            "Errors",
            "This copy of the app is incomplete: a part it needs is missing. Install it again.",
        ),
        "usage": QCoreApplication.translate(
            "Errors", "This request cannot be carried out as given."
        ),
        "phone_number": QCoreApplication.translate(
            "Errors", "That does not look like a phone number."
        ),
        "naive_datetime": QCoreApplication.translate(
            "Errors", "A time needs a date, an hour and a time zone."
        ),
        "time_format": QCoreApplication.translate(
            "Errors", "A time stored in the vault is damaged. Run a vault check."
        ),
        "unknown_time_zone": QCoreApplication.translate(
            "Errors", "That is not a time zone this computer knows. Choose one from the list."
        ),
        "db": QCoreApplication.translate("Errors", "The vault's database could not be opened."),
        "db_key": QCoreApplication.translate(
            "Errors", "The vault's database does not match its key. The vault may be damaged."
        ),
        "db_missing": QCoreApplication.translate("Errors", "The vault's database file is missing."),
        "db_schema_version": QCoreApplication.translate(
            "Errors",
            "This vault was made by a newer version of Evidence Vault. Please update the app.",
        ),
        "empty_file": QCoreApplication.translate("Errors", "The file is empty."),
        "ocr_engine_missing": QCoreApplication.translate(
            "Errors",
            "Text cannot be read from images: Tesseract and its Chinese language files are "
            "not installed.",
        ),
        "ocr_unreadable_image": QCoreApplication.translate(
            "Errors", "The image could not be read; the original is kept unchanged."
        ),
        "ocr_failed": QCoreApplication.translate(
            "Errors", "Tesseract could not read this image; the original is kept unchanged."
        ),
        "phrase_pack": QCoreApplication.translate("Errors", "The phrase pack is not valid."),
        "import_refused": QCoreApplication.translate("Errors", "The file could not be imported."),
        "import_unreadable": QCoreApplication.translate(
            "Errors",
            "The file could not be read. Check that you are allowed to open it, then import "
            "it again.",
        ),
        "import_missing": QCoreApplication.translate(
            "Errors", "The file is no longer there: it was moved or deleted before the import."
        ),
        "import_write_refused": QCoreApplication.translate(
            "Errors",
            "The vault's disk is full or refuses the write, so nothing of this file was kept. "
            "Free some space and import it again.",
        ),
        "not_regular_file": QCoreApplication.translate(
            "Errors", "Only regular files can be imported."
        ),
        "symlink_refused": QCoreApplication.translate(
            "Errors", "Symbolic links are not imported. Choose the file itself."
        ),
        "fifo_refused": QCoreApplication.translate(
            "Errors", "This is a named pipe, not a file: only regular files can be imported."
        ),
        "device_refused": QCoreApplication.translate(
            "Errors", "This is a device, not a file: only regular files can be imported."
        ),
        "socket_refused": QCoreApplication.translate(
            "Errors", "This is a socket, not a file: only regular files can be imported."
        ),
        "folder_refused": QCoreApplication.translate(
            "Errors", "This is a folder, not a file, so it was not imported."
        ),
        "file_replaced": QCoreApplication.translate(
            "Errors", "The file was replaced while it was being opened, so it was not imported."
        ),
        "db_write": QCoreApplication.translate(
            "Errors",
            "The vault could not be saved: the disk is full or failing. Nothing was "
            "half-saved. Free some space and try again.",
        ),
        "db_read_only": QCoreApplication.translate(
            "Errors",
            "This is a backup, opened to be looked at: nothing in it can be changed. "
            "To work with it, restore it.",
        ),
        "backup_destination": QCoreApplication.translate(
            "Errors",
            "This folder cannot take the backup: choose an empty folder outside the vault, "
            "or one that already holds a backup of this vault.",
        ),
        "backup_copy_failed": QCoreApplication.translate(
            "Errors",
            "A copied file did not read back correctly, so the backup was not finished; the "
            "backup folder keeps its previous backup. Check the USB stick and the vault, "
            "then try again.",
        ),
        "backup_read_back_stopped": QCoreApplication.translate(
            "Errors",
            "The checking of the copied files stopped before it was done, so the backup was "
            "not finished; the backup folder keeps its previous backup. Try again.",
        ),
        "backup_cancelled": QCoreApplication.translate(
            "Errors", "The backup was cancelled; the backup folder is as it was."
        ),
        "backup_file_too_large": QCoreApplication.translate(
            "Errors",
            "A recording is larger than the 4 GiB a FAT32 USB stick can hold in one file. "
            "Format the stick as exFAT, or back up to another folder.",
        ),
        "restore_target": QCoreApplication.translate(
            "Errors", "Restore into a new or empty folder."
        ),
        "restore_source": QCoreApplication.translate(
            "Errors", "The backup does not hold the snapshot that was asked for."
        ),
        "restore_copy_failed": QCoreApplication.translate(
            "Errors",
            "A file in the backup is missing or damaged, so nothing was restored. Try an "
            "older snapshot or another backup.",
        ),
        "age": QCoreApplication.translate("Errors", "An encrypted file in the vault is damaged."),
        "age_payload": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault is damaged and cannot be read."
        ),
        "age_truncated": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault is cut short and cannot be read."
        ),
        "age_header_mac": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault has a damaged header."
        ),
        "age_no_match": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault was not made for this vault's key."
        ),
        "age_not_age_file": QCoreApplication.translate(
            "Errors", "A file in the vault is not in the encrypted format it should be."
        ),
        "age_header": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault has a damaged header."
        ),
        "age_armor": QCoreApplication.translate(
            "Errors", "An encrypted file in the vault has damaged armor."
        ),
        "age_key_format": QCoreApplication.translate("Errors", "The vault's key file is damaged."),
        "capture_unreadable": QCoreApplication.translate(
            "Errors", "The file's date and details could not be read."
        ),
        "custody_format": QCoreApplication.translate(
            "Errors", "An entry in the vault's history log is damaged."
        ),
        "custody_payload": QCoreApplication.translate(
            "Errors", "An entry for the vault's history log could not be written."
        ),
        "custody_unknown_action": QCoreApplication.translate(
            "Errors", "An entry for the vault's history log could not be written."
        ),
        "db_key_format": QCoreApplication.translate("Errors", "The vault's key is damaged."),
        "kdf_process": QCoreApplication.translate(
            "Errors", "Unlocking was interrupted before it finished. Please try again."
        ),
        "backup_duplicate": QCoreApplication.translate(
            "Errors",
            "This backup is already in the vault, and its calls and messages are already "
            "counted: see the lender's Case tab.",
        ),
        "backup_already_analysed": QCoreApplication.translate(
            "Errors",
            "The calls and messages of this backup are already counted: see the lender's Case tab.",
        ),
        "backup_not_a_backup_item": QCoreApplication.translate(
            "Errors", "Only a call log or SMS backup can be analysed."
        ),
        "backup_not_a_file": QCoreApplication.translate(
            "Errors", "Only a backup file can be imported here, not a folder or a link."
        ),
        "backup_format": QCoreApplication.translate(
            "Errors",
            "This file is not a call log or SMS backup from “SMS Backup & Restore”. "
            "Nothing was imported.",
        ),
        "backup_truncated": QCoreApplication.translate(
            "Errors",
            "The backup file is cut off; copy it from the phone again. Nothing was imported.",
        ),
        "backup_hostile_xml": QCoreApplication.translate(
            "Errors",
            "The backup file contains XML that phone backups never use, so it was refused. "
            "Nothing was imported.",
        ),
        "unknown_complaint": QCoreApplication.translate(
            "Errors", "This complaint no longer exists in the vault."
        ),
        "complaint_value": QCoreApplication.translate(
            "Errors", "This complaint cannot be saved as given."
        ),
        "rule_pack": QCoreApplication.translate(
            "Errors", "A rule file of this vault is damaged, so rules cannot be checked."
        ),
        "export": QCoreApplication.translate("Errors", "The bundle could not be written."),
        "note_too_long": QCoreApplication.translate(
            "Errors", "This note is too long to keep in one piece. Split it into several notes."
        ),
        "transcript_invalid": QCoreApplication.translate(
            "Errors",
            "This transcript cannot be saved as written: it is too long, or a line has no "
            "time or no words.",
        ),
        "transcript_not_recording": QCoreApplication.translate(
            "Errors", "Only a recording can have a transcript."
        ),
        "export_empty": QCoreApplication.translate(
            "Errors", "There is no evidence to export for this choice of lender and dates."
        ),
        "export_exists": QCoreApplication.translate(
            "Errors", "A file with that name already exists. Choose another name."
        ),
        "pack_company_missing": QCoreApplication.translate(
            "Errors",
            "The lender has no company name yet. Type the company's full name (as in the "
            "loan contract) and make the material again.",
        ),
        "pack_empty": QCoreApplication.translate(
            "Errors",
            "This lender has no evidence yet. Import recordings, screenshots or a call log first.",
        ),
        "pack_cancelled": QCoreApplication.translate(
            "Errors", "Making the complaint material was cancelled. Nothing was written."
        ),
        "pack_hash_mismatch": QCoreApplication.translate(
            "Errors",
            "A file in the vault no longer matches the hash taken when it was imported, so "
            "no copy of it was made. Run a vault check.",
        ),
        "pack_image": QCoreApplication.translate(
            "Errors",
            "One of the images cannot be read or made small enough for this channel. It stays "
            "in the full evidence bundle.",
        ),
        "export_cancelled": QCoreApplication.translate(
            "Errors", "The export was cancelled. No file was written."
        ),
        "verify_cancelled": QCoreApplication.translate(
            "Errors", "The check was stopped before the end, so it says nothing about the bundle."
        ),
        "export_hash_mismatch": QCoreApplication.translate(
            "Errors",
            "A file in the vault no longer matches the hash taken when it was imported, so "
            "the export stopped. Run a vault check.",
        ),
        "tsa": QCoreApplication.translate("Errors", "The timestamp server gave no usable answer."),
        "tsa_unreachable": QCoreApplication.translate(
            "Errors", "The timestamp server could not be reached. Try again when online."
        ),
        "tsa_bad_reply": QCoreApplication.translate(
            "Errors", "The timestamp server's answer is not a valid timestamp."
        ),
        "tsa_untrusted": QCoreApplication.translate(
            "Errors", "The timestamp server's answer is not signed by a trusted authority."
        ),
        "tsa_url": QCoreApplication.translate(
            "Errors", "That is not a usable timestamp server address (it must start with http)."
        ),
        "tsa_unknown": QCoreApplication.translate(
            "Errors", "This timestamp server is not in the vault's list."
        ),
        "checkpoint": QCoreApplication.translate(
            "Errors",
            "A checkpoint of the vault could not be made or checked. Run a vault check.",
        ),
        "checkpoint_inconsistent": QCoreApplication.translate(
            "Errors",
            "The vault's evidence no longer matches a checkpoint signed earlier: something in "
            "the vault was changed. Run a vault check.",
        ),
        "merkle": QCoreApplication.translate(
            "Errors", "The vault's checkpoint data could not be worked out. Run a vault check."
        ),
        "merkle_leaf_hash": QCoreApplication.translate(
            "Errors", "A fingerprint in the vault's checkpoint data is damaged. Run a vault check."
        ),
        "merkle_tree_size": QCoreApplication.translate(
            "Errors",
            "The vault's checkpoint data does not cover the evidence asked for. Run a vault check.",
        ),
        "signature": QCoreApplication.translate(
            "Errors", "A signature does not check out, so the files cannot be shown unchanged."
        ),
        "signature_malformed": QCoreApplication.translate(
            "Errors", "The signature is damaged and cannot be checked."
        ),
        "signature_unsupported": QCoreApplication.translate(
            "Errors", "The signature is of a kind this app cannot check."
        ),
        "signature_wrong_namespace": QCoreApplication.translate(
            "Errors", "The signature was made for something else, not for Evidence Vault."
        ),
        "signature_wrong_key": QCoreApplication.translate(
            "Errors", "The signature was made with a different key from the one expected."
        ),
        "signature_bad": QCoreApplication.translate(
            "Errors",
            "The signature does not match the files: they or the signature were changed "
            "after signing.",
        ),
        "allowed_signers": QCoreApplication.translate(
            "Errors", "The bundle's list of signing keys (allowed_signers) is damaged."
        ),
        "signature_usage": QCoreApplication.translate(
            "Errors", "A signature could not be made as asked."
        ),
        "bundle_unreadable": QCoreApplication.translate(
            "Errors",
            "This file cannot be read as an evidence bundle. It may be damaged or cut short.",
        ),
        "bundle_hostile_zip": QCoreApplication.translate(
            "Errors",
            "This file holds things no evidence bundle holds, so it was refused for your safety.",
        ),
        "bundle_manifest": QCoreApplication.translate(
            "Errors", "The bundle's list of evidence (manifest.json) is missing or damaged."
        ),
        "bundle_sums_format": QCoreApplication.translate(
            "Errors", "The bundle's list of file hashes (SHA256SUMS) is damaged."
        ),
        "passphrase_missing": QCoreApplication.translate("Errors", "No passphrase was given."),
        "feature_missing": QCoreApplication.translate(
            "Errors", "This part of Evidence Vault is not installed."
        ),
        "vault_error": QCoreApplication.translate("Errors", "Something went wrong in the vault."),
        "receive_bind": QCoreApplication.translate(
            "Errors", "Could not start receiving: the network address or port is not available."
        ),
        "receive_interrupted": QCoreApplication.translate(
            "Errors", "The upload from the phone was interrupted; nothing of it was kept."
        ),
        "receive_malformed": QCoreApplication.translate(
            "Errors", "What the phone sent was not a file upload; nothing of it was kept."
        ),
        "custody_chain": QCoreApplication.translate(
            "Errors", "The vault's history log is broken. Run a vault check to find where."
        ),
    }


def message_for(error: VaultError) -> str:
    """One translated, plain sentence for a typed core error."""
    table = _messages()
    for cls in type(error).__mro__:
        code = getattr(cls, "code", None)
        if isinstance(code, str) and code in table:
            return table[code]
    return QCoreApplication.translate("Errors", "Something went wrong in the vault.")


def sentence_for(code: str | None) -> str | None:
    """The translated sentence for an error ``code`` that crossed the core's boundary as
    data (an import refusal), or None when the code has none here."""
    return None if code is None else _messages().get(code)


def known_codes() -> frozenset[str]:
    return frozenset(_messages())


_SECRET_PATTERNS = (
    re.compile(r"AGE-SECRET-KEY-1[0-9A-Z]+", re.IGNORECASE),
    re.compile(r"\b[0-9a-f]{32,}\b"),
    re.compile(r"(?i)(passphrase|password|text|note)=\S+"),
    re.compile(r"/home/[^/\s]+"),
)


def redact(text: str) -> str:
    """Remove what must never leave the machine in a bug report: keys, hashes, notes."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


def details_of(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """A traceback without the exception's message (it may quote user data)."""
    frames = [
        f'File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        for frame in traceback.extract_tb(tb)
    ]  # no source lines and no message: only where it happened and what kind of error
    return redact("".join(frames) + f"{exc_type.__module__}.{exc_type.__qualname__}")


# Where the details of unexpected failures are written (``ui.app`` sets it when the file
# log starts); ``None`` when there is no log file, and the dialog then names none.
log_file: Path | None = None


def _dialog(parent: QWidget | None, title: str, text: str, copy: str) -> None:
    actions = []
    if copy:
        label = QCoreApplication.translate("Errors", "Copy the file's path")
        actions.append(dialogs.Action(label, lambda: QGuiApplication.clipboard().setText(copy)))
    dialogs.inform(parent, title, text, actions=actions, warning=True)


def unexpected_text(path: Path | None) -> str:
    """The one sentence for a fault of ours, and the file holding its details."""
    if path is None:
        return QCoreApplication.translate(
            "Errors", "Something unexpected went wrong, but your evidence is safe."
        )
    return QCoreApplication.translate(
        "Errors",
        "Something unexpected went wrong, but your evidence is safe. The details are in this "
        "file, which holds no passphrase or note text:\n%1",
    ).replace("%1", str(path))


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show any failure: a sentence for typed errors; for unexpected ones a sentence and
    the log file's path, the details (never the message) going only to that file."""
    title = QCoreApplication.translate("Errors", "Evidence Vault")
    if isinstance(error, VaultError):
        logger.info("Vault error shown to the user: %s", error.code)
        _dialog(parent, title, message_for(error), "")
        return
    details = details_of(type(error), error, error.__traceback__)
    logger.error("Unexpected error:\n%s", details)
    path = log_file
    _dialog(parent, title, unexpected_text(path), str(path) if path is not None else "")


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    exc.__traceback__ = tb
    try:
        show_error(None, exc)
    except Exception:  # the dialog itself failed: the details are still logged
        logger.error("Unexpected error: %s", details_of(exc_type, exc, tb))
