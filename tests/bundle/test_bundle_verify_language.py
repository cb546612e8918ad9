"""``evault verify`` speaks the user's language (``--lang``, else LC_ALL/LC_MESSAGES/LANG):
every step, the verdict and the time findings in zh_CN, zh_TW or en, with ``--json`` the
same in all three; a tampered bundle is named as such in each."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.bundle.conftest import Exported
from tests.helpers import REPO
from vault.bundle.verify import STEPS
from vault.bundle.verify_report import VERIFY_WORDING, language_from_locale

LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def verify(bundle: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", "verify", str(bundle), *args],
        cwd=REPO,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def tampered(bundle: Path, into: Path) -> tuple[Path, str]:
    """A copy of ``bundle`` whose first evidence file has its last byte changed."""
    out = into / "tampered.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(out, "w") as target:
        changed = next(n for n in source.namelist() if n.startswith("evidence/"))
        for info in source.infolist():
            data = source.read(info)
            if info.filename == changed:
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.writestr(info, data)
    return out, changed


@pytest.mark.parametrize(
    ("language", "says", "never"),
    [
        ("zh_CN", ["结论：有效", "通过    签名（signature）：SHA256SUMS 由 SHA256:",
                   "通过    文件（files）：所有文件与 SHA256SUMS 一致。", "可信时间：",
                   "已证明：这些文件自被指纹为 SHA256:"],
         ["Result:", "Proven:", "Trusted time:", "No trusted time"]),
        ("zh_TW", ["結論：有效", "通過    簽名（signature）：", "保管紀錄（custody）",
                   "已證明：這些檔案自被指紋為 SHA256:", "沒有 SHA256SUMS.tsr"],
         ["Result:", "Proven:", "结论", "证据包"]),
        ("en", ["Result: VALID", "OK      signature: SHA256SUMS is signed by SHA256:",
                "Proven: the files are unchanged since they were signed"],
         ["结论", "結論"]),
    ],
)  # fmt: skip
def test_each_language_says_the_whole_report(
    exported: Exported, language: str, says: list[str], never: list[str]
) -> None:
    done = verify(exported.bundle, "--lang", language)
    assert done.returncode == 0, done.stdout + done.stderr
    for text in says:
        assert text in done.stdout, (text, done.stdout)
    for text in never:
        assert text not in done.stdout, (text, done.stdout)
    if language != "en":
        assert "详情" not in done.stdout and "詳情" not in done.stdout  # nothing failed


def test_the_locale_chooses_when_no_lang_is_given(exported: Exported) -> None:
    assert "結論：有效" in verify(exported.bundle, LANG="zh_TW.UTF-8").stdout
    assert "结论：有效" in verify(exported.bundle, LANG="zh_CN.UTF-8").stdout
    assert "Result: VALID" in verify(exported.bundle, LANG="zh_CN.UTF-8", LC_ALL="C.UTF-8").stdout
    assert "Result: VALID" in verify(exported.bundle).stdout
    chosen = verify(exported.bundle, "--language", "zh_CN", LANG="en_US.UTF-8").stdout
    assert "结论：有效" in chosen, "--language (as --lang) wins over the locale"


def test_json_is_the_same_in_every_language(exported: Exported) -> None:
    outputs = {
        verify(exported.bundle, "--json", *args, LANG=lang).stdout
        for args, lang in (((), "zh_CN.UTF-8"), (("--lang", "zh_TW"), "C"), (("--lang", "en"), "C"))
    }
    assert len(outputs) == 1 and '"valid": true' in outputs.pop()


@pytest.mark.parametrize(
    ("language", "verdict", "step", "details"),
    [
        ("zh_CN", "结论：无效（文件 未通过）",
         "未通过  文件（files）：有些文件与哈希清单（SHA256SUMS）不一致", "详情（英文"),
        ("zh_TW", "結論：無效（檔案 未通過）",
         "未通過  檔案（files）：有些檔案與雜湊清單（SHA256SUMS）不一致", "詳情（英文"),
        ("en", "Result: INVALID (files failed)", "FAILED  files: Some files do not match", ""),
    ],
)  # fmt: skip
def test_a_tampered_bundle_is_named_in_each_language(
    exported: Exported, tmp_path: Path, language: str, verdict: str, step: str, details: str
) -> None:
    bundle, changed = tampered(exported.bundle, tmp_path)
    done = verify(bundle, "--lang", language)
    assert done.returncode == 1, done.stdout + done.stderr
    assert verdict in done.stdout and step in done.stdout, done.stdout
    assert details in done.stdout
    assert f"{changed} does not match its SHA-256 in SHA256SUMS" in done.stdout  # which file
    assert "已证明" not in done.stdout and "Proven" not in done.stdout


def test_locale_names_map_to_the_three_languages() -> None:
    cases = {
        "zh_CN.UTF-8": "zh_CN", "zh_SG": "zh_CN", "zh_TW.UTF-8": "zh_TW", "zh_HK.Big5": "zh_TW",
        "zh-Hant": "zh_TW", "zh_MO": "zh_TW", "en_US.UTF-8": "en", "C": "en", "de_DE": "en",
    }  # fmt: skip
    for name, language in cases.items():
        assert language_from_locale({"LANG": name}) == language, name
    assert language_from_locale({"LC_ALL": "", "LANG": "zh_TW"}) == "zh_TW", "empty is unset"
    assert language_from_locale({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}) == "zh_CN"
    assert language_from_locale({}) == "en"


def test_both_chinese_wordings_cover_every_step() -> None:
    keys = set(VERIFY_WORDING["zh_CN"])
    assert keys == set(VERIFY_WORDING["zh_TW"])
    for name, _ in STEPS:
        assert {f"step.{name}", f"failed.{name}"} <= keys, name
    english = set(VERIFY_WORDING["en"])
    assert english <= keys
