"""The complaint pack per channel: the text's fields, attachments under each channel's
limit, copies labelled with their originals' hashes and bundle numbers, atomic writing."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shlex
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.case.case_xml import ANSWERED, Call, write_calls
from tests.case.conftest import COLLECTOR
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.core.test_core_cli_documented import _run as run_evault
from tests.helpers import REPO, require_tool
from ui.pdf_report import render_pdf
from vault import custody
from vault.bundle.export import ExportRequest, export_bundle
from vault.case.complaint_pack import (
    ATTACHMENTS_DIR,
    GUIDE_FILE,
    LIST_FILE,
    TEXT_FILE,
    CompanyMissingError,
    build_pack,
)
from vault.case.pack_channels import CHANNELS, PackChannel
from vault.case.pack_text import FIELDS
from vault.case.rules.detector import rule_results
from vault.check import check_vault
from vault.custody import ledger
from vault.handle import OpenVault, create_vault
from vault.importing import import_backup, import_paths
from vault.items import edit_item
from vault.lenders import add_lender, set_lender_company
from vault.notes import add_note

SHANGHAI = ZoneInfo("Asia/Shanghai")
LENDER = "微粒贷"
COMPANY = "深圳前海微众银行股份有限公司"


def noisy_jpeg(path: Path, seed: int, size: tuple[int, int] = (3200, 2400)) -> Path:
    """A real JPEG of several MB: random noise does not compress, so the copy must work."""
    rng = random.Random(seed)
    picture = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    picture.save(path, "JPEG", quality=95)
    return path


@pytest.fixture(scope="module")
def pack_case(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[OpenVault]:
    """A lender with calls over the limits, three big images (one filed under threats,
    one under contacting family), and a note."""
    root = tmp_path_factory.mktemp("pack")
    vault, _ = create_vault(
        root / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, LENDER, numbers=[COLLECTOR], app="微众银行", company=COMPANY)
    calls = [Call(COLLECTOR, f"2026-11-02 {h:02d}:10", ANSWERED, 30) for h in (9, 10, 11, 12, 13)]
    calls += [Call(COLLECTOR, "2026-11-02 23:30"), Call(COLLECTOR, "2026-11-03 06:50")]
    calls.append(Call(COLLECTOR, "2026-11-02 15:40", ANSWERED, 0))  # logged answered, 0 s
    import_backup(vault, write_calls(root / "calls.xml", calls))
    files = [noisy_jpeg(root / f"shot{n}.jpg", n) for n in range(3)]
    assert min(f.stat().st_size for f in files) > 5_000_000, "originals over every limit"
    report = import_paths(vault, files, lender=LENDER)
    ids = [r.item_id for r in report.results]
    assert all(ids)
    names = {"threat": str(ids[0]), "family": str(ids[1]), "plain": str(ids[2])}
    edit_item(
        vault,
        names["threat"],
        {
            "categories": ["threats"],
            "title": "催收员威胁上门",
            "incident_at": datetime(2026, 11, 2, 14, 0, tzinfo=SHANGHAI),
        },
    )
    edit_item(
        vault,
        names["family"],
        {
            "categories": ["contacting_family"],
            "incident_at": datetime(2026, 11, 3, 9, 0, tzinfo=SHANGHAI),
        },
    )
    edit_item(vault, names["plain"], {"incident_at": datetime(2026, 11, 2, 8, 0, tzinfo=SHANGHAI)})
    add_note(
        vault,
        LENDER,
        "催收员打给我母亲，说要去单位找我。",
        occurred_at=datetime(2026, 11, 3, 10, 15, tzinfo=SHANGHAI),
    )
    yield vault
    vault.lock()


def read_text(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name} lacks the UTF-8 BOM Notepad needs"
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), f"{path.name} has a bare LF line end"
    return text.replace("\r\n", "\n")


def section(text: str, name: str) -> str:
    start = text.index(f"【{name}】")
    end = text.find("【", start + 1)
    return text[start : end if end != -1 else None]


@pytest.mark.slow
@pytest.mark.parametrize("channel", [c.value for c in PackChannel])
def test_a_pack_per_channel_has_the_fields_and_fits_the_limits(
    pack_case: OpenVault, tmp_path: Path, channel: str
) -> None:
    vault = pack_case
    result = build_pack(
        vault, LENDER, channel, tmp_path, render_pdf=render_pdf, made_on=date(2026, 12, 3)
    )
    spec = CHANNELS[PackChannel(channel)]
    assert result.folder == tmp_path / f"投诉材料_{channel}_{LENDER}_2026-12-03"
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(
        [ATTACHMENTS_DIR, GUIDE_FILE, LIST_FILE, TEXT_FILE]
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    text = read_text(result.text_file)
    for name in FIELDS:
        assert f"【{name}】" in text, f"the {channel} text lacks the field {name}"
    assert COMPANY in section(text, "被投诉机构全称")
    assert "微粒贷（App：微众银行）" in section(text, "产品")
    assert "2026-11-02 至 2026-11-03" in section(text, "时间段")
    violations = section(text, "违规类型")
    assert "GBT45251-effective-calls" in violations and "依据：" in violations
    assert "计数内容：" in violations and "0秒来电 1 个" in violations
    assert "项证据（序号 " in violations, "a category rule names its items by bundle number"
    facts = section(text, "事实")
    assert "2026-11-02：来电 7 次（接通 5 次，另有0秒来电 1 次未计入接通）" in facts
    assert "骚扰家人及通讯录联系人" in facts and "威胁恐吓" in facts
    assert "催收员打给我母亲" in facts
    assert "1. " in section(text, "诉求")
    # the evidence list numbers items as the full bundle does
    bundle = tmp_path / "full.zip"
    export_bundle(vault, ExportRequest(out=bundle, lender=LENDER, stamp=False))
    with zipfile.ZipFile(bundle) as full:
        evidence = {Path(n).name[:3]: n for n in full.namelist() if n.startswith("evidence/")}
        originals = {
            number: hashlib.sha256(full.read(name)).hexdigest() for number, name in evidence.items()
        }
    listed = section(text, "已有证据清单")
    for number, name in evidence.items():
        assert f"{number}  {Path(name).name}" in listed
    # every attachment under the channel's limit; every copy names its original
    files = sorted((result.folder / ATTACHMENTS_DIR).iterdir())
    assert files, f"the {channel} pack has no attachments"
    listing = read_text(result.folder / LIST_FILE)
    copies = [a for a in result.attachments if a.number is not None]
    assert len(copies) == min(3, spec.max_images)
    for path in files:
        assert path.stat().st_size <= spec.max_file_bytes, f"{path.name} is over the limit"
    for copy in copies:
        shown = f"{copy.number:03d}"
        assert copy.name.endswith(f"_序号{shown}_副本.jpg")
        assert originals[shown] == copy.original_sha256, "the copy names the wrong original"
        assert copy.original_sha256 in listing and copy.original_sha256 in section(text, "附件")
        with Image.open(result.folder / ATTACHMENTS_DIR / copy.name) as image:
            assert image.format == "JPEG" and not image.getexif()
    assert ("违规情况表.pdf" in [p.name for p in files]) == spec.takes_pdf
    if spec.takes_pdf:
        table = subprocess.run(
            [
                require_tool("pdftotext"),
                str(result.folder / ATTACHMENTS_DIR / "违规情况表.pdf"),
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = "".join(table.split())
        assert flat.startswith("违规情况表—微粒贷")
        for finding in rule_results(vault, LENDER).findings:
            # cells wrap and interleave in the extracted text: a description's opening
            assert "".join(finding.description_zh.split())[:8] in flat, finding.rule_id
    assert (result.zip_path is not None) == spec.makes_zip
    if result.zip_path is not None:
        with zipfile.ZipFile(result.zip_path) as packed:
            assert f"{result.folder.name}/{TEXT_FILE}" in packed.namelist()
    guide = read_text(result.folder / GUIDE_FILE)
    assert spec.where_zh in guide and spec.next_steps["zh_CN"] in guide


def test_the_copies_are_real_compressed_images_under_two_mb(
    pack_case: OpenVault, tmp_path: Path
) -> None:
    vault = pack_case
    result = build_pack(vault, LENDER, "nifa", tmp_path)
    for copy in result.attachments:
        path = result.folder / ATTACHMENTS_DIR / copy.name
        assert path.stat().st_size <= 2_000_000
        assert hashlib.sha256(path.read_bytes()).hexdigest() == copy.sha256
        with Image.open(path) as image:
            assert max(image.size) >= 1000, "a copy shrunk past legibility"


def test_the_pack_is_a_custody_event_naming_the_copies(
    pack_case: OpenVault, tmp_path: Path
) -> None:
    vault = pack_case
    result = build_pack(vault, LENDER, "heimao", tmp_path)
    with vault.sessions() as session:
        events = [
            e for e in ledger.iter_events(session) if e.action == custody.Action.COMPLAINT_PACK
        ]
    payload = events[-1].payload
    assert isinstance(payload, dict) and isinstance(payload["copies"], list)
    assert payload["channel"] == "heimao" and payload["folder"] == result.folder.name
    assert {c["original_sha256"] for c in payload["copies"] if isinstance(c, dict)} == {
        c.original_sha256 for c in result.attachments
    }
    assert check_vault(vault).ok, "a pack's custody event keeps the vault consistent"


@pytest.mark.slow
def test_a_second_pack_on_the_same_day_gets_its_own_folder(
    pack_case: OpenVault, tmp_path: Path
) -> None:
    vault = pack_case
    first = build_pack(vault, LENDER, "police", tmp_path, made_on=date(2026, 12, 3))
    second = build_pack(
        vault, LENDER, "police", tmp_path, made_on=date(2026, 12, 3), demands=["停止骚扰我的母亲"]
    )
    assert second.folder.name == f"{first.folder.name}_2"
    assert "1. 停止骚扰我的母亲" in read_text(second.text_file)


def test_a_lender_without_a_company_is_refused_with_how_to_set_it(
    tmp_path: Path,
) -> None:
    vault, _ = create_vault(tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    try:
        add_lender(vault, "借呗")
        import_paths(vault, [noisy_jpeg(tmp_path / "a.jpg", 9, (200, 100))], lender="借呗")
        with pytest.raises(CompanyMissingError, match="--company"):
            build_pack(vault, "借呗", "12378", tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jpg", "v"]
        given = build_pack(vault, "借呗", "12378", tmp_path, company="重庆蚂蚁消费金融有限公司")
        assert "重庆蚂蚁消费金融有限公司" in read_text(given.text_file)
        set_lender_company(vault, "借呗", "重庆蚂蚁消费金融有限公司")
        assert check_vault(vault).ok, "the company's change is replayed from the custody log"
        again = build_pack(vault, "借呗", "nifa", tmp_path)
        assert "重庆蚂蚁消费金融有限公司" in read_text(again.text_file)
    finally:
        vault.lock()


def test_a_failed_pack_leaves_nothing_behind(pack_case: OpenVault, tmp_path: Path) -> None:
    vault = pack_case

    def broken(html: str, out: Path) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        build_pack(vault, LENDER, "lawyer", tmp_path, render_pdf=broken)
    assert os.listdir(tmp_path) == []


README_PACK_BLOCK = re.compile(r"## Complaint material \(command line\)\n.*?```\n(.*?)```", re.S)


@pytest.mark.slow
def test_the_readme_pack_commands_run_as_written(tmp_path: Path) -> None:
    block = README_PACK_BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md lost its 'Complaint material (command line)' block"
    home = tmp_path / "home"
    home.mkdir()
    vault, _ = create_vault(
        home / "evidence", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "借呗", numbers=[COLLECTOR])
    night = [Call(COLLECTOR, f"2026-11-0{d} 23:{m:02d}") for d in (1, 2) for m in range(0, 50, 7)]
    import_backup(vault, write_calls(home / "calls.xml", night))
    import_paths(vault, [noisy_jpeg(home / "shot.jpg", 4)], lender="借呗")
    vault.lock()
    outputs = []
    for line in block.group(1).splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "evault", line
        argv = [str(home) + w[1:] if w.startswith("~") else w for w in words[1:]]
        done = run_evault(argv, home=home)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        outputs.append(done.stdout)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the vault's day, not the machine's
    folder = home / f"投诉材料_12378_借呗_{today.isoformat()}"
    text = read_text(folder / TEXT_FILE)
    assert "重庆蚂蚁消费金融有限公司" in section(text, "被投诉机构全称")
    assert "夜间" in section(text, "违规类型") or "22:00" in section(text, "违规类型")
    pdf = folder / ATTACHMENTS_DIR / "违规情况表.pdf"
    assert pdf.read_bytes().startswith(b"%PDF"), "the installed evault renders the table with Qt"
    assert str(folder) in outputs[1] and "12378" in outputs[1]
    assert "2026120300118" in outputs[3]
    overdue = today > date(2026, 12, 24)
    assert ("OVERDUE" in outputs[3]) == overdue


def test_pack_without_company_is_one_sentence_saying_how_to_set_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    vault, _ = create_vault(home / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "借呗")
    vault.lock()
    argv = ["complaint", "pack", "--vault", str(home / "v"), "--lender", "借呗"]
    done = run_evault([*argv, "--channel", "nifa", "--out", str(home)], home=home)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "evault lender update" in done.stderr
    assert "--company" in done.stderr and "Traceback" not in done.stderr
    assert list(home.glob("投诉材料_*")) == []
    common = ["--vault", str(home / "v")]
    fixed = run_evault(
        ["lender", "update", "借呗", "--company", "重庆蚂蚁消费金融有限公司", *common], home=home
    )
    assert fixed.returncode == 0, fixed.stderr
    done = run_evault([*argv, "--channel", "nifa", "--out", str(home)], home=home)
    assert done.returncode == 2 and "no evidence yet" in done.stderr
    shot = noisy_jpeg(home / "shot.jpg", 5, (640, 480))
    imported = run_evault(["import", *common, "--lender", "借呗", str(shot)], home=home)
    assert imported.returncode == 0, imported.stderr
    fixed = run_evault(
        ["lender", "update", "借呗", "--company", "重庆蚂蚁消费金融有限公司", *common], home=home
    )
    assert fixed.returncode == 0, fixed.stderr
    done = run_evault([*argv, "--channel", "nifa", "--out", str(home), "--json"], home=home)
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["channel"] == "nifa" and Path(made["folder"]).is_dir()
    assert made["next_steps"] == CHANNELS[PackChannel.NIFA].next_steps["zh_CN"]
