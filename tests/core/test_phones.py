"""Phone numbers: the forms phones, backups and people write, and one normal form each."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vault.phones import (
    PhoneNumberError,
    canonical,
    normalize,
    stored_spellings,
    try_normalize,
)

# Each group is one line written the ways a phone's dialler, its contacts, a recorder's
# file name, an SMS Backup & Restore XML ("+8610…", "0086…") and a person write it.
SAME_LINE = {
    "01065529988": [  # a Beijing landline
        "+86 10 6552 9988", "(010) 6552 9988", "010-65529988", "010 6552 9988",
        "+861065529988", "0086 10 6552 9988", "008601065529988", "86 10 6552 9988",
        "+86 (0)10 6552 9988", "（010）6552 9988", "1065529988",
    ],
    "02162345678": ["021-6234 5678", "+86 21 6234 5678", "+862162345678", "(021)62345678"],
    "075587654321": [  # Shenzhen: a 3-digit area code
        "0755-8765 4321", "0755 87654321", "+86 755 8765 4321", "+8675587654321",
        "0086 755 8765 4321", "+86 0755 8765 4321",
    ],
    "13800138000": [  # a China Mobile number
        "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
        "+8613800138000", "008613800138000", "0086 138 0013 8000", "8613800138000",
        "+86 13800138000", "１３８ ００１３ ８０００", "＋８６ １３８００１３８０００",
    ],
    "17110002000": ["+86 171 1000 2000", "171 1000 2000", "+8617110002000"],
    "4008208820": ["400-820-8820", "400 820 8820", "+86 400 820 8820"],
    "+14155552671": ["+1 415-555-2671", "+1 (415) 555-2671", "001 415 555 2671"],
    "+85291234567": ["+852 9123 4567", "00852 9123 4567"],
}  # fmt: skip

# Short service codes (Alipay, China Mobile, the financial-regulator hotline, China
# Merchants Bank, ICBC) and SMS sender codes stay the digits they are.
SERVICE_CODES = ["95188", "10086", "12378", "95555", "95588", "12321", "106900001234"]


@pytest.mark.parametrize(
    ("normal", "raw"), [(normal, raw) for normal, forms in SAME_LINE.items() for raw in forms]
)
def test_every_form_of_a_line_has_one_normal_form(normal: str, raw: str) -> None:
    assert normalize(raw) == normal


@pytest.mark.parametrize("code", SERVICE_CODES)
def test_service_codes_are_kept_as_they_are(code: str) -> None:
    assert normalize(code) == code
    assert normalize(f"+86 {code}") == code  # some phones log them with the country code
    assert stored_spellings([code]) == [code]


def test_different_lines_stay_different() -> None:
    lines = [
        "010-65529988", "021-65529988", "0755-6552 9988", "13800138000", "13800138001",
        "95188", "95555", "65529988", "+1 415-555-2671", "+44 20 7946 0958",
    ]  # fmt: skip
    assert len({normalize(n) for n in lines}) == len(lines)


def test_a_local_number_without_its_area_code_is_kept() -> None:
    assert normalize("6552 9988") == "65529988"  # which city is not said: not guessed


@pytest.mark.parametrize(
    "raw", ["", "   ", "张三", "abc123", "12", "+", "1380013800a", "-2", "١٣٨٠٠١٣٨٠٠٠"]
)
def test_text_that_is_no_number_is_refused_in_one_sentence(raw: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        normalize(raw)
    assert str(caught.value).endswith("is not a phone number.")
    assert try_normalize(raw) is None


def test_earlier_vaults_spellings_read_as_the_same_line() -> None:
    # What this vault stored before the numbering plan: "+86 10 6552 9988" without its 0.
    assert canonical("1065529988") == canonical("01065529988") == "01065529988"
    assert canonical("861065529988") == "01065529988"
    assert canonical("") == ""  # events whose address is no number
    assert stored_spellings(["(010) 6552 9988"]) == [
        "(010) 6552 9988",
        "01065529988",
        "1065529988",
        "861065529988",
    ]
    assert stored_spellings(["13800138000", "+8613800138000"]) == [
        "+8613800138000",
        "13800138000",
    ]


_MOBILE = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
_BEIJING = st.from_regex(r"[2-8][0-9]{7}", fullmatch=True).map(lambda n: "010" + n)
_WRITTEN = st.sampled_from(["{}", "+86 {}", "0086{}", "+86-{}", "{} "])


@given(_MOBILE | _BEIJING, _WRITTEN, st.booleans())
def test_the_normal_form_is_stable_and_the_same_for_every_writing(
    number: str, form: str, spaced: bool
) -> None:
    digits = number.removeprefix("0") if form != "{}" else number
    written = form.format(" ".join(digits[i : i + 4] for i in range(0, len(digits), 4)))
    normal = normalize(written if spaced else written.replace(" ", ""))
    assert normal == normalize(number)
    assert normalize(normal) == normal
