"""The evidence list (证据目录) as PDF: rendered by Qt through ``evault`` (ui.evault), readable
by poppler, Chinese fonts embedded, about twenty items a page; and as HTML."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt application exists

import math
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.bundle.conftest import PASSPHRASE, offline
from tests.helpers import require_tool
from vault.bundle import layout
from vault.bundle.verify import verify_bundle
from vault.case.stats import stats_for
from vault.demo.backup_sample import collector_numbers, write_calls
from vault.handle import create_vault
from vault.importing import import_backup, import_paths
from vault.items import edit_item, list_items
from vault.lenders import add_lender

ITEMS = 60  # files from the phone; the call-log backup is one more item


@pytest.fixture(scope="module")
def many_items(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdf")
    phone = root / "phone"
    phone.mkdir()
    for n in range(ITEMS):
        day = 1 + n % 28
        if n % 4 == 0:
            Image.new("RGB", (180, 390), (n * 4, 90, 160)).save(
                phone / f"Screenshot_2024-03-{day:02d}-09-{n % 60:02d}-00-000_com.android.mms.png"
            )
        else:
            (phone / f"1380013{n:04d}_202403{day:02d}10{n % 60:02d}00.amr").write_bytes(
                b"#!AMR\n" + os.urandom(800 + n)
            )
    vault, _ = create_vault(root / "vault", PASSPHRASE, work_factor=10, time_zone="Asia/Shanghai")
    offline(vault)
    try:
        collectors = collector_numbers(6)
        add_lender(vault, "好运贷", numbers=["13800130001", *collectors])
        import_paths(vault, sorted(phone.iterdir()), lender="好运贷")
        calls = root / "calls-20240301.xml"
        write_calls(calls, 400, days=20, numbers=collectors)
        import_backup(vault, calls, lender="好运贷")
        attempted = stats_for(vault, "好运贷").calls_attempted
        for index, item in enumerate(list_items(vault, lender="好运贷")):
            if index % 3 == 0:
                edit_item(
                    vault,
                    item.id,
                    {
                        "title": f"催收电话 {index}",
                        "purpose": "证明催收人员威胁、辱骂借款人及其家人",
                        "categories": ["threats" if index % 2 else "contacting_family"],
                    },
                )
    finally:
        vault.lock()
    assert attempted > 0
    (root / "calls-attempted").write_text(str(attempted))
    return root


def export_with_pdf(root: Path, lang: str) -> Path:
    from ui.evault import main  # noqa: PLC0415 - the installed evault, Qt extensions included

    out = root / f"bundle-{lang}.zip"
    if not out.exists():
        os.environ["EVAULT_PASSPHRASE"] = PASSPHRASE
        try:
            code = main(
                [
                    *("export", "--vault", str(root / "vault"), "--lender", "好运贷"),
                    *("--out", str(out), "--lang", lang),
                ]
            )
        finally:
            del os.environ["EVAULT_PASSPHRASE"]
        assert code == 0
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_pdf_list_renders_with_embedded_cjk_fonts(
    qapp: object, many_items: Path, tmp_path: Path, lang: str
) -> None:
    bundle = export_with_pdf(many_items, lang)
    assert verify_bundle(bundle).valid
    pdf = tmp_path / "list.pdf"
    with zipfile.ZipFile(bundle) as archive:
        pdf.write_bytes(archive.read(layout.REPORT_PDF))
        html = archive.read(layout.REPORT_HTML).decode("utf-8")
    fonts = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk), fonts  # the "emb" column
    info = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    subprocess.run(
        [require_tool("pdftoppm"), "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    # Noto CJK draws 目 and the Kangxi radical ⽬ (门 and the radical ⻔ …) with one glyph,
    # and Qt's text map names the radical; ui.pdf_text_map names the ideograph, so the
    # text copied from the PDF is the text drawn.
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    radicals = sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})
    assert not radicals, radicals
    if lang == "zh_CN":
        assert "\u76ee" in text and "\u2f6c" not in text  # 目, not ⽬
        assert "证据目录" in text and "原件或复制件" in text
    # Latin ligatures (ﬁ in "findings") are single glyphs too: compared in NFKC form.
    text = unicodedata.normalize("NFKC", text)
    # The evidence list runs up to the page where the statistics begin: at least ten rows
    # of ten columns a page (a row is four or five lines: the recording's file name, its
    # original name and time wrap in their columns), and a row with a readable (160 px
    # wide) phone screenshot takes most of a page.
    heading = "统计与违规分析" if lang == "zh_CN" else "Statistics and findings"
    list_pages = 1 + next(i for i, page in enumerate(text.split("\f")) if heading in page)
    shots = len(range(0, ITEMS, 4))
    rows = ITEMS + 1 - shots
    assert math.ceil(rows / 25) + shots // 2 <= list_pages <= math.ceil(rows / 10) + shots + 1, (
        list_pages
    )
    assert pages > list_pages  # statistics, charts and findings follow
    # No screenshot's row is split: its picture is on the page of its file name.
    images = subprocess.run(
        [require_tool("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    pictures = [int(line.split()[0]) for line in images if int(line.split()[3]) > 1]
    per_page = [page.count("_screenshot.p") for page in text.split("\f")]
    assert [pictures.count(n + 1) for n in range(len(per_page))] == per_page
    assert sum(per_page) == shots
    if lang == "zh_CN":
        headings = ("证据目录", "序号", "证据名称", "证据形式", "证据来源", "形成时间", "证明目的")
        for heading in (*headings, "内容", "原件或复制件", "页数", "SHA-256"):
            assert heading in text and heading in html, heading
        assert "页数 / 时长" in html  # a narrow column: the PDF wraps it
        assert "视听资料" in text and "电子数据" in text and "电子数据原件" in text
        assert "提交人:" in text and "日期:" in text  # the line the submitter signs (NFKC)
        # a paragraph wraps where its random fingerprint puts the line ends: read it whole
        flat = re.sub(r"\s+", "", text)
        assert "原始载体" in flat and "不能证明" in flat
        assert "威胁恐吓" in text  # grouped under the category heading
        for section in ("催收统计", "每日来电次数", "按小时分布的来电和短信", "违规情形"):
            assert section in text, section
        attempted = (many_items / "calls-attempted").read_text()
        assert f"来电次数 {attempted}" in re.sub(r"\s+", " ", text)
        with zipfile.ZipFile(bundle) as archive:
            first = sorted(n for n in archive.namelist() if n.startswith("evidence/"))[0]
        stem = first.rsplit("/", 1)[1][:15]  # "001_2024-03-02_" (the cell may wrap after it)
        assert stem in text  # file names (digits included) can be copied from the PDF
    else:
        assert "Evidence list" in text and "What is not proven" in html
        assert "Calls per day" in text and "Rule findings" in text
    assert "data:image/jpeg;base64," in html  # screenshot thumbnails
