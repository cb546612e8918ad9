"""What ``evault verify`` says about a verified bundle, in one place, per language.

The command line prints :func:`verification_lines` in the user's language (zh_CN, zh_TW,
en: ``--lang``, else the locale, :func:`language_from_locale`); the desktop app shows
them, in the window's language, as the technical details of its own verification,
beside its translated sentences, which are keyed by the same codes (the step names of
``vault.bundle.verify.STEPS``, the item statuses ``intact``/``altered``/``missing``/
``unchecked`` and the time statuses of ``vault.bundle.verify_time``). The rules both
follow: say what failed by its name, and say that a valid bundle proves the files
unchanged since they were signed by a key that travels inside the bundle, and no more.

English is the verifier's own wording (each step's summary and problems). In Chinese
every step, verdict and time finding is said in :data:`VERIFY_WORDING`; what a failed
step found in detail (which file, which line) is the verifier's English text, shown
under the step and marked as such. ``--json`` is the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from vault.bundle.verify_time import INVALID, NONE, PROVEN, UNTRUSTED

if TYPE_CHECKING:
    from vault.bundle.verify import TimedVerification
    from vault.bundle.verify_context import TimeFinding
    from vault.dto import BundleCheck

LANGUAGES = ("zh_CN", "zh_TW", "en")

# Per language: the frame of the report, each step's name, and what each step found.
# Keys ``ok.<step>`` / ``failed.<step>`` are the steps of vault.bundle.verify.STEPS.
VERIFY_WORDING: dict[str, dict[str, str]] = {
    "zh_CN": {
        "bundle": "证据包 {path}",
        "facts": "  编号 {id}，生成于 {created}，共 {items} 件证据",
        "ok": "通过  ",
        "failed": "未通过",
        "details": "        详情（英文，核验程序原文）：",
        "signer": "签名密钥：{key}（{fingerprint}）",
        "time": "可信时间：",
        "valid": "结论：有效",
        "invalid": "结论：无效（{steps} 未通过）",
        "list": "、",
        "proven_expected": "已证明：这些文件自被您预期的密钥（{fingerprint}）签名之后未被改动。",
        "proven": (
            "已证明：这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动。该密钥就放在证据包里，"
            "任何人都能用自己的密钥做出有效的证据包：请把指纹与提交人通过其他途径（当面、电话）"
            "告知的指纹比对，或用 --expect-key 指纹 核验。"
        ),
        "no_time": (
            "  没有任何证据有可信时间证明：若以上检查均通过，只能证明文件自签名后未被改动，"
            "不能证明它们何时已经存在。"
        ),
        "item_proven": "不晚于 {when} 已存在（{tsa}）",
        "item_none": "未证明存在时间：包中没有它的时间证明",
        "item_untrusted": "未证明存在时间：时间戳来自本机不信任的服务器（可用 --tsa-ca 指定其根证书）",
        "item_invalid": "时间证明不成立",
        "bundle_proven": "SHA256SUMS 不晚于 {when} 已存在（{tsa}）",
        "bundle_none": "没有 SHA256SUMS.tsr：证据包的生成时间未被证明。",
        "bundle_untrusted": "SHA256SUMS.tsr 的时间戳来自本机不信任的服务器（可用 --tsa-ca 指定其根证书）。",
        "bundle_invalid": "SHA256SUMS.tsr 不成立。",
        "step.archive": "归档",
        "step.signature": "签名",
        "step.manifest": "证据说明",
        "step.files": "文件",
        "step.custody": "保管记录",
        "step.time": "可信时间",
        "step.bundle_timestamp": "包时间戳",
        "ok.archive": "文件只含 ZIP 归档，别无其他数据。",
        "ok.signature": (
            "SHA256SUMS 由 {fingerprint} 签名。该密钥随包附带：须与提交人通过其他途径告知的指纹比对，"
            "才能知道是谁签的名。"
        ),
        "ok.manifest": "manifest.json 对 {items} 个证据文件的描述一致。",
        "ok.files": "所有文件与 SHA256SUMS 一致。",
        "ok.custody": "{items} 件证据的保管记录构成完整的哈希链。",
        "ok.time": "{proven}/{total} 件证据有可信时间（RFC 3161）",
        "ok.time_none": "{count} 件没有时间证明",
        "ok.time_untrusted": "{count} 件的时间戳来自本机不信任的服务器（可用 --tsa-ca 指定）",
        "failed.archive": "这个文件里有不属于证据包的数据。",
        "failed.signature": (
            "签名不成立：哈希清单（SHA256SUMS）被改过，或者不是由证据包里的（或您预期的）密钥签名的，"
            "因此其中的文件都不可信。"
        ),
        "failed.manifest": "证据说明（manifest.json）与文件不一致。",
        "failed.files": "有些文件与哈希清单（SHA256SUMS）不一致，或未能核对。",
        "failed.custody": "保管记录不完整。",
        "failed.time": "证据包中的某个时间证明不成立。",
        "failed.bundle_timestamp": "证据包自己的时间戳（SHA256SUMS.tsr）不成立。",
        "failed.other": "检查“{name}”未通过。",
    },
    "zh_TW": {
        "bundle": "證據包 {path}",
        "facts": "  編號 {id}，產生於 {created}，共 {items} 件證據",
        "ok": "通過  ",
        "failed": "未通過",
        "details": "        詳情（英文，核驗程式原文）：",
        "signer": "簽名金鑰：{key}（{fingerprint}）",
        "time": "可信時間：",
        "valid": "結論：有效",
        "invalid": "結論：無效（{steps} 未通過）",
        "list": "、",
        "proven_expected": "已證明：這些檔案自被您預期的金鑰（{fingerprint}）簽名之後未被改動。",
        "proven": (
            "已證明：這些檔案自被指紋為 {fingerprint} 的金鑰簽名之後未被改動。該金鑰就放在證據包裡，"
            "任何人都能用自己的金鑰做出有效的證據包：請把指紋與提交人透過其他途徑（當面、電話）"
            "告知的指紋比對，或用 --expect-key 指紋 核驗。"
        ),
        "no_time": (
            "  沒有任何證據有可信時間證明：若以上檢查均通過，只能證明檔案自簽名後未被改動，"
            "不能證明它們何時已經存在。"
        ),
        "item_proven": "不晚於 {when} 已存在（{tsa}）",
        "item_none": "未證明存在時間：包中沒有它的時間證明",
        "item_untrusted": "未證明存在時間：時間戳來自本機不信任的伺服器（可用 --tsa-ca 指定其根憑證）",
        "item_invalid": "時間證明不成立",
        "bundle_proven": "SHA256SUMS 不晚於 {when} 已存在（{tsa}）",
        "bundle_none": "沒有 SHA256SUMS.tsr：證據包的產生時間未被證明。",
        "bundle_untrusted": "SHA256SUMS.tsr 的時間戳來自本機不信任的伺服器（可用 --tsa-ca 指定其根憑證）。",
        "bundle_invalid": "SHA256SUMS.tsr 不成立。",
        "step.archive": "封存檔",
        "step.signature": "簽名",
        "step.manifest": "證據說明",
        "step.files": "檔案",
        "step.custody": "保管紀錄",
        "step.time": "可信時間",
        "step.bundle_timestamp": "包時間戳",
        "ok.archive": "檔案只含 ZIP 封存檔，別無其他資料。",
        "ok.signature": (
            "SHA256SUMS 由 {fingerprint} 簽名。該金鑰隨包附帶：須與提交人透過其他途徑告知的指紋比對，"
            "才能知道是誰簽的名。"
        ),
        "ok.manifest": "manifest.json 對 {items} 個證據檔案的描述一致。",
        "ok.files": "所有檔案與 SHA256SUMS 一致。",
        "ok.custody": "{items} 件證據的保管紀錄構成完整的雜湊鏈。",
        "ok.time": "{proven}/{total} 件證據有可信時間（RFC 3161）",
        "ok.time_none": "{count} 件沒有時間證明",
        "ok.time_untrusted": "{count} 件的時間戳來自本機不信任的伺服器（可用 --tsa-ca 指定）",
        "failed.archive": "這個檔案裡有不屬於證據包的資料。",
        "failed.signature": (
            "簽名不成立：雜湊清單（SHA256SUMS）被改過，或者不是由證據包裡的（或您預期的）金鑰簽名的，"
            "因此其中的檔案都不可信。"
        ),
        "failed.manifest": "證據說明（manifest.json）與檔案不一致。",
        "failed.files": "有些檔案與雜湊清單（SHA256SUMS）不一致，或未能核對。",
        "failed.custody": "保管紀錄不完整。",
        "failed.time": "證據包中的某個時間證明不成立。",
        "failed.bundle_timestamp": "證據包自己的時間戳（SHA256SUMS.tsr）不成立。",
        "failed.other": "檢查「{name}」未通過。",
    },
    "en": {
        "bundle": "Bundle {path}",
        "facts": "  id {id}, created {created}, {items} items",
        "ok": "OK    ",
        "failed": "FAILED",
        "signer": "Signer key: {key} ({fingerprint})",
        "time": "Trusted time:",
        "valid": "Result: VALID",
        "invalid": "Result: INVALID ({steps} failed)",
        "list": ", ",
        "proven_expected": (
            "Proven: the files are unchanged since they were signed by the key you expected "
            "({fingerprint})."
        ),
        "proven": (
            "Proven: the files are unchanged since they were signed by the key with fingerprint "
            "{fingerprint}. That key travels inside the bundle, so anyone could have made a valid "
            "bundle with a key of their own: compare the fingerprint with one the sender gave you "
            "another way (in person, by phone), or verify with --expect-key FINGERPRINT."
        ),
        "no_time": (
            "  No trusted time is proven for any item: if the checks above are OK, the files "
            "are unchanged since they were signed, but when they existed is not proven."
        ),
    },
}


def language_from_locale(environ: Mapping[str, str]) -> str:
    """The language of ``LC_ALL``, else ``LC_MESSAGES``, else ``LANG`` (POSIX order; an
    empty one counts as unset): Traditional for zh_TW/HK/MO or Hant, Simplified for other
    Chinese, English otherwise."""
    name = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    name = name.lower().replace("-", "_")
    if not name.startswith("zh"):
        return "en"
    traditional = any(mark in name for mark in ("_tw", "_hk", "_mo", "hant"))
    return "zh_TW" if traditional else "zh_CN"


def verification_lines(
    result: TimedVerification, expected_key: str | None, language: str = "en"
) -> list[str]:
    """The report ``evault verify`` prints, in ``language`` (an unknown one is English)."""
    words = VERIFY_WORDING.get(language, VERIFY_WORDING["en"])
    english = words is VERIFY_WORDING["en"]
    lines = [words["bundle"].format(path=result.path)]
    if result.bundle_id:
        lines.append(
            words["facts"].format(
                id=result.bundle_id, created=result.created_at, items=result.items
            )
        )
    for check in result.checks:
        status = words["ok"] if check.ok else words["failed"]
        if english:
            lines.append(f"{status}  {check.name}: {check.summary}")
            lines += [f"        - {problem}" for problem in check.problems]
            continue
        label = f"{words.get(f'step.{check.name}', check.name)}（{check.name}）"
        lines.append(f"{status}  {label}：{_summary(check, result, words)}")
        if not check.ok:
            lines.append(words["details"])
            lines += [f"        - {text}" for text in (check.summary, *check.problems)]
    if result.signer_fingerprint:
        lines.append(
            words["signer"].format(key=result.signer_key, fingerprint=result.signer_fingerprint)
        )
    lines += time_lines(result, language)
    failed = [check.name for check in result.checks if not check.ok]
    if result.valid:
        lines.append(words["valid"])
        lines.append(
            proven_sentence(result.signer_fingerprint, expected=expected_key, language=language)
        )
    else:
        named = failed if english else [words.get(f"step.{name}", name) for name in failed]
        lines.append(words["invalid"].format(steps=words["list"].join(named)))
    return lines


def _summary(check: BundleCheck, result: TimedVerification, words: dict[str, str]) -> str:
    """A step's summary in Chinese, from what the result holds."""
    if not check.ok:
        return words.get(f"failed.{check.name}", words["failed.other"].format(name=check.name))
    if check.name == "time":
        return _time_summary(result, words)
    if check.name == "bundle_timestamp" and result.bundle_time is not None:
        return _bundle_time(result.bundle_time, words)
    text = words.get(f"ok.{check.name}")
    if text is None:
        return check.summary
    return text.format(fingerprint=result.signer_fingerprint, items=result.items)


def _time_summary(result: TimedVerification, words: dict[str, str]) -> str:
    statuses = [t.status for t in result.item_times]
    parts = [words["ok.time"].format(proven=statuses.count(PROVEN), total=len(statuses))]
    if statuses.count(NONE):
        parts.append(words["ok.time_none"].format(count=statuses.count(NONE)))
    if statuses.count(UNTRUSTED):
        parts.append(words["ok.time_untrusted"].format(count=statuses.count(UNTRUSTED)))
    return "；".join(parts) + "。"


def _when(value: datetime | None) -> str:
    return value.isoformat().replace("+00:00", "Z") if value is not None else ""


def _bundle_time(finding: TimeFinding, words: dict[str, str]) -> str:
    if finding.status == PROVEN:
        return words["bundle_proven"].format(when=_when(finding.existed_by), tsa=finding.tsa_name)
    if finding.status == UNTRUSTED:
        return words["bundle_untrusted"]
    if finding.status == INVALID:
        return words["bundle_invalid"]
    return words["bundle_none"]


def proven_sentence(fingerprint: str | None, *, expected: str | None, language: str = "en") -> str:
    """What a VALID result proves, and no more (the signing key travels in the bundle)."""
    words = VERIFY_WORDING.get(language, VERIFY_WORDING["en"])
    return words["proven_expected" if expected else "proven"].format(fingerprint=fingerprint)


def time_lines(result: TimedVerification, language: str = "en") -> list[str]:
    words = VERIFY_WORDING.get(language, VERIFY_WORDING["en"])
    english = words is VERIFY_WORDING["en"]
    lines = [words["time"]]
    for item in result.item_times:
        if english:
            said = item.message if item.status == PROVEN else f"time not proven: {item.message}"
        elif item.status == PROVEN:
            said = words["item_proven"].format(when=_when(item.existed_by), tsa=item.tsa_name)
        elif item.status == INVALID:
            said = f"{words['item_invalid']}：{item.message}"
        else:
            said = words["item_untrusted" if item.status == UNTRUSTED else "item_none"]
        lines.append(f"  {item.number:>3} {item.path}: {said}")
    if result.bundle_time is not None:
        bundle = result.bundle_time
        lines.append(f"  {bundle.message if english else _bundle_time(bundle, words)}")
    if result.item_times and result.items_with_time == 0:
        lines.append(words["no_time"])
    return lines
