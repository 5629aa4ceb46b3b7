"""UK financial-year quarters (April to March) and the due texts written in them.

"Q3 2023/24" is 1 October to 31 December 2023. Quarters are stored as one integer
(`index`: year * 4 + quarter - 1) so the database sorts and compares them directly.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})

ACCEPTED_FORMS = (
    "a financial-year quarter such as 'Q3 2023/24' or 'Q3 23/24', "
    "a quarter and a year such as 'Q1 2025' (read as Q1 of the financial year starting in 2025), "
    "or a month and year such as 'March 2027'"
)


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    year: int  # the calendar year the financial year starts in: 2023 for 2023/24
    quarter: int  # 1 (April to June) to 4 (January to March)

    def __post_init__(self):
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {self.quarter}")
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def from_index(cls, index: int) -> FinancialQuarter:
        return cls(index // 4, index % 4 + 1)

    @classmethod
    def containing(cls, day: datetime.date) -> FinancialQuarter:
        # April is month 1 of the financial year.
        months_in = (day.month - 4) % 12
        return cls(day.year if day.month >= 4 else day.year - 1, months_in // 3 + 1)

    @property
    def index(self) -> int:
        return self.year * 4 + self.quarter - 1

    @property
    def fy_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return f"Q{self.quarter} {self.fy_label}"

    @property
    def start(self) -> datetime.date:
        month = 4 + (self.quarter - 1) * 3
        year = self.year if month <= 12 else self.year + 1
        return datetime.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        nxt = self.from_index(self.index + 1).start
        return nxt - datetime.timedelta(days=1)

    @property
    def months_label(self) -> str:
        return (
            f"{self.start:%B} to {self.end:%B %Y}"
            if self.start.year == self.end.year
            else f"{self.start:%B %Y} to {self.end:%B %Y}"
        )

    def __add__(self, quarters: int) -> FinancialQuarter:
        return self.from_index(self.index + quarters)

    def __str__(self) -> str:
        return self.label

    def is_overdue(self, on: datetime.date) -> bool:
        return on > self.end

    def is_due_soon(self, on: datetime.date) -> bool:
        """Due in the quarter that contains `on`, or the one after it."""
        return 0 <= self.index - FinancialQuarter.containing(on).index <= 1


@dataclass(frozen=True)
class DueReading:
    """What a due text says: the quarter the work is due by, and any milestones in it."""

    text: str
    quarter: FinancialQuarter
    milestones: list[tuple[FinancialQuarter, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return " ".join([f"Read as {self.quarter.label} ({self.quarter.months_label})."] + self.notes)


_QUARTER = re.compile(r"\bQ([1-4])(?:\s*(?:(\d{4})\s*/\s*(\d{2,4})|(\d{2})\s*/\s*(\d{2})|(\d{4})))?\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.IGNORECASE)


def _fy_from_pair(first: str, second: str) -> int:
    start = int(first) if len(first) == 4 else 2000 + int(first)
    end = int(second) % 100
    if (start + 1) % 100 != end:
        raise ValidationError(f"'{first}/{second}' is not a financial year: the second year must follow the first.")
    return start


def parse_due(text: str) -> DueReading:
    """Read a due text as written in an action plan. Raises ValidationError on text it cannot read."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"Enter when the action is due: {ACCEPTED_FORMS}.")
    notes: list[str] = []
    found: list[tuple[int, int | None, re.Match]] = []  # (quarter, fy or None, match)
    for match in _QUARTER.finditer(text):
        q = int(match.group(1))
        if match.group(2):
            fy = _fy_from_pair(match.group(2), match.group(3))
        elif match.group(4):
            fy = _fy_from_pair(match.group(4), match.group(5))
        elif match.group(6):
            fy = int(match.group(6))
            notes.append(
                f"'{match.group(0)}' names a quarter and one year; it is read as Q{q} of the financial year "
                f"that starts in {fy} ({FinancialQuarter(fy, q).label})."
            )
        else:
            fy = None
        found.append((q, fy, match))

    if found:
        # A quarter written without a year takes the year of the nearest quarter that has one.
        years = [fy for _, fy, _ in found if fy is not None]
        if not years:
            raise ValidationError(f"'{text}' gives a quarter but no year. Enter {ACCEPTED_FORMS}.")
        quarters = []
        for position, (q, fy, match) in enumerate(found):
            if fy is None:
                later = [y for _, y, _ in found[position + 1 :] if y is not None]
                fy = later[0] if later else years[-1]
                notes.append(
                    f"'{match.group(0)}' has no year; it is taken to be in {FinancialQuarter(fy, q).fy_label}."
                )
            quarters.append((FinancialQuarter(fy, q), match))
        milestones = []
        if len(quarters) > 1:
            for position, (quarter, match) in enumerate(quarters):
                end = quarters[position + 1][1].start() if position + 1 < len(quarters) else len(text)
                milestones.append((quarter, text[match.end() : end].strip(" .;,-")))
            notes.append("It has more than one milestone; the action is due by the last.")
        due = max(q for q, _ in quarters)
        rest = _QUARTER.sub("", text).strip(" .;,-()")
        if rest and len(quarters) == 1:
            notes.append(f"The rest of the wording is kept: '{rest}'.")
        return DueReading(text=text, quarter=due, milestones=milestones, notes=notes)

    months = list(_MONTH.finditer(text))
    if months:
        match = months[-1]
        day = datetime.date(int(match.group(2)), MONTHS[match.group(1).lower()], 1)
        quarter = FinancialQuarter.containing(day)
        notes.append(f"'{match.group(0)}' falls in {quarter.label}.")
        return DueReading(text=text, quarter=quarter, notes=notes)

    raise ValidationError(f"'{text[:100]}' is not a due date the portal can read. Enter {ACCEPTED_FORMS}.")


class FinancialQuarterFormField(forms.CharField):
    """A quarter typed as text ("Q3 2023/24", "Q3 23/24", "March 2027") and shown as its label.

    The model field stores an integer, but a number box would show nobody's idea of a quarter
    (and a browser empties a number box whose value is "Q3 2023/24", so saving would lose it)."""

    def __init__(self, *, max_length=None, min_value=None, max_value=None, step_size=None, **kwargs):
        kwargs.setdefault("help_text", f"Enter {ACCEPTED_FORMS}.")
        super().__init__(**kwargs)  # no max_length: its validator would run on the parsed quarter

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            value = FinancialQuarter.from_index(value)
        return value.label if isinstance(value, FinancialQuarter) else value

    def to_python(self, value):
        if isinstance(value, FinancialQuarter):
            return value
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return parse_due(text).quarter


class FinancialQuarterField(models.IntegerField):
    """Stores a FinancialQuarter as its sortable integer index."""

    description = "UK financial-year quarter"

    @property
    def validators(self):
        # IntegerField's range validators would compare a FinancialQuarter with an int.
        return list(self._validators)

    def from_db_value(self, value, expression, connection):
        return None if value is None else FinancialQuarter.from_index(value)

    def to_python(self, value):
        if value is None or isinstance(value, FinancialQuarter):
            return value
        if isinstance(value, int):
            return FinancialQuarter.from_index(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return FinancialQuarter.from_index(int(value))
        return parse_due(value).quarter

    def formfield(self, **kwargs):
        # The admin gives every IntegerField (subclasses too) a number box; a quarter is text.
        widget = kwargs.get("widget")
        if isinstance(widget, forms.NumberInput) or (
            isinstance(widget, type) and issubclass(widget, forms.NumberInput)
        ):
            kwargs["widget"] = forms.TextInput
        return super().formfield(**{"form_class": FinancialQuarterFormField, **kwargs})

    def get_prep_value(self, value):
        value = self.to_python(value)
        return None if value is None else value.index

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return None if value is None else value.index
