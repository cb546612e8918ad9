"""A vault holding real evidence, a note, a complaint and a stamped checkpoint (a real
RFC 3161 TSA on 127.0.0.1), to back up and restore."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.trusted_time.conftest import (  # noqa: F401 - fixtures used through `stocked`
    evidence,
    local_tsa,
    pki,
    stamping_vault,
    vault,
)
from vault.case.complaints import add_complaint
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.notes import add_note
from vault.safekeeping import make, readback
from vault.trusted_time import stamping

PASSPHRASE = "correct horse battery staple"
LENDER = "好运贷"
NUMBER = "+86 138 0013 8000"
NOTE = "催收员上门，说要找我父母，威胁曝光通讯录"


@dataclass
class Stocked:
    vault: OpenVault
    files: list[Path]
    tmp: Path

    def add_files(self, count: int, tag: str) -> list[Path]:
        files = evidence(self.tmp / f"more-{tag}", count, tag=tag)
        import_paths(self.vault, files, lender=LENDER)
        self.files += files
        return files


@pytest.fixture
def stocked(stamping_vault: OpenVault, tmp_path: Path) -> Stocked:  # noqa: F811
    opened = stamping_vault
    add_lender(opened, LENDER, numbers=[NUMBER])
    files = evidence(tmp_path / "phone", 6)
    import_paths(opened, files, lender=LENDER)
    add_note(opened, LENDER, NOTE)
    add_complaint(opened, LENDER, channel="12378", filed_on=date(2024, 3, 15), reference="R-1")
    report = stamping.stamp_pending(opened, force=True)
    assert report is not None
    assert stamping.tokens(opened), "the local TSA gave no token"
    return Stocked(opened, files, tmp_path)


@pytest.fixture(params=["threads", "children"])
def read_back_in(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the copies read back on threads, then in two child processes
    (the way a backup of 64 MiB or more reads back on three cores or more), whatever the
    test vault's size and the machine's cores."""
    monkeypatch.setattr(make, "CHILDREN_FROM", 0 if request.param == "children" else 1 << 62)
    monkeypatch.setattr(readback, "CHILDREN", 2)
    return str(request.param)
