"""``evault transcript``: show or set a recording's transcript (:mod:`vault.transcript`).

``set`` reads a file of plain lines (``01:05 催收方 今天必须还款``) or JSON (what
``show --json`` prints); every set that changes the words keeps a new version.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vault.cli.common import FILE, CommandTree, completes, emit, json_option, open_vault


def cmd_transcript_show(args: argparse.Namespace) -> int:
    from vault.transcript import (  # noqa: PLC0415 - loaded when it runs
        clock,
        latest_transcript,
        speaker_name,
        transcript_versions,
    )

    with open_vault(args) as vault:
        shown = (
            transcript_versions(vault, args.id)
            if args.all
            else [t for t in [latest_transcript(vault, args.id)] if t is not None]
        )
    if args.json:
        emit([t.to_json() for t in shown] if args.all else (shown[0].to_json() if shown else None))
        return 0
    if not shown:
        print(f"Item {args.id} has no transcript yet.")
        return 0
    for transcript in shown:
        print(
            f"# version {transcript.version}, {transcript.origin}, saved "
            f"{transcript.saved_at.isoformat(timespec='seconds')}"
        )
        for segment in transcript.segments:
            print(
                f"{clock(segment.start_ms)} {speaker_name(segment.speaker, 'zh_CN')} {segment.text}"
            )
    return 0


def cmd_transcript_set(args: argparse.Namespace) -> int:
    from vault.transcript import (  # noqa: PLC0415 - loaded when it runs
        parse_clock,
        parse_file_text,
        save_transcript,
    )

    segments = parse_file_text(Path(args.source).read_text(encoding="utf-8"))
    duration = parse_clock(args.duration) if args.duration else None
    with open_vault(args) as vault:
        saved = save_transcript(vault, args.id, segments, duration_ms=duration)
    print(f"Transcript of {args.id}: version {saved.version}, {len(saved.segments)} segments.")
    return 0


def add_commands(tree: CommandTree) -> None:
    action = tree.actions("transcript", "show or set the transcript of a recording")
    show = action("show", "show a recording's transcript", cmd_transcript_show, writes=False)
    show.add_argument("id", help="the recording's item id, as evault list prints it")
    show.add_argument("--all", action="store_true", help="every saved version, oldest first")
    json_option(show)
    put = action("set", "save a new version of a recording's transcript", cmd_transcript_set)
    put.add_argument("id", help="the recording's item id")
    completes(
        put.add_argument(
            "--from",
            dest="source",
            required=True,
            metavar="FILE",
            help="lines like '01:05 催收方 今天必须还款', or JSON as show --json prints",
        ),
        FILE,
    )
    put.add_argument("--duration", metavar="MM:SS", help="the recording's length, if known")
