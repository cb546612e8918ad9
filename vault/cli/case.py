"""The case commands of ``evault``: timeline, stats, violations and complaint.

Read commands take ``--json`` and print the DTOs' JSON form. Each handler imports what it
runs when it runs; building the parser loads none of it.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vault.case.complaint_codes import Channel, Status
from vault.case.pack_channels import PackChannel
from vault.cli.common import (
    CommandTree,
    date_options,
    day,
    emit,
    json_option,
    open_vault,
    shown_path,
)

if TYPE_CHECKING:
    from vault.dto import ComplaintDTO


def cmd_timeline(args: argparse.Namespace) -> int:
    from vault.case.timeline import timeline  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        entries = timeline(
            vault,
            args.lender,
            kinds=args.kind,
            categories=args.category,
            number=args.number,
            start=day(args.date_from, "start"),
            end=day(args.date_to, "end"),
        )
        zone = vault.tz
    if args.json:
        emit([entry.to_json() for entry in entries])
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
    from vault.case.stats import stats_for  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        stats = stats_for(
            vault,
            args.lender,
            start=day(args.date_from, "start"),
            end=day(args.date_to, "end"),
        )
    if args.json:
        emit(stats.to_json())
        return 0
    print(
        f"{stats.lender}: {stats.calls_attempted} calls attempted, {stats.calls_answered} "
        f"connected (longer than 0 s), {stats.calls_zero_seconds} of 0 s (not connected), "
        f"{stats.sms} messages, {stats.night_contacts} at night (22:00-08:00), "
        f"{stats.distinct_numbers} numbers ({stats.time_zone})."
    )
    if stats.longest_burst is not None:
        burst = stats.longest_burst
        print(
            f"Longest burst: {burst.contacts} contacts from {burst.start.isoformat()} "
            f"to {burst.end.isoformat()}."
        )
    print("day\tcalls\tconnected\tnumbers\tsms\tnight\tburst\t0s")
    for row in stats.days:
        print(
            f"{row.day}\t{row.calls_attempted}\t{row.calls_answered}\t{row.distinct_numbers}\t"
            f"{row.sms}\t{row.night_contacts}\t{row.longest_burst}\t{row.calls_zero_seconds}"
        )
    print("hour\t" + "\t".join(str(h) for h in range(24)))
    print("contacts\t" + "\t".join(str(n) for n in stats.hours))
    return 0


def cmd_violations(args: argparse.Namespace) -> int:
    from vault.bundle.report.wording import (  # noqa: PLC0415
        counted_sentence,
        not_in_force_sentence,
        source_lines,
    )
    from vault.case.rules.detector import rule_results  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        results = rule_results(vault, args.lender)
    findings = results.findings
    if args.json:
        emit([finding.to_json() for finding in findings])
        return 0
    for finding in findings:
        when = finding.day.isoformat() if finding.day else "items"
        limit = f" (limit {finding.limit})" if finding.limit is not None else ""
        print(
            f"{when}\t{finding.rule_id}\t{finding.count}{limit}\t{finding.description_en}\t"
            f"{finding.source.title_en}"
        )
        print(f"\t\tcounted: {counted_sentence(finding, 'en')}")
    print(f"{len(findings)} finding(s).")
    for fact in results.not_in_force:
        print(f"not counted\t{fact.rule_id}\t{not_in_force_sentence(fact, 'en')}")
        print(f"\t\t{not_in_force_sentence(fact, 'zh_CN')}")
    print("Sources of the rules:")
    for pack in results.packs:
        heading, lines = source_lines(pack, "en")
        print(f"  {heading}")
        for line in lines:
            print(f"    {line}")
    return 0


def cmd_complaint_add(args: argparse.Namespace) -> int:
    from vault.case.complaints import add_complaint  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        complaint = add_complaint(
            vault,
            args.lender,
            channel=args.channel,
            filed_on=day(args.filed, "filing") or datetime.now(vault.tz).date(),
            reference=args.reference,
            status=args.status or Status.FILED,
            next_follow_up=day(args.follow_up, "follow-up"),
            notes=args.notes,
            items=args.item or [],
        )
    return _print_complaints(args, [complaint], one=True)


def cmd_complaint_update(args: argparse.Namespace) -> int:
    from vault.case.complaints import update_complaint  # noqa: PLC0415 - loaded when the command runs

    with open_vault(args) as vault:
        complaint = update_complaint(
            vault,
            args.id,
            status=args.status,
            reference=args.reference,
            next_follow_up=day(args.follow_up, "follow-up"),
            clear_follow_up=args.clear_follow_up,
            notes=args.notes,
            add_items=args.item or [],
            remove_items=args.remove_item or [],
        )
    return _print_complaints(args, [complaint], one=True)


def cmd_complaint_list(args: argparse.Namespace) -> int:
    from vault.case.complaints import complaints, is_overdue  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        found = complaints(vault, args.lender)
        today = datetime.now(vault.tz).date()
    if args.json:
        emit([c.to_json() | {"overdue": is_overdue(c, today)} for c in found])
        return 0
    for complaint in found:
        late = "\tOVERDUE" if is_overdue(complaint, today) else ""
        print(_complaint_line(complaint) + late)
    late_count = sum(1 for c in found if is_overdue(c, today))
    if late_count:
        print(f"{late_count} complaint(s) overdue: the follow-up date has passed.")
    return 0


def cmd_complaint_pack(args: argparse.Namespace) -> int:
    from vault.case.complaint_pack import build_pack  # noqa: PLC0415 - loaded when it runs

    out = Path(args.out)
    with open_vault(args) as vault:
        result = build_pack(
            vault,
            args.lender,
            args.channel,
            out,
            demands=args.demand,
            render_pdf=args.extensions.render_pdf,
            language=args.lang,
        )
    if args.json:
        emit(result.to_json())
        return 0
    print(f"Wrote the {result.channel} complaint pack to {shown_path(result.folder)}.")
    if result.zip_path is not None:
        print(f"The same as one ZIP file: {shown_path(result.zip_path)}.")
    copies = sum(1 for a in result.attachments if a.number is not None)
    print(
        f"Paste {shown_path(result.text_file)}; attach the {len(result.attachments)} files "
        f"in 附件/ ({copies} labelled image copies"
        + (", the violation table as PDF)." if result.table_pdf else ").")
    )
    if result.images_left_out:
        print(f"{result.images_left_out} more images are in the full bundle only.")
    if not result.table_pdf and args.extensions.render_pdf is None:
        print("No PDF violation table: this installation cannot render PDF.")
    print(f"Where: {result.where}")
    print(result.next_steps)
    return 0


def _print_complaints(args: argparse.Namespace, found: list[ComplaintDTO], *, one: bool) -> int:
    if args.json:
        emit(found[0].to_json() if one else [c.to_json() for c in found])
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


def add_commands(tree: CommandTree) -> None:
    line = tree.command(
        "timeline", "items, notes and call/SMS events in time order", cmd_timeline, writes=False
    )
    line.add_argument("--lender", help="one lender (default: every lender)")
    line.add_argument("--kind", action="append", help="item kind, note, call, sms or mms")
    line.add_argument("--category", action="append", help="harassment category of items")
    line.add_argument("--number", help="one phone number")
    date_options(line, "entries")
    json_option(line)
    stats = tree.command(
        "stats", "calls, messages and night contacts per day and hour", cmd_stats, writes=False
    )
    stats.add_argument("--lender", required=True, help="the lender to count")
    date_options(stats, "contacts")
    json_option(stats)
    violations = tree.command(
        "violations", "collection rules the evidence shows broken", cmd_violations, writes=False
    )
    violations.add_argument("--lender", required=True, help="the lender whose evidence to judge")
    json_option(violations)
    complaint = tree.actions("complaint", "track complaints filed about a lender")
    add = complaint("add", "record a complaint you filed", cmd_complaint_add)
    add.add_argument("--lender", required=True, help="the lender complained about")
    add.add_argument(
        "--channel",
        required=True,
        choices=[c.value for c in Channel],
        help="where it was filed",
    )
    add.add_argument("--filed", required=True, metavar="YYYY-MM-DD", help="the date it was filed")
    add.add_argument("--item", action="append", help="link an evidence item")
    update = complaint("update", "record what happened to a complaint", cmd_complaint_update)
    update.add_argument("--id", required=True, type=int, help="the complaint to update")
    update.add_argument("--clear-follow-up", action="store_true", help="no follow-up date any more")
    update.add_argument("--item", action="append", help="link an evidence item")
    update.add_argument("--remove-item", action="append", help="unlink an evidence item")
    for sub in (add, update):
        sub.add_argument("--reference", help="the reference number given by the channel")
        sub.add_argument(
            "--status", choices=[s.value for s in Status], help="where the complaint stands"
        )
        sub.add_argument("--follow-up", metavar="YYYY-MM-DD", help="next follow-up date")
        sub.add_argument("--notes", help="free notes on the complaint")
    pack = complaint("pack", "write the material one complaint channel takes", cmd_complaint_pack)
    pack.add_argument("--lender", required=True, help="the lender complained about")
    pack.add_argument(
        "--channel",
        required=True,
        choices=[c.value for c in PackChannel],
        help="where it goes: 12378, NIFA, Heimao, the police, a court or a lawyer",
    )
    pack.add_argument("--out", required=True, metavar="DIR", help="the folder to write it in")
    pack.add_argument(
        "--demand",
        action="append",
        help="one 诉求 of your own (repeatable; default: the channel's)",
    )
    pack.add_argument(
        "--lang",
        choices=["zh_CN", "zh_TW", "en"],
        default="zh_CN",
        help="the language of the next steps printed (the pack itself is Chinese)",
    )
    json_option(pack)
    listed = complaint("list", "list the complaints", cmd_complaint_list, writes=False)
    listed.add_argument("--lender", help="one lender (default: every lender)")
    for sub in (add, update, listed):
        json_option(sub)
