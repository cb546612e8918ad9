"""``evault export`` and ``evault verify``: the bundle a receiver can check, and its check.

``verify`` needs no vault and no passphrase, and adds nothing to what the bundle reader
loads (that the reader loads no database is a guard rail in ``tests/architecture``).
Each handler imports what it runs when it runs; building the parser loads none of it.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vault.cli.common import (
    FILE,
    CommandTree,
    completes,
    date_options,
    day,
    emit,
    json_option,
    open_vault,
    shown_path,
)
from vault.errors import UsageError

if TYPE_CHECKING:
    from cryptography import x509

    from vault.bundle.export import BundleExportResult
    from vault.bundle.verify import TimedVerification

MAX_CA_FILE_BYTES = 1 << 20


def cmd_export(args: argparse.Namespace) -> int:
    from vault.bundle.export import (  # noqa: PLC0415 - loaded when the command runs
        BundleExportResult,
        ExportRequest,
        export_bundle,
    )

    item_ids = [i.strip() for group in args.items or [] for i in group.split(",") if i.strip()]
    date_from, date_to = day(args.date_from, "start"), day(args.date_to, "end")
    render_pdf = args.extensions.render_pdf
    with open_vault(args) as vault:
        request = ExportRequest(
            # the vault's day, as the window names it: a laptop set to UTC is a day
            # behind Beijing from 16:00
            out=_bundle_out(args.out, args.lender, args.lang, datetime.now(vault.tz).date()),
            lender=args.lender,
            item_ids=item_ids or None,
            date_from=date_from,
            date_to=date_to,
            language=args.lang,
            tsa_urls=tuple(args.tsa or ()),
        )
        result = export_bundle(vault, request, render_pdf=render_pdf)
    if args.json:
        emit(result.to_json())
        return 0
    stale = result.stale_partials_removed if isinstance(result, BundleExportResult) else ()
    for name in stale:
        print(f"Removed {shown_path(name)}: an unfinished export left by an interrupted run.")
    print(f"Exported {result.items} items ({result.bytes} bytes) to {result.path}.")
    print(
        f"Signed by {result.signer_fingerprint}; SHA256SUMS has SHA-256 {result.sha256sums_sha256}."
    )
    if isinstance(result, BundleExportResult):
        _print_export_time(result)
    if render_pdf is None:
        print(
            "No PDF evidence list: this installation cannot render PDF (the HTML list is included)."
        )
    return 0


def _bundle_out(out: str | None, lender: str | None, language: str, today: date) -> Path:
    """``--out`` as given; a folder, or no ``--out``, gets the default name
    (``证据包_<lender>_<date>.zip``) in it, or in the current folder."""
    from vault.bundle.layout import bundle_file_name  # noqa: PLC0415 - loaded when it runs

    path = Path(out) if out else Path()
    if out and not path.is_dir():
        return path
    return path / bundle_file_name(lender, today, language)


def _print_export_time(result: BundleExportResult) -> None:
    without = result.items - result.items_with_time
    if result.items_with_time:
        print(
            f"{result.items_with_time} items carry a proof to a timestamped checkpoint"
            + (f"; {without} are not yet timestamped (run evault stamp)." if without else ".")
        )
    else:
        print("No item is covered by a timestamped checkpoint yet (run evault stamp).")
    if result.sums_stamped_at is not None:
        when = result.sums_stamped_at.isoformat().replace("+00:00", "Z")
        print(f"SHA256SUMS.tsr: SHA256SUMS stamped at {when} by {result.sums_tsa_name}.")
    else:
        print(
            "No time-stamp server answered: the bundle has no SHA256SUMS.tsr "
            "(it is complete and verifiable without it)."
        )


def _tsa_roots(files: list[str] | None) -> list[x509.Certificate]:
    from vault.rfc3161.trust import load_pem_certificates  # noqa: PLC0415 - loaded when it runs

    roots: list[x509.Certificate] = []
    for name in files or []:
        path = Path(name)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_CA_FILE_BYTES + 1)
        except OSError as error:
            raise UsageError(
                f"The certificate file {name} cannot be read ({error.strerror})."
            ) from None
        roots += load_pem_certificates(data, f"The certificate file {name}")
    return roots


def cmd_verify(args: argparse.Namespace) -> int:
    from vault.bundle.verify import verify_bundle  # noqa: PLC0415 - loaded when it runs

    result = verify_bundle(
        Path(args.bundle), expected_key=args.expect_key, tsa_roots=_tsa_roots(args.tsa_ca)
    )
    if args.json:
        emit(result.to_json() | {"valid": result.valid})
    else:
        _print_verification(result, args.expect_key, args.lang)
    return 0 if result.valid else 1


def _print_verification(
    result: TimedVerification, expected_key: str | None, language: str | None
) -> None:
    from vault.bundle.verify_report import (  # noqa: PLC0415 - loaded when it runs
        language_from_locale,
        verification_lines,
    )

    chosen = language or language_from_locale(os.environ)
    for line in verification_lines(result, expected_key, chosen):
        print(line, file=sys.stdout)


def add_commands(tree: CommandTree) -> None:
    export = tree.command("export", "export evidence as a bundle anyone can verify", cmd_export)
    export.add_argument("--lender", help="the lender whose evidence to export")
    export.add_argument("--items", action="append", help="item ids (comma-separated)")
    date_options(export, "items that happened")
    completes(
        export.add_argument(
            "--out",
            metavar="FILE.zip",
            help="the bundle (ZIP) to write, or a folder for it (default: "
            "证据包_<lender>_<date>.zip in the current folder)",
        ),
        FILE,
    )
    export.add_argument(
        "--lang",
        choices=["zh_CN", "zh_TW", "en"],
        default="zh_CN",
        help="the language of the evidence list (default: zh_CN)",
    )
    export.add_argument(
        "--tsa",
        action="append",
        metavar="URL",
        help="a time-stamp server to stamp SHA256SUMS, asked before the vault's own (repeatable)",
    )
    json_option(export)
    text = (
        "check a bundle's hashes, signature, manifest, custody chains and trusted time "
        "(no vault needed)"
    )
    verify = tree.plain("verify", text, cmd_verify)
    completes(
        verify.add_argument("bundle", metavar="FILE.zip", help="the bundle (ZIP) to check"),
        FILE,
    )
    verify.add_argument(
        "--expect-key",
        metavar="FINGERPRINT",
        help="the signer's key fingerprint (SHA256:…) as the sender told you; any other fails",
    )
    completes(
        verify.add_argument(
            "--tsa-ca",
            action="append",
            metavar="FILE",
            help="a PEM root certificate of a time-stamp authority to trust (repeatable)",
        ),
        FILE,
    )
    verify.add_argument(
        "--lang",
        "--language",
        choices=["zh_CN", "zh_TW", "en"],
        help="the language of the report (default: from LC_ALL, LC_MESSAGES or LANG; "
        "--json is the same in every language)",
    )
    json_option(verify)
