"""The declarative base every table of ``vault.db`` shares.

Every time column is an aware datetime stored as the vault's UTC text form
(:mod:`vault.times`); a naive time is refused when it is assigned, not later inside a
flush. Constraint names follow one convention, so migrations name them the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Dialect, MetaData, String, event
from sqlalchemy.orm import DeclarativeBase, Mapper
from sqlalchemy.types import TypeDecorator

from vault.times import UTC_TEXT_LENGTH, format_utc, parse_utc

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as fixed-width ISO-8601 UTC text (see the module docstring)."""

    impl = String(UTC_TEXT_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else format_utc(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


@event.listens_for(Base, "mapper_configured", propagate=True)
def _check_times_on_assignment(mapper: Mapper[Any], class_: type[Any]) -> None:
    """Refuse a naive time when it is assigned, not later inside a flush.

    The ORM then holds the same UTC value that a reload would give back.
    """
    for prop in mapper.column_attrs:
        if any(isinstance(column.type, UTCDateTime) for column in prop.columns):
            event.listen(getattr(class_, prop.key), "set", _to_utc, retval=True)


def _to_utc(target: object, value: datetime | None, oldvalue: object, initiator: object) -> Any:
    return None if value is None else parse_utc(format_utc(value))


metadata = Base.metadata

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "metadata"]
