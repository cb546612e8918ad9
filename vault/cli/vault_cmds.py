"""The commands on the vault itself: init, lender, import, import-backup, note, list, show,
ocr, check, passwd and recover (DESIGN.md §7).

Each handler imports what it runs when it runs; building the parser loads none of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vault.cli.common import (
    FILE,
    NEW_PASSPHRASE_ENV,
    CommandTree,
    completes,
    emit,
    json_option,
    moment,
    new_passphrase,
    open_vault,
    passphrase,
    shown_path,
)

if TYPE_CHECKING:
    from vault.dto import BackupImportReport, ImportReport, ItemDTO
    from vault.handle import OpenVault


def cmd_init(args: argparse.Namespace) -> int:
    from vault.handle import create_vault  # noqa: PLC0415 - loaded when the command runs

    vault, recovery = create_vault(
        Path(args.vault), passphrase(args, confirm=True), time_zone=args.time_zone
    )
    zone = vault.tz.key
    vault.lock()
    print(f"Created the vault in {args.vault} (time zone {zone}).")
    print("Recovery key — print it or write it down and keep it somewhere safe.")
    print("Without the passphrase or this key, the evidence cannot be recovered:\n")
    print(recovery)
    return 0


def cmd_lender_add(args: argparse.Namespace) -> int:
    from vault.lenders import add_lender  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        lender = add_lender(
            vault, args.name, numbers=args.number or [], app=args.app, company=args.company
        )
    print(f"Added lender {lender.name}.")
    return 0


def cmd_lender_update(args: argparse.Namespace) -> int:
    from vault.lenders import (  # noqa: PLC0415 - loaded when it runs
        add_lender_numbers,
        set_lender_company,
    )

    with open_vault(args) as vault:
        if args.add_number or args.company is None:
            lender = add_lender_numbers(vault, args.name, args.add_number or [])
        if args.company is not None:
            lender = set_lender_company(vault, args.name, args.company)
    print(f"Updated lender {lender.name}: {', '.join(lender.numbers) or 'no numbers'}.")
    return 0


def cmd_lender_list(args: argparse.Namespace) -> int:
    from vault.lenders import list_lenders  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        lenders = list_lenders(vault)
    if args.json:
        emit([lender.to_json() for lender in lenders])
        return 0
    for lender in lenders:
        print(f"{lender.name}\t{lender.item_count} items\t{' '.join(lender.numbers)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import, say what happened, then (unless ``--defer-sm3``) compute every SM3 still
    missing: the items are durable and checkpointed before the SM3 pass begins, so an
    interrupted pass loses nothing, and the next import or export finishes it."""
    from vault.importing import fill_sm3, import_paths  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        report = import_paths(vault, [Path(p) for p in args.paths], lender=args.lender)
        _print_import(report, as_json=args.json)
        if not args.defer_sm3:
            filled = fill_sm3(vault)
            if filled and not args.json:
                print(f"SM3 computed for {filled} items.")
        if not args.json:
            _print_ocr_waiting(vault, args.vault)
    return 0


def _print_ocr_waiting(vault: OpenVault, where: str) -> None:
    from vault.ocr.reading import waiting_ids  # noqa: PLC0415 - loaded when it runs

    count = len(waiting_ids(vault))
    if count:
        print(f"{count} images wait to have their text read: evault ocr --vault {where} --wait")


def _print_import(report: ImportReport, *, as_json: bool) -> None:
    from vault.dto import ImportStatus  # noqa: PLC0415 - loaded when the command runs

    if as_json:
        emit(report.to_json())
        sys.stdout.flush()
        return
    for result in report.results:
        detail = result.item_id or result.duplicate_of or result.reason or ""
        print(f"{result.status}\t{shown_path(result.path)}\t{detail}")
    counts = {s: report.count(s) for s in ImportStatus}
    print(
        f"{counts[ImportStatus.IMPORTED]} imported, {counts[ImportStatus.DUPLICATE]} duplicates, "
        f"{counts[ImportStatus.REFUSED]} refused.",
        flush=True,
    )
    for backup in report.backups:
        _print_backup(backup)


def cmd_import_backup(args: argparse.Namespace) -> int:
    from vault.importing import import_backup  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        report = import_backup(vault, Path(args.file), lender=args.lender)
    if args.json:
        emit(report.to_json())
        return 0
    _print_backup(report)
    return 0


def _print_backup(report: BackupImportReport) -> None:
    """What a phone backup's rows became, and how to give its unknown numbers a lender."""
    if report.restored:
        how = f"Restored the backup item {report.item_id} from the trash and analysed it"
    elif report.existing:
        how = f"The backup was already item {report.item_id}; analysed it"
    else:
        how = f"Imported the backup as item {report.item_id}"
    print(
        f"{how}: {report.calls} calls, {report.sms} SMS, {report.mms} MMS; "
        f"{report.attached} rows belong to {report.lender or 'no lender'}."
    )
    for entry in report.unassigned:
        print(f"unassigned\t{entry.number}\t{entry.count} contacts")
    if report.unassigned:
        print("Assign a number with: evault lender update NAME --add-number NUMBER")


def cmd_note_add(args: argparse.Namespace) -> int:
    from vault.notes import add_note  # noqa: PLC0415 - loaded when it runs

    at = moment(args.at, "--at")
    with open_vault(args) as vault:
        note = add_note(vault, args.lender, args.text, occurred_at=at, item_id=args.item)
    print(f"Added note {note.id} for {note.lender}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from vault.items import list_items  # noqa: PLC0415 - loaded when it runs
    from vault.listing import ItemFilter, item_count, item_page  # noqa: PLC0415

    with open_vault(args) as vault:
        if args.search:
            found = ItemFilter(lender=args.lender, text=" ".join(args.search))
            items = [
                item
                for start in range(0, item_count(vault, found), 1000)
                for item in item_page(vault, found, start, 1000)
            ]
        else:
            items = list_items(vault, lender=args.lender)
    if args.json:
        emit([item.to_json() for item in items])
        return 0
    for item in items:
        when = item.captured_at.isoformat(timespec="seconds")
        print(f"{item.id}\t{when}\t{item.kind}\t{item.lender or '-'}\t{item.original_name}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from vault.items import get_item, item_history  # noqa: PLC0415 - loaded when it runs
    from vault.ocr import item_text  # noqa: PLC0415 - loaded when it runs
    from vault.transcript import latest_transcript  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        item = get_item(vault, args.id)
        history = item_history(vault, args.id)
        text = item_text(vault, args.id)
        transcript = latest_transcript(vault, args.id)
    data = item.to_json() | {
        "times": _three_times(item),
        "custody": [event.to_json() for event in history],
    }
    if text is not None:
        data["text"] = text.to_json()
    if transcript is not None:
        data["transcript"] = transcript.to_json()
    if args.json:
        emit(data)
        return 0
    for key, value in data.items():
        if key not in {"custody", "text", "transcript"}:
            print(f"{key}: {value}")
    if text is not None:
        label = f"machine-read by {text.engine} {text.version} ({text.languages})"
        print(f"text ({label}):" if text.readable else f"text: unreadable image ({label})")
        for line in (text.text or "").splitlines():
            print(f"  {line}")
    if transcript is not None:
        print(
            f"transcript (version {transcript.version}, {transcript.origin}, saved "
            f"{transcript.saved_at.isoformat(timespec='seconds')}):"
        )
        for line in transcript.first_lines(len(transcript.segments), "zh_CN"):
            print(f"  {line}")
    for event in history:
        print(f"custody: #{event.seq} {event.at.isoformat()} {event.action}")
    return 0


def _three_times(item: ItemDTO) -> dict[str, object]:
    """The file name's time, the file's own modified time and the import time, each
    labelled, and which source ``captured_at`` came from (EXIF and the container are
    read from the content and are not repeated here)."""
    name_time = (
        {"utc": item.name_time.isoformat(), "offset_min": item.name_offset_min}
        if item.name_time is not None
        else None
    )
    modified = item.file_modified_at.isoformat() if item.file_modified_at else None
    return {
        "file_name": name_time,
        "file_modified": modified,
        "imported": item.imported_at.isoformat(),
        "captured_from": item.time_source,
    }


def cmd_ocr(args: argparse.Namespace) -> int:
    """Read the text of the images that wait; without ``--wait`` for at most
    ``--seconds``, so a script's pass stays short; what was read is kept either way."""
    import threading  # noqa: PLC0415 - loaded when the command runs

    from vault.ocr.reading import read_waiting  # noqa: PLC0415 - loaded when it runs

    cancel = threading.Event()
    timer = None if args.wait else threading.Timer(args.seconds, cancel.set)
    shown = [-1]

    def progress(done: int, total: int) -> None:
        if not args.json and total and done * 10 // total != shown[0]:
            shown[0] = done * 10 // total
            print(f"read {done} of {total} images", flush=True)

    with open_vault(args) as vault:
        if timer is not None:
            timer.start()
        try:
            run = read_waiting(vault, progress=progress, cancel=cancel)
        finally:
            if timer is not None:
                timer.cancel()
    if args.json:
        emit(
            {
                "read": run.read,
                "unreadable": [{"id": r.item_id, "reason": r.problem} for r in run.unreadable],
                "skipped": list(run.skipped),
                "waiting": run.waiting,
            }
        )
        return 0
    for reading in run.unreadable:
        print(f"unreadable\t{reading.item_id}\t{reading.problem} The original is kept unchanged.")
    for item_id in run.skipped:
        print(f"skipped\t{item_id}\tThe stored file could not be decrypted; run evault check.")
    print(f"Read the text of {run.read} images; {len(run.unreadable)} unreadable.")
    if run.waiting:
        print(f"{run.waiting} images still wait; run evault ocr --vault {args.vault} --wait.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from vault.check import check_vault  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        report = check_vault(vault, repair=args.repair)
    if args.json:
        emit(report.to_json() | {"ok": report.ok})
        return 0 if report.ok else 1
    for source, target in zip(report.repaired, report.quarantined, strict=True):
        print(f"moved to quarantine: {shown_path(source)} -> {shown_path(target)}")
    if report.quarantined:
        print(
            f"{len(report.quarantined)} stray file(s) moved to "
            f"{shown_path(Path(args.vault) / 'quarantine')}; nothing was deleted."
        )
    for problem in report.problems:
        print(f"PROBLEM {problem.message}")
    verdict = "OK" if report.ok else f"{len(report.problems)} problem(s)"
    print(
        f"Checked {report.items_checked} items and {report.events_checked} custody events: {verdict}."
    )
    return 0 if report.ok else 1


def cmd_passwd(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        new = new_passphrase(args)
        vault.change_passphrase(new)
    print("The passphrase was changed.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from vault.errors import UsageError  # noqa: PLC0415 - loaded when the command runs
    from vault.handle import unlock_with_recovery_key  # noqa: PLC0415 - loaded when it runs

    try:
        key = Path(args.recovery_key_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(
            f"{shown_path(Path(args.recovery_key_file))} cannot be read as a text file."
        ) from None
    unlock_with_recovery_key(Path(args.vault), key, new_passphrase(args)).lock()
    print("The recovery key opened the vault; from now on the new passphrase opens it.")
    return 0


def cmd_time_zone(args: argparse.Namespace) -> int:
    from vault.time_zone import set_time_zone  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        if args.name:
            set_time_zone(vault, args.name)
        zone = vault.tz.key
    print(f"The vault counts days, nights and hours in {zone}.")
    return 0


def add_commands(tree: CommandTree) -> None:
    init = tree.command("init", "create a new vault", cmd_init, unlocks=False)
    init.add_argument(
        "--time-zone",
        metavar="ZONE",
        help="where the calls happen, e.g. Asia/Shanghai (default: this computer's zone)",
    )
    zone = tree.command(
        "time-zone", "show or change the zone days and nights are counted in", cmd_time_zone
    )
    zone.add_argument("name", nargs="?", metavar="ZONE", help="e.g. Asia/Shanghai")
    lender = tree.actions("lender", "add, update or list lenders")
    add = lender("add", "add a lender", cmd_lender_add)
    add.add_argument("name", metavar="NAME", help="the lender's name, e.g. 借呗")
    add.add_argument("--number", action="append", help="a collector's phone number (repeatable)")
    add.add_argument("--app", help="the lending app's name")
    add.add_argument("--company", help="the company's full name (被投诉机构全称)")
    update = lender("update", "add collectors' numbers to a lender", cmd_lender_update)
    update.add_argument("name", metavar="NAME", help="the lender to update")
    update.add_argument(
        "--add-number", action="append", help="a collector's number to add (repeatable)"
    )
    update.add_argument("--company", help="the company's full name (被投诉机构全称)")
    listing = lender("list", "list the lenders", cmd_lender_list, writes=False)
    json_option(listing)
    imp = tree.command(
        "import", "import files and folders (kind detected from content)", cmd_import
    )
    imp.add_argument("--lender", help="the lender the evidence is filed under")
    json_option(imp)
    imp.add_argument(
        "--defer-sm3",
        action="store_true",
        help="leave the SM3 hashes to the next import, the window or the export",
    )
    completes(
        imp.add_argument(
            "paths",
            nargs="+",
            metavar="FILE|DIR",
            help="files, or folders read with everything in them (a phone's folder works)",
        ),
        FILE,
    )
    backup = tree.command(
        "import-backup",
        "import an SMS Backup & Restore XML file (calls or messages)",
        cmd_import_backup,
    )
    backup.add_argument("--lender", help="the lender the backup is filed under")
    json_option(backup)
    completes(
        backup.add_argument(
            "file", metavar="sms.xml|calls.xml", help="the backup file the phone app wrote"
        ),
        FILE,
    )
    note = tree.actions("note", "write notes about a lender")("add", "write a note", cmd_note_add)
    note.add_argument("--lender", required=True, help="the lender the note is about")
    note.add_argument("--at", help="when it happened (ISO 8601, vault time zone if none)")
    note.add_argument("--text", required=True, help="what happened, in your own words")
    note.add_argument("--item", help="the item the note is about (its id, as evault list prints)")
    lst = tree.command("list", "list evidence items", cmd_list, writes=False)
    lst.add_argument("--lender", help="one lender's items (default: every item)")
    lst.add_argument(
        "--search",
        nargs="+",
        metavar="WORDS",
        help="only items whose title, notes, transcript or machine-read text contain WORDS",
    )
    json_option(lst)
    show = tree.command("show", "show one item and its custody history", cmd_show, writes=False)
    show.add_argument("id", help="the item's id, as evault list prints it")
    json_option(show)
    ocr = tree.command("ocr", "read the text of the screenshots and photos that wait", cmd_ocr)
    ocr.add_argument("--wait", action="store_true", help="read until no image waits")
    ocr.add_argument(
        "--seconds",
        type=float,
        default=60.0,
        help="without --wait, stop after about this long (default 60); the rest waits",
    )
    json_option(ocr)
    check = tree.command("check", "read every blob back and verify the custody chain", cmd_check)
    check.add_argument(
        "--repair",
        action="store_true",
        help="move stray files (interrupted imports) into quarantine/; nothing is deleted",
    )
    json_option(check)
    passwd = tree.command("passwd", "change the passphrase", cmd_passwd)
    _new_passphrase_file(passwd)
    recover = tree.command(
        "recover",
        "forgotten passphrase: open the vault with its recovery key and set a new passphrase",
        cmd_recover,
        unlocks=False,
    )
    completes(
        recover.add_argument(
            "--recovery-key-file",
            required=True,
            metavar="FILE",
            help="a text file holding the recovery key (AGE-SECRET-KEY-1…)",
        ),
        FILE,
    )
    _new_passphrase_file(recover)


def _new_passphrase_file(sub: argparse.ArgumentParser) -> None:
    completes(
        sub.add_argument(
            "--new-passphrase-file",
            metavar="FILE",
            help=f"read the new passphrase from this file (or set {NEW_PASSPHRASE_ENV})",
        ),
        FILE,
    )
