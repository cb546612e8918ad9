"""One lender's case analysis: its statistics and rule findings, worked out together.

The Case tab and the complaint pack read both at once; :func:`lender_analysis` runs the
two side by side. The evidence report renders them with ``vault.bundle.report.case_sections``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from vault.case.events import Scope, contact_scope, lender_numbers, prepare
from vault.case.rules.detector import check_rules, vault_pack_files, with_packs
from vault.case.rules.packfile import Rule, load_packs
from vault.case.stats import compute_stats
from vault.dto import Finding, ItemDTO, LenderStats, RuleResults
from vault.handle import OpenVault
from vault.items import list_items
from vault.lenders import lender_id_of

logger = logging.getLogger(__name__)


def lender_analysis(vault: OpenVault, lender: str) -> tuple[LenderStats, list[Finding]]:
    """``stats_for`` and ``find_violations`` of one lender (see :func:`lender_case`)."""
    stats, results = lender_case(vault, lender)
    return stats, list(results.findings)


def lender_case(vault: OpenVault, lender: str) -> tuple[LenderStats, RuleResults]:
    """``stats_for`` and ``rule_results`` of one lender, worked out side by side.

    Both are a few SQL queries over the lender's events, which SQLite runs without
    holding the GIL: the findings are worked out on a helper thread, on a read-only
    connection of its own (no connection crosses threads), while this thread works out
    the statistics, so on two cores the pair takes about as long as the longer of the
    two. Each reads in a transaction of its own; nothing writes in between, as all
    database work runs on the thread that calls this.
    """
    lender_id = lender_id_of(vault, lender)
    packs = load_packs(vault_pack_files(vault.info.path))
    rules = [rule for pack in packs for rule in pack.rules]
    items = list_items(vault, lender=lender)
    with vault.sessions() as session:
        scope = contact_scope(lender_numbers(session, lender_id))
    with ThreadPoolExecutor(1, thread_name_prefix="analysis") as helper:
        findings = helper.submit(_findings, vault, scope, rules, items)
        with vault.sessions() as session:
            conn = session.connection()
            prepare(conn)
            stats = compute_stats(conn, scope, lender, vault.tz.key)
        return stats, with_packs(findings.result(), packs)


def _findings(
    vault: OpenVault, scope: Scope, rules: Sequence[Rule], items: Sequence[ItemDTO]
) -> RuleResults:
    with vault.sessions() as session:
        conn = session.connection()
        prepare(conn)
        return check_rules(conn, scope, rules, items, vault.tz)
