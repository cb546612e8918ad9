"""Harassment categories an item can be filed under (DESIGN.md §4); codes are stable."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    FREQUENT_CALLS = "frequent_calls"
    THREATS = "threats"
    CONTACTING_FAMILY = "contacting_family"  # family, friends, the phone's contact list
    LEAKING_DATA = "leaking_data"
    HOME_VISIT = "home_visit"
    INSULTS = "insults"
    IMPERSONATING_AUTHORITY = "impersonating_authority"  # posing as police, courts, officials
    FAKE_LEGAL_DOCUMENTS = "fake_legal_documents"
    OTHER = "other"
