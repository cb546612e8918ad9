"""``evault stamp`` and ``evault tsa add|list|remove``: trusted time from the command line.

``stamp`` makes a checkpoint over the items not yet covered and sends every checkpoint
that waits to the time-stamp servers (``--tsa`` instead of the vault's list); it exits 1
when some were sent and none came back stamped. ``tsa`` edits the vault's list of
servers, asked in order. Each handler imports what it runs when it runs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from vault.cli.common import FILE, CommandTree, completes, json_option, open_vault


def cmd_stamp(args: argparse.Namespace) -> int:
    from vault.trusted_time import checkpoints, stamping  # noqa: PLC0415 - loaded when it runs

    with open_vault(args) as vault:
        made = checkpoints.create_checkpoint(vault)
        report = stamping.stamp_pending(vault, urls=args.tsa or None, force=True)
    if args.json:
        print(json.dumps(report.to_json() | {"checkpoint": made.id if made else None}))
        return 1 if report.attempted and not report.stamped else 0
    if made is not None:
        print(f"Made checkpoint {made.id} over {made.tree_size} items.")
    for failure in report.failures:
        print(f"not stamped: {failure}")
    for token in report.stamped:
        print(
            f"Checkpoint {token.checkpoint_id} stamped by {token.tsa_name} "
            f"at {token.gen_time.isoformat()}."
        )
    if not report.attempted:
        print("Nothing waits for a timestamp.")
    elif report.pending:
        print(f"{report.pending} checkpoint(s) still wait for a timestamp.")
    return 1 if report.attempted and not report.stamped else 0


def cmd_tsa(args: argparse.Namespace) -> int:
    from vault.rfc3161.trust import MAX_PEM_BYTES  # noqa: PLC0415
    from vault.trusted_time import servers  # noqa: PLC0415 - loaded when the command runs

    ca_pem = None
    if args.ca:
        raw = Path(args.ca).read_bytes()[: MAX_PEM_BYTES + 1]
        ca_pem = raw.decode("ascii", "replace")
    with open_vault(args) as vault:
        if args.action == "add":
            listed = servers.add_tsa(vault, args.url, ca_pem=ca_pem)
        elif args.action == "remove":
            listed = servers.remove_tsa(vault, args.url)
        else:
            listed = servers.tsa_list(vault)
    if args.json:
        print(json.dumps([{"url": t.url, "root_added": bool(t.ca_pem)} for t in listed]))
        return 0
    for position, tsa in enumerate(listed, start=1):
        extra = "  (with an added root certificate)" if tsa.ca_pem else ""
        print(f"{position}. {tsa.url}{extra}")
    return 0


def add_commands(tree: CommandTree) -> None:
    stamp = tree.command(
        "stamp", "checkpoint new items and send waiting checkpoints to a TSA", cmd_stamp
    )
    stamp.add_argument("--tsa", action="append", metavar="URL", help="ask this TSA instead")
    json_option(stamp)
    tsa = tree.actions("tsa", "add, list or remove the vault's time-stamp servers (asked in order)")
    for action, text in (
        ("add", "add a TSA at the end of the list"),
        ("list", "list the TSAs in the order they are asked"),
        ("remove", "remove a TSA"),
    ):
        sub = tsa(action, text, cmd_tsa, writes=action != "list")
        if action != "list":
            sub.add_argument("url", metavar="URL", help="the server's address (http or https)")
        if action == "add":
            completes(
                sub.add_argument("--ca", metavar="FILE", help="a root certificate (PEM) to trust"),
                FILE,
            )
        json_option(sub)
        sub.set_defaults(url=None, ca=None)
