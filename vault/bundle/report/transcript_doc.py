"""The 录音文字稿 of a recording in a bundle: HTML, made into PDF by the injected renderer.

It names the recording's file in the bundle, its SHA-256 and duration, lists the
segments with their times and speakers, says that the recording prevails over the text
("本文字稿依据原始录音整理，内容以原始录音为准"), and ends with a line for the
submitter's signature and the date. The words are per language (zh_CN, zh_TW, en) in
:data:`TRANSCRIPT_WORDS`; everything from the vault is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from vault.times import local_text
from vault.transcript import TranscriptDTO, clock, speaker_name

TRANSCRIPT_WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "录音文字稿",
        "file": "录音文件（证据包内）",
        "original": "原始文件名",
        "sha256": "SHA-256",
        "duration": "时长",
        "unknown": "未记录",
        "lender": "借贷平台",
        "version": "文字稿版本",
        "version_text": "第 {version} 版，保存于 {saved}（{origin}）",
        "manual": "由提交人听录音整理",
        "machine": "机器识别草稿，未经人工核对",
        "time": "时间",
        "speaker": "说话人",
        "text": "内容",
        "prevails": "本文字稿依据原始录音整理，内容以原始录音为准。",
        "sign": "提交人（签名）：",
        "date": "日期：",
        "bundle": "证据包编号",
    },
    "zh_TW": {
        "title": "錄音文字稿",
        "file": "錄音檔案（證據包內）",
        "original": "原始檔名",
        "sha256": "SHA-256",
        "duration": "時長",
        "unknown": "未記錄",
        "lender": "借貸平台",
        "version": "文字稿版本",
        "version_text": "第 {version} 版，儲存於 {saved}（{origin}）",
        "manual": "由提交人聽錄音整理",
        "machine": "機器辨識草稿，未經人工核對",
        "time": "時間",
        "speaker": "說話人",
        "text": "內容",
        "prevails": "本文字稿依據原始錄音整理，內容以原始錄音為準。",
        "sign": "提交人（簽名）：",
        "date": "日期：",
        "bundle": "證據包編號",
    },
    "en": {
        "title": "Transcript of a recording (录音文字稿)",
        "file": "Recording (file in this bundle)",
        "original": "Original file name",
        "sha256": "SHA-256",
        "duration": "Duration",
        "unknown": "not recorded",
        "lender": "Lender",
        "version": "Transcript version",
        "version_text": "version {version}, saved {saved} ({origin})",
        "manual": "written down by the submitter from the recording",
        "machine": "machine draft, not checked by a person",
        "time": "Time",
        "speaker": "Speaker",
        "text": "Words",
        "prevails": (
            "This transcript was made from the original recording; where they differ, the "
            "original recording prevails. (本文字稿依据原始录音整理，内容以原始录音为准。)"
        ),
        "sign": "Submitter (signature):",
        "date": "Date:",
        "bundle": "Bundle",
    },
}

_FONTS = {
    "zh_CN": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
    "zh_TW": "'DejaVu Sans', 'Noto Sans CJK TC', sans-serif",
    "en": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
}

_STYLE = """
body { font-family: FONTS; font-size: 11pt; }
h1 { font-size: 16pt; }
td, th { font-size: 11pt; }
table.lines { border-collapse: collapse; }
table.lines th { background-color: #e8e8e8; font-weight: bold; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; }
.prevails { font-weight: bold; margin-top: 12pt; }
.sign { margin-top: 24pt; }
"""


@dataclass(frozen=True)
class TranscriptDocument:
    """What one 录音文字稿 shows."""

    language: str
    bundle_id: str
    recording_path: str  # the recording's path inside the bundle
    original_name: str
    sha256: str
    lender: str | None
    transcript: TranscriptDTO
    time_zone: ZoneInfo
    # the recording's length read from the file (as in the evidence list), shown where
    # the transcript was saved without one (from the command line, say)
    measured_ms: int | None = None


def duration_text(duration_ms: int | None, language: str) -> str:
    words = TRANSCRIPT_WORDS.get(language, TRANSCRIPT_WORDS["zh_CN"])
    return words["unknown"] if duration_ms is None else clock(duration_ms)


def render_transcript_html(doc: TranscriptDocument) -> str:
    lang = doc.language if doc.language in TRANSCRIPT_WORDS else "zh_CN"
    words = TRANSCRIPT_WORDS[lang]
    transcript = doc.transcript
    origin = words["manual"] if transcript.origin == "manual" else words["machine"]
    facts = [
        (words["file"], _e(doc.recording_path)),
        (words["original"], _e(doc.original_name)),
        (words["sha256"], f'<span class="hash">{_e(doc.sha256)}</span>'),
        (words["duration"], _e(duration_text(transcript.duration_ms or doc.measured_ms, lang))),
        (words["lender"], _e(doc.lender or "—")),
        (
            words["version"],
            _e(
                words["version_text"].format(
                    version=transcript.version,
                    saved=local_text(transcript.saved_at, None, doc.time_zone),
                    origin=origin,
                )
            ),
        ),
        (words["bundle"], _e(doc.bundle_id)),
    ]
    lines = "\n".join(
        f"<tr><td>{_e(clock(s.start_ms))}</td><td>{_e(speaker_name(s.speaker, lang))}</td>"
        f"<td>{_e(s.text)}</td></tr>"
        for s in transcript.segments
    )
    return "\n".join(
        [
            f'<html lang="{_e(lang.replace("_", "-"))}"><head><meta charset="utf-8">',
            f"<title>{_e(words['title'])}</title>",
            f"<style>{_STYLE.replace('FONTS', _FONTS[lang])}</style></head><body>",
            f"<h1>{_e(words['title'])}</h1>",
            '<table cellpadding="3">',
            *(f"<tr><td><b>{_e(label)}</b></td><td>{value}</td></tr>" for label, value in facts),
            "</table>",
            '<table class="lines" border="1" cellpadding="4" cellspacing="0" width="100%">',
            f"<tr><th>{_e(words['time'])}</th><th>{_e(words['speaker'])}</th>"
            f'<th width="80%">{_e(words["text"])}</th></tr>',
            lines,
            "</table>",
            f'<br><p class="prevails">{_e(words["prevails"])}</p>',
            f'<br><br><p class="sign">{_e(words["sign"])}________________________'
            f"&nbsp;&nbsp;&nbsp;&nbsp;{_e(words['date'])}________________</p>",
            "</body></html>",
        ]
    )


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)
