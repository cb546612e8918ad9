"""What ``evault verify`` says about a verified bundle, in one place.

The command line prints :func:`verification_lines`; the desktop app shows them as the
technical details of its own verification, beside its translated sentences, which are
keyed by the same codes (the step names of ``vault.bundle.verify.STEPS``, the item
statuses ``intact``/``altered``/``missing``/``unchecked`` and the time statuses of
``vault.bundle.verify_time``). The rules both follow: say what failed by its name, and
say that a valid bundle proves the files unchanged since they were signed by a key
that travels inside the bundle, and no more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vault.bundle.verify_time import PROVEN

if TYPE_CHECKING:
    from vault.bundle.verify import TimedVerification


def verification_lines(result: TimedVerification, expected_key: str | None) -> list[str]:
    lines = [f"Bundle {result.path}"]
    if result.bundle_id:
        lines.append(f"  id {result.bundle_id}, created {result.created_at}, {result.items} items")
    for check in result.checks:
        lines.append(f"{'OK    ' if check.ok else 'FAILED'}  {check.name}: {check.summary}")
        lines += [f"        - {problem}" for problem in check.problems]
    if result.signer_fingerprint:
        lines.append(f"Signer key: {result.signer_key} ({result.signer_fingerprint})")
    lines += time_lines(result)
    failed = [check.name for check in result.checks if not check.ok]
    verdict = "VALID" if result.valid else f"INVALID ({', '.join(failed)} failed)"
    lines.append(f"Result: {verdict}")
    if result.valid:
        lines.append(proven_sentence(result.signer_fingerprint, expected=expected_key))
    return lines


def proven_sentence(fingerprint: str | None, *, expected: str | None) -> str:
    """What a VALID result proves, and no more (the signing key travels in the bundle)."""
    if expected:
        return (
            f"Proven: the files are unchanged since they were signed by the key you expected "
            f"({fingerprint})."
        )
    return (
        f"Proven: the files are unchanged since they were signed by the key with fingerprint "
        f"{fingerprint}. That key travels inside the bundle, so anyone could have made a valid "
        f"bundle with a key of their own: compare the fingerprint with one the sender gave you "
        f"another way (in person, by phone), or verify with --expect-key FINGERPRINT."
    )


def time_lines(result: TimedVerification) -> list[str]:
    lines = ["Trusted time:"]
    for item in result.item_times:
        if item.status == PROVEN:
            lines.append(f"  {item.number:>3} {item.path}: {item.message}")
        else:
            lines.append(f"  {item.number:>3} {item.path}: time not proven: {item.message}")
    if result.bundle_time is not None:
        lines.append(f"  {result.bundle_time.message}")
    if result.item_times and result.items_with_time == 0:
        lines.append(
            "  No trusted time is proven for any item: if the checks above are OK, the files "
            "are unchanged since they were signed, but when they existed is not proven."
        )
    return lines
