"""An ``AgeWriter`` whose ``__init__`` raised is finalised quietly (Python 3.13 reports
every exception a finaliser raises; the writer's close must not assume a complete
object)."""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Iterator

import pytest

from vault.age import X25519Identity, buffers
from vault.age import writer as age_writer
from vault.age.writer import AgeWriter
from vault.errors import UsageError


@pytest.fixture
def unraisable() -> Iterator[list[str]]:
    """What the interpreter reports as unraisable (a finaliser's exception) meanwhile."""
    seen: list[str] = []
    previous = sys.unraisablehook

    def hook(report: sys.UnraisableHookArgs) -> None:
        seen.append(f"{report.exc_type.__name__}: {report.exc_value}")

    sys.unraisablehook = hook
    try:
        yield seen
    finally:
        gc.collect()
        sys.unraisablehook = previous


def test_a_writer_whose_init_raised_is_finalised_without_an_error(
    unraisable: list[str],
) -> None:
    for _ in range(3):
        with pytest.raises(UsageError, match="At least one recipient"):
            AgeWriter(io.BytesIO(), [])
    gc.collect()
    assert unraisable == []


def test_close_of_a_partly_made_writer_does_nothing(unraisable: list[str]) -> None:
    """Also on Pythons that drop a finaliser's exception: close itself must not raise."""
    partial = AgeWriter.__new__(AgeWriter)
    partial.close()
    assert partial.closed
    del partial
    gc.collect()
    assert unraisable == []


def test_buffers_are_given_back_when_init_fails_after_borrowing_them(
    monkeypatch: pytest.MonkeyPatch, unraisable: list[str]
) -> None:
    given_back: list[object] = []
    real = buffers.give_back

    def counting_give_back(buffer: object) -> None:
        given_back.append(buffer)
        real(buffer)  # type: ignore[arg-type]

    def failing_write_through(*_: object, **__: object) -> None:
        raise OSError("no room for the output buffer")

    monkeypatch.setattr(age_writer, "give_back", counting_give_back)
    monkeypatch.setattr(age_writer, "WriteThrough", failing_write_through)
    with pytest.raises(OSError, match="no room"):
        AgeWriter(io.BytesIO(), [X25519Identity.generate().recipient()], threads=False)
    gc.collect()
    assert len(given_back) == 2 and unraisable == []
