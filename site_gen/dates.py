"""Dates whose written form is their precision: `2025-12-19`, `2025-12` or `2025`."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic_core import core_schema

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FORMS = "write YYYY-MM-DD, YYYY-MM or YYYY"
# The month names once (calendar's lists format a date on every lookup): pages write many dates.
_MONTH_NAMES, _MONTH_ABBRS = tuple(calendar.month_name), tuple(calendar.month_abbr)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year."""

    year: int
    month: int = 0
    """1-12, or 0 when only the year is known."""
    day: int = 0
    """1-31, or 0 when the day is not known."""

    @property
    def precision(self) -> str:
        """`day`, `month` or `year`."""
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        """The ISO form, as written: `2025-12-19`, `2025-12`, `2025`."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        """The date for readers, at its precision: `19 December 2025`, `December 2025`, `2025`."""
        if self.day:
            return f"{self.day} {_MONTH_NAMES[self.month]} {self.year}"
        if self.month:
            return f"{_MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    @property
    def short(self) -> str:
        """The date as short as it can be while exact: `19 Dec 2025`, `Dec 2025`, `2025`."""
        if self.day:
            return f"{self.day} {_MONTH_ABBRS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTH_ABBRS[self.month]} {self.year}"
        return str(self.year)

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean: 2025-12 -> 1 December 2025."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date can mean: 2025-12 -> 31 December 2025."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date as YAML gives it: a string, a bare year, or a `datetime.date`."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError(f"'{value}' has a time of day; {_FORMS}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date, found {type_name(value)}; {_FORMS}")
        m = _DATE_RE.fullmatch(value.strip())
        if not m:
            raise ValueError(f"invalid date '{value}': {suggest_date(value) or _FORMS}")
        year, month, day = (int(g) if g else 0 for g in m.groups())
        if m.group(2) and not 1 <= month <= 12:
            raise ValueError(f"invalid date '{value}': month {month} is not between 1 and 12")
        if m.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"invalid date '{value}': {calendar.month_name[month]} {year} "
                    f"has days 1 to {last}"
                )
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date; its form is its precision: YYYY-MM-DD, YYYY-MM or YYYY.",
            "examples": ["2025-12-19", "2025-12", "2025"],
        }


def type_name(value: Any) -> str:
    """How an editor would call a YAML value's type."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "keys and values"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{value}'"
    return type(value).__name__


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


def suggest_date(text: str) -> str | None:
    """How to write a date in another form (`07/14/2015`, `14.7.2015`, `July 14, 2015`) as
    this project does, when the reading is certain; both readings when it is not."""
    value = text.strip().rstrip(".").replace(",", " ")
    readings: list[tuple[int, int, int]] = []
    if m := _NUMERIC.fullmatch(value):
        a, b, c = (int(g) for g in m.groups())
        if len(m.group(1)) == 4:
            readings = [(a, b, c)]
        elif len(m.group(3)) == 4:
            readings = list(dict.fromkeys([(c, a, b), (c, b, a)]))  # month first, day first
    else:
        words = value.split()
        month = [w for w in words if w.lower() in _MONTHS]
        numbers = [int(w) for w in words if w.isdigit()]
        years = [n for n in numbers if n >= 1000]
        days = [n for n in numbers if n < 1000]
        if len(month) == 1 and len(years) == 1 and len(days) <= 1 and len(words) == 2 + len(days):
            readings = [(years[0], _MONTHS[month[0].lower()], days[0] if days else 0)]
    valid = [str(d) for d in (_date_or_none(*r) for r in readings) if d]
    if len(valid) == 1:
        return f"write it as {valid[0]}"
    if len(valid) == 2:
        return f"write YYYY-MM-DD: {valid[0]} or {valid[1]}, whichever the source means"
    return None


def _date_or_none(year: int, month: int, day: int) -> PartialDate | None:
    if not 1 <= month <= 12 or not 1000 <= year <= 9999:
        return None
    if day and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)
