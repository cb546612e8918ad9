"""The paste-ready text of a complaint pack (投诉内容.txt), in the channel's fields.

The fields, in order: 投诉渠道, 被投诉机构全称, 产品, 时间段, 违规类型 (per rule broken: what it
says, its source, on how many days), 事实 (the totals; a dated list of the days with the
most contacts; calls to family and contacts; threats, insults and the like from the
user's categories; the user's own notes), 诉求, 已有证据清单 (序号 and name per item, the
same numbers as the full bundle) and 附件 (the copies in this pack). The text is
Chinese, as the channels are; it is written as UTF-8 with a byte-order mark and CRLF
line ends so Windows Notepad shows it right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from vault.bundle.manifest import ExportedItem
from vault.bundle.report.wording import CATEGORY_LABELS, KIND_LABELS, RULE_WORDS
from vault.case.pack_channels import ChannelSpec
from vault.categories import Category
from vault.dto import Finding, LenderDTO, LenderStats, NoteDTO
from vault.note_file import note_item_id

BOM = "\ufeff"
MAX_DAY_LINES = 31  # the days with most contacts; the PDF table has the rest
MAX_NOTE_CHARS = 300
MAX_CITED = 12  # item numbers listed per rule
MIN_BURST = 3  # a "run" of fewer contacts says nothing
THREAT_CATEGORIES = (
    Category.THREATS,
    Category.INSULTS,
    Category.IMPERSONATING_AUTHORITY,
    Category.FAKE_LEGAL_DOCUMENTS,
    Category.LEAKING_DATA,
    Category.HOME_VISIT,
)
FIELDS = (
    "投诉渠道",
    "被投诉机构全称",
    "产品",
    "时间段",
    "违规类型",
    "事实",
    "诉求",
    "已有证据清单",
    "附件",
)


@dataclass(frozen=True)
class PackAttachment:
    """One file under 附件/: a copy of item ``number`` (or the violation table)."""

    name: str
    size: int
    sha256: str
    number: int | None  # 序号 of the original in the full bundle (None: made for the pack)
    original_sha256: str | None
    original_name: str | None


@dataclass(frozen=True)
class PackInput:
    spec: ChannelSpec
    lender: LenderDTO
    company: str
    stats: LenderStats
    findings: Sequence[Finding]
    entries: Sequence[ExportedItem]
    notes: Sequence[NoteDTO]
    demands: Sequence[str]
    attachments: Sequence[PackAttachment]
    tz: ZoneInfo
    made_on: date


def number_text(entries: Sequence[ExportedItem], number: int) -> str:
    """A 序号 written as the bundle writes it (001, or wider past 999 items)."""
    width = max(3, len(str(len(entries))))
    return f"{number:0{width}d}"


def compose(data: PackInput) -> str:
    """The text, with ``\\n`` line ends (see :func:`encode`)."""
    numbers = {entry.item.id: entry.number for entry in data.entries}
    sections = (
        ("投诉渠道", [data.spec.name_zh]),
        ("被投诉机构全称", [data.company]),
        ("产品", [_product(data.lender)]),
        ("时间段", [_period(data)]),
        ("违规类型", _violations(data, numbers)),
        ("事实", _facts(data, numbers)),
        ("诉求", [f"{i}. {demand}" for i, demand in enumerate(data.demands, start=1)]),
        ("已有证据清单", _evidence(data)),
        ("附件", _attachments(data)),
    )
    out: list[str] = []
    for name, lines in sections:
        out += [f"【{name}】", *(lines or ["（无）"]), ""]
    out.append(f"（本材料由证据保险箱于 {data.made_on.isoformat()} 根据证据生成。）")
    return "\n".join(out) + "\n"


def encode(text: str) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends (Windows Notepad reads it right)."""
    return (BOM + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode("utf-8")


def _product(lender: LenderDTO) -> str:
    if lender.app and lender.app != lender.name:
        return f"{lender.name}（App：{lender.app}）"
    return lender.name


def _days(data: PackInput) -> list[date]:
    days = [row.day for row in data.stats.days]
    for entry in data.entries:
        item = entry.item
        if item.kind != "backup":  # a backup's own date is when it was saved: its calls count
            days.append((item.incident_at or item.captured_at).astimezone(data.tz).date())
    return sorted(days)


def _period(data: PackInput) -> str:
    days = _days(data)
    if not days:
        return "（证据中没有日期）"
    return f"{days[0].isoformat()} 至 {days[-1].isoformat()}（时区 {data.tz.key}）"


def _violations(data: PackInput, numbers: dict[str, int]) -> list[str]:
    by_rule: dict[str, list[Finding]] = {}
    for finding in data.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    lines = []
    for index, group in enumerate(by_rule.values(), start=1):
        first = group[0]
        source = first.source.title_zh  # the title names its issuer
        if first.source.article:
            source += f" {first.source.article}"
        lines.append(f"{index}. {first.description_zh}")
        in_force = first.source.in_force.isoformat()
        lines.append(f"   依据：{source}（{in_force} 起施行）；规则编号 {first.rule_id}")
        lines.append(f"   证据显示：{_how_often(group, data, numbers)}")
        if first.day is None:  # a category rule: its items, by number, say what was counted
            continue
        counted = RULE_WORDS["zh_CN"].get(first.counted or "", "")
        zero = sum(f.zero_second_calls for f in group)
        if zero:
            counted += f"{'；' if counted else ''}这些天另有0秒来电 {zero} 个，未计入接通"
        if counted:
            lines.append(f"   计数内容：{counted}")
    return lines


def _how_often(group: Sequence[Finding], data: PackInput, numbers: dict[str, int]) -> str:
    days = sorted(f.day for f in group if f.day is not None)
    items = sum(f.count for f in group if f.day is None)
    cited = sorted({numbers[i] for f in group if f.day is None for i in f.item_ids if i in numbers})
    parts = []
    if days:
        worst = max((f for f in group if f.day is not None), key=lambda f: f.count)
        span = days[0].isoformat() if len(days) == 1 else f"{days[0]} 至 {days[-1]}"
        limit = f"（上限 {worst.limit} 次）" if worst.limit is not None else ""
        parts.append(
            f"共 {len(days)} 天（{span}），最多的一天 {worst.day} 为 {worst.count} 次{limit}"
        )
    if items:
        shown = "、".join(number_text(data.entries, n) for n in cited[:MAX_CITED])
        more = " 等" if len(cited) > MAX_CITED else ""
        parts.append(f"{items} 项证据（序号 {shown}{more}）" if cited else f"{items} 项证据")
    return "；".join(parts)


def _facts(data: PackInput, numbers: dict[str, int]) -> list[str]:
    stats = data.stats
    lines = [
        f"1. 总计：来电 {stats.calls_attempted} 次（其中接通 {stats.calls_answered} 次"
        f"{_zero(stats.calls_zero_seconds)}），"
        f"短信 {stats.sms} 条，夜间（22:00至次日08:00）联系 {stats.night_contacts} 次，"
        f"涉及 {stats.distinct_numbers} 个号码。"
    ]
    if stats.longest_burst is not None and stats.longest_burst.contacts >= MIN_BURST:
        burst = stats.longest_burst
        start = burst.start.astimezone(data.tz).strftime("%Y-%m-%d %H:%M")
        end = burst.end.astimezone(data.tz).strftime("%H:%M")
        lines.append(f"   最密集的一段：{start} 至 {end} 连续联系 {burst.contacts} 次。")
    busy = [row for row in stats.days if row.calls_attempted or row.sms]
    shown = sorted(
        sorted(busy, key=lambda r: (-(r.calls_attempted + r.sms), r.day))[:MAX_DAY_LINES],
        key=lambda r: r.day,
    )
    if shown:
        lines.append("2. 每日情况：")
        for row in shown:
            night = f"，其中夜间 {row.night_contacts} 次" if row.night_contacts else ""
            lines.append(
                f"   {row.day.isoformat()}：来电 {row.calls_attempted} 次（接通 "
                f"{row.calls_answered} 次{_zero(row.calls_zero_seconds)}），短信 {row.sms} 条，"
                f"{row.distinct_numbers} 个号码{night}"
            )
        if len(busy) > len(shown):
            lines.append(
                f"   另有 {len(busy) - len(shown)} 天联系较少，详见“违规情况表”和完整证据包。"
            )
    labels = CATEGORY_LABELS["zh_CN"]
    family = _by_category(data, numbers, (Category.CONTACTING_FAMILY,), labels)
    lines.append("3. 联系本人家人、朋友及通讯录联系人：")
    lines += family or ["   （证据中未标注）"]
    threats = _by_category(data, numbers, THREAT_CATEGORIES, labels)
    lines.append("4. 威胁、辱骂、冒充公检法、伪造文书、泄露信息、上门等：")
    lines += threats or ["   （证据中未标注）"]
    notes = _notes(data, numbers)
    if notes:
        lines.append("5. 本人陈述（按时间）：")
        lines += notes
    return lines


def _zero(calls: int) -> str:
    """0-second calls are logged as picked up but did not connect: said apart."""
    return f"，另有0秒来电 {calls} 次未计入接通" if calls else ""


def _by_category(
    data: PackInput,
    numbers: dict[str, int],
    categories: Sequence[str],
    labels: dict[str, str],
) -> list[str]:
    lines = []
    for entry in sorted(data.entries, key=lambda e: e.item.incident_at or e.item.captured_at):
        item = entry.item
        hits = [c for c in categories if c in item.categories]
        if not hits:
            continue
        moment = (item.incident_at or item.captured_at).astimezone(data.tz)
        kind = KIND_LABELS["zh_CN"].get(item.kind, item.kind)
        what = "、".join(labels.get(c, c) for c in hits)
        title = f"：{item.title}" if item.title else ""
        number = number_text(data.entries, numbers[item.id])
        lines.append(f"   {moment:%Y-%m-%d %H:%M} {what}（序号 {number}，{kind}{title}）")
    return lines


def _notes(data: PackInput, numbers: dict[str, int]) -> list[str]:
    lines = []
    for note in data.notes:
        moment = note.occurred_at.astimezone(data.tz)
        text = " ".join(note.text.split())
        if len(text) > MAX_NOTE_CHARS:
            text = text[:MAX_NOTE_CHARS] + "……"
        number = numbers.get(note_item_id(note.id))
        where = f"（序号 {number_text(data.entries, number)}）" if number is not None else ""
        lines.append(f"   {moment:%Y-%m-%d %H:%M}{where}：{text}")
    return lines


def _evidence(data: PackInput) -> list[str]:
    lines = ["（序号与完整证据包 evidence/ 文件夹中的文件编号一致，原件可随时提供核对。）"]
    for entry in data.entries:
        item = entry.item
        kind = KIND_LABELS["zh_CN"].get(item.kind, item.kind)
        name = entry.path.rsplit("/", 1)[-1]
        label = item.title or (None if item.kind == "note" else item.original_name)
        detail = f"，{label}" if label else ""
        lines.append(f"{number_text(data.entries, entry.number)}  {name}（{kind}{detail}）")
    return lines


def _attachments(data: PackInput) -> list[str]:
    lines = []
    for index, file in enumerate(data.attachments, start=1):
        if file.number is None:
            lines.append(f"{index}. {file.name}")
        else:
            lines.append(
                f"{index}. {file.name}：序号 {number_text(data.entries, file.number)} 的压缩副本，"
                f"原件 SHA-256 {file.original_sha256}"
            )
    if lines:
        lines.insert(
            0, "（在“附件”文件夹中；图片均为压缩副本，每张下方注明原件的序号和 SHA-256。）"
        )
    return lines


__all__ = ["BOM", "FIELDS", "PackAttachment", "PackInput", "compose", "encode", "number_text"]
