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
    # Red lines of the China Banking Association's 2026 collection guideline that the
    # evidence can show (a screenshot, a photo, a recording, a contact's account):
    PRIVATE_CHANNELS = "private_channels"  # a collector's private phone or social app
    FALSE_CLAIMS = "false_claims"  # fake blacklists, exaggerated debt or legal consequences
    PUBLIC_NOTICES = "public_notices"  # collection notices or 律师函 posted in public places
    WORKPLACE_VISIT = "workplace_visit"  # collecting at the debtor's workplace
    THIRD_PARTY_ASKED_TO_STOP = "third_party_asked_to_stop"  # contacted again after refusing
    OTHER = "other"
