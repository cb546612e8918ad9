"""Where a complaint is filed and what became of it (DESIGN.md §1, §7); codes are stable.

The channels: the 12378 banking and insurance consumer hotline, the Internet Finance
Association's online complaint (NIFA), 黑猫投诉 (Heimao), the police (110, or 12110 by
SMS), a court, or other. Kept apart from the complaints tracker so that the CLI can
offer the codes as choices without loading the database.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    HOTLINE_12378 = "12378"
    NIFA = "nifa"
    HEIMAO = "heimao"
    POLICE_110 = "police_110"
    POLICE_12110 = "police_12110"
    COURT = "court"
    OTHER = "other"


class Status(StrEnum):
    DRAFT = "draft"
    FILED = "filed"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
