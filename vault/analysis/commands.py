"""The case commands of ``evault``: import-backup, timeline, stats, violations, complaint.

Registered by :mod:`vault.cli` through :func:`add_commands`; read commands take
``--json`` and print the DTOs' JSON form.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from vault.analysis.stats import stats_for
from vault.analysis.timeline import timeline
from vault.backup.importer import import_backup
from vault.complaints import Channel, Status, add_complaint, complaints, update_complaint
from vault.dto import ComplaintDTO
from vault.errors import UsageError
from vault.rules.detector import find_violations

Opener = Callable[[argparse.Namespace], Any]


def _emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"The {what} date {text!r} is not in the form YYYY-MM-DD.") from None


def cmd_import_backup(args: argparse.Namespace) -> int:
    with args.open_vault(args) as vault:
        report = import_backup(vault, Path(args.file), lender=args.lender)
    if args.json:
        _emit(report.to_json())
        return 0
    print(
        f"Imported the backup as item {report.item_id}: {report.calls} calls, {report.sms} SMS, "
        f"{report.mms} MMS; {report.attached} rows belong to {report.lender or 'no lender'}."
    )
    for entry in report.unassigned:
        print(f"unassigned\t{entry.number}\t{entry.count} contacts")
    if report.unassigned:
        print("Assign a number with: evault lender update NAME --add-number NUMBER")
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    with args.open_vault(args) as vault:
        entries = timeline(
            vault,
            args.lender,
            kinds=args.kind,
            categories=args.category,
            number=args.number,
            start=_day(args.date_from, "start"),
            end=_day(args.date_to, "end"),
        )
        zone = vault.tz
    if args.json:
        _emit([entry.to_json() for entry in entries])
        return 0
    for entry in entries:
        local = entry.at.astimezone(zone).isoformat(timespec="seconds")
        detail = " ".join(
            part
            for part in (entry.direction, entry.number, _duration(entry.duration_s), entry.text)
            if part
        )
        print(f"{local}\t{entry.time_source}\t{entry.kind}\t{entry.lender or '-'}\t{detail}")
    return 0


def _duration(seconds: int | None) -> str | None:
    return None if seconds is None else f"{seconds}s"


def cmd_stats(args: argparse.Namespace) -> int:
    with args.open_vault(args) as vault:
        stats = stats_for(
            vault,
            args.lender,
            start=_day(args.date_from, "start"),
            end=_day(args.date_to, "end"),
        )
    if args.json:
        _emit(stats.to_json())
        return 0
    print(
        f"{stats.lender}: {stats.calls_attempted} calls attempted, {stats.calls_answered} "
        f"answered, {stats.sms} messages, {stats.night_contacts} at night (22:00-08:00), "
        f"{stats.distinct_numbers} numbers ({stats.time_zone})."
    )
    if stats.longest_burst is not None:
        burst = stats.longest_burst
        print(
            f"Longest burst: {burst.contacts} contacts from {burst.start.isoformat()} "
            f"to {burst.end.isoformat()}."
        )
    print("day\tcalls\tanswered\tnumbers\tsms\tnight\tburst")
    for day in stats.days:
        print(
            f"{day.day}\t{day.calls_attempted}\t{day.calls_answered}\t{day.distinct_numbers}\t"
            f"{day.sms}\t{day.night_contacts}\t{day.longest_burst}"
        )
    print("hour\t" + "\t".join(str(h) for h in range(24)))
    print("contacts\t" + "\t".join(str(n) for n in stats.hours))
    return 0


def cmd_violations(args: argparse.Namespace) -> int:
    with args.open_vault(args) as vault:
        findings = find_violations(vault, args.lender)
    if args.json:
        _emit([finding.to_json() for finding in findings])
        return 0
    for finding in findings:
        when = finding.day.isoformat() if finding.day else "items"
        limit = f" (limit {finding.limit})" if finding.limit is not None else ""
        print(
            f"{when}\t{finding.rule_id}\t{finding.count}{limit}\t{finding.description_en}\t"
            f"{finding.source.title_en}"
        )
    print(f"{len(findings)} finding(s).")
    return 0


def cmd_complaint(args: argparse.Namespace) -> int:
    with args.open_vault(args) as vault:
        if args.action == "add":
            if not args.lender or not args.channel or not args.filed:
                raise UsageError("complaint add needs --lender, --channel and --filed.")
            found = [
                add_complaint(
                    vault,
                    args.lender,
                    channel=args.channel,
                    filed_on=_day(args.filed, "filing") or date.today(),
                    reference=args.reference,
                    status=args.status or Status.FILED,
                    next_follow_up=_day(args.follow_up, "follow-up"),
                    notes=args.notes,
                    items=args.item or [],
                )
            ]
        elif args.action == "update":
            if args.id is None:
                raise UsageError("complaint update needs --id.")
            found = [
                update_complaint(
                    vault,
                    args.id,
                    status=args.status,
                    reference=args.reference,
                    next_follow_up=_day(args.follow_up, "follow-up"),
                    clear_follow_up=args.clear_follow_up,
                    notes=args.notes,
                    add_items=args.item or [],
                    remove_items=args.remove_item or [],
                )
            ]
        else:
            found = complaints(vault, args.lender)
    if args.json and args.action == "list":
        _emit([c.to_json() for c in found])
    elif args.json:
        _emit(found[0].to_json())
    else:
        for complaint in found:
            print(_complaint_line(complaint))
    return 0


def _complaint_line(c: ComplaintDTO) -> str:
    follow = c.next_follow_up.isoformat() if c.next_follow_up else "-"
    return (
        f"{c.id}\t{c.lender}\t{c.channel}\t{c.filed_on}\t{c.status}\t"
        f"ref {c.reference or '-'}\tfollow-up {follow}\t{len(c.item_ids)} items"
    )


def add_commands(
    commands: Any,
    command: Callable[[str, str, Any], argparse.ArgumentParser],
    open_vault: Opener,
) -> None:
    """Add the case commands through the shared ``command`` helper (which adds --vault)."""
    imp = command(
        "import-backup",
        "import an SMS Backup & Restore XML file (calls or messages)",
        cmd_import_backup,
    )
    imp.add_argument("--lender", help="the lender the backup is filed under")
    imp.add_argument("--json", action="store_true")
    imp.add_argument("file", metavar="sms.xml|calls.xml")
    line = command("timeline", "items, notes and call/SMS events in time order", cmd_timeline)
    line.add_argument("--lender", help="one lender (default: every lender)")
    line.add_argument("--kind", action="append", help="item kind, note, call, sms or mms")
    line.add_argument("--category", action="append", help="harassment category of items")
    line.add_argument("--number", help="one phone number")
    line.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    line.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    line.add_argument("--json", action="store_true")
    stats = command("stats", "calls, messages and night contacts per day and hour", cmd_stats)
    stats.add_argument("--lender", required=True)
    stats.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    stats.add_argument("--json", action="store_true")
    violations = command("violations", "collection rules the evidence shows broken", cmd_violations)
    violations.add_argument("--lender", required=True)
    violations.add_argument("--json", action="store_true")
    complaint = command("complaint", "track complaints filed about a lender", cmd_complaint)
    complaint.add_argument("action", choices=["add", "list", "update"])
    complaint.add_argument("--lender")
    complaint.add_argument("--id", type=int, help="the complaint to update")
    complaint.add_argument("--channel", choices=[c.value for c in Channel])
    complaint.add_argument("--filed", metavar="YYYY-MM-DD", help="the date it was filed")
    complaint.add_argument("--reference", help="the reference number given by the channel")
    complaint.add_argument("--status", choices=[s.value for s in Status])
    complaint.add_argument("--follow-up", metavar="YYYY-MM-DD", help="next follow-up date")
    complaint.add_argument("--clear-follow-up", action="store_true")
    complaint.add_argument("--notes")
    complaint.add_argument("--item", action="append", help="link an evidence item")
    complaint.add_argument("--remove-item", action="append", help="unlink an evidence item")
    complaint.add_argument("--json", action="store_true")
    for parser in (imp, line, stats, violations, complaint):
        parser.set_defaults(open_vault=open_vault)


__all__ = ["add_commands"]
