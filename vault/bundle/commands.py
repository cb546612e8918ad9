"""The ``evault export`` and ``evault verify`` commands (registered by ``vault.cli``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.verify import verify_bundle
from vault.dto import BundleVerification
from vault.errors import UsageError


def _date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"The {what} date {text!r} is not in the form YYYY-MM-DD.") from None


def cmd_export(args: argparse.Namespace) -> int:
    item_ids = [i.strip() for group in args.items or [] for i in group.split(",") if i.strip()]
    request = ExportRequest(
        out=Path(args.out),
        lender=args.lender,
        item_ids=item_ids or None,
        date_from=_date(args.date_from, "start"),
        date_to=_date(args.date_to, "end"),
        language=args.lang,
    )
    render_pdf = args.extensions.render_pdf
    opener: Callable[[argparse.Namespace], Any] = args.open_vault
    with opener(args) as vault:
        result = export_bundle(vault, request, render_pdf=render_pdf)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"Exported {result.items} items ({result.bytes} bytes) to {result.path}.")
    print(
        f"Signed by {result.signer_fingerprint}; SHA256SUMS has SHA-256 {result.sha256sums_sha256}."
    )
    if render_pdf is None:
        print(
            "No PDF evidence list: this installation cannot render PDF (the HTML list is included)."
        )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    result = verify_bundle(Path(args.bundle), expected_key=args.expect_key)
    if args.json:
        print(json.dumps(result.to_json() | {"valid": result.valid}, ensure_ascii=False, indent=2))
    else:
        _print_verification(result)
    return 0 if result.valid else 1


def _print_verification(result: BundleVerification) -> None:
    out = sys.stdout
    print(f"Bundle {result.path}", file=out)
    if result.bundle_id:
        print(
            f"  id {result.bundle_id}, created {result.created_at}, {result.items} items", file=out
        )
    for check in result.checks:
        print(f"{'OK    ' if check.ok else 'FAILED'}  {check.name}: {check.summary}", file=out)
        for problem in check.problems:
            print(f"        - {problem}", file=out)
    if result.signer_fingerprint:
        print(f"Signer key: {result.signer_key} ({result.signer_fingerprint})", file=out)
        print(
            "The signer key travels inside the bundle: compare its fingerprint with one the "
            "sender gives you another way (in person, by phone) before trusting who signed.",
            file=out,
        )
    failed = [check.name for check in result.checks if not check.ok]
    verdict = "VALID" if result.valid else f"INVALID ({', '.join(failed)} failed)"
    print(f"Result: {verdict}", file=out)


def add_commands(
    commands: Any,
    command: Callable[[str, str, Any], argparse.ArgumentParser],
    open_vault: Callable[[argparse.Namespace], Any],
) -> None:
    """Add ``export`` (through the shared ``command`` helper, which adds --vault) and ``verify``."""
    export = command("export", "export evidence as a bundle anyone can verify", cmd_export)
    export.add_argument("--lender", help="the lender whose evidence to export")
    export.add_argument("--items", action="append", help="item ids (comma-separated)")
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.add_argument("--lang", choices=["zh_CN", "zh_TW", "en"], default="zh_CN")
    export.add_argument("--json", action="store_true")
    export.set_defaults(open_vault=open_vault)
    text = "check a bundle's hashes, signature, manifest and custody chains (no vault needed)"
    verify = commands.add_parser("verify", help=text, description=text)
    verify.add_argument("bundle", metavar="FILE.zip")
    verify.add_argument(
        "--expect-key",
        metavar="FINGERPRINT",
        help="the signer's key fingerprint (SHA256:…) as the sender told you; any other fails",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)
