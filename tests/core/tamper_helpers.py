"""Editing ``vault.db`` directly with its key, as someone bypassing the app would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PIL import Image

from vault.case.complaints import add_complaint, update_complaint
from vault.check import check_vault
from vault.db.session import open_database
from vault.dto import CheckReport
from vault.handle import DATABASE_FILE, OpenVault
from vault.importing import import_backup, import_paths
from vault.items import edit_item, withdraw_item
from vault.lenders import add_lender, add_lender_numbers
from vault.notes import add_note

LENDER, OTHER = "微粒貸", "Other lender"
NUMBER = "13800138000"


def tamper(vault: OpenVault, *statements: str) -> None:
    """Run SQL on the vault's database outside the app (foreign keys off, as an attacker)."""
    engine = open_database(vault.info.path / DATABASE_FILE, vault.keys.database_key)
    try:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA foreign_keys = OFF")
            for statement in statements:
                cursor.execute(statement)
            raw.commit()
        finally:
            raw.close()
    finally:
        engine.dispose()


def populate(vault: OpenVault, tmp_path: Path) -> dict[str, str]:
    """A vault with every kind of row the custody log covers; returns their ids."""
    add_lender(vault, LENDER, numbers=[NUMBER])
    add_lender(vault, OTHER)
    add_lender_numbers(vault, OTHER, ["13900139000"])
    paths = []
    for n in range(3):
        path = tmp_path / f"photo{n}.jpg"
        Image.new("RGB", (40, 40), (n * 50, 10, 10)).save(path, "JPEG")
        paths.append(path)
    ids = [str(r.item_id) for r in import_paths(vault, paths, lender=LENDER).results]
    edited, withdrawn, plain = ids
    edit_item(
        vault,
        edited,
        {
            "title": "Threat",
            "purpose": "shows the threat",
            "categories": ["threats"],
            "counterpart": NUMBER,
            "incident_at": datetime(2024, 3, 1, 22, 15),
        },
    )
    withdraw_item(vault, withdrawn, reason="duplicate")
    note = add_note(vault, LENDER, "came to the door", occurred_at=datetime(2024, 3, 2, 9, 0))
    complaint = add_complaint(
        vault, LENDER, channel="12378", filed_on=datetime(2024, 3, 3).date(), items=[edited]
    )
    update_complaint(vault, complaint.id, status="acknowledged", reference="R-1")
    backup = tmp_path / "calls.xml"
    backup.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<calls count="2">'
        f'<call number="{NUMBER}" date="1709290000000" type="1" duration="30"/>'
        f'<call number="{NUMBER}" date="1709291000000" type="3" duration="0"/>'
        "</calls>\n",
        encoding="utf-8",
    )
    import_backup(vault, backup, lender=LENDER)
    with vault.sessions() as session:
        backup_item = (
            session.connection()
            .exec_driver_sql("SELECT id FROM items WHERE kind = 'backup'")
            .scalar_one()
        )
    return {
        "edited": edited,
        "withdrawn": withdrawn,
        "plain": plain,
        "note": str(note.id),
        "complaint": str(complaint.id),
        "backup": str(backup_item),
    }


def check(vault: OpenVault, *, repair: bool = False) -> CheckReport:
    return check_vault(vault, repair=repair)
