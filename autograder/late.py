"""Late work: a deadline, and what each day late costs.

The deadline comes from `[deadline]` in the assignment's assignment.toml or from `grade`'s flags:

    [deadline]
    due = "2026-12-01T23:59:00+01:00"   # a time zone is required
    penalty_per_day = 0.1               # a tenth of the points per started day late
    max_late_days = 3                   # later than that: no points
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

DAY = 86400.0


class DeadlineError(ValueError):
    """The deadline or the penalty cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Deadline:
    """When work is due and what lateness costs.

    A submission is late by `ceil((submitted - due) / 1 day)` days (one second late is one day);
    each late day costs `penalty_per_day` of the points it scored (0.1: a tenth), at most all of
    them; after `max_late_days` it gets no points. A file Canvas named `_LATE_` is at least one day
    late, whatever its file time says.
    """

    due: datetime
    penalty_per_day: float = 0.0
    max_late_days: int | None = None

    def lateness(self, submitted: datetime | None, canvas_late: bool) -> tuple[int, float, str]:
        """(days late, penalty as a fraction of the points, a sentence saying why)."""
        late = 0 if submitted is None else (submitted - self.due).total_seconds()
        days = math.ceil(late / DAY) if late > 0 else 0
        note = ""
        if canvas_late and days == 0:
            days, note = 1, "Canvas marked it late (its file time is not after the deadline)"
        if days == 0:
            return 0, 0.0, ""
        if self.max_late_days is not None and days > self.max_late_days:
            return days, 1.0, _join(note, f"more than {self.max_late_days} "
                                          f"day{_s(self.max_late_days)} late: no points")
        fraction = min(1.0, round(self.penalty_per_day * days, 6))
        return days, fraction, _join(note, f"{days} day{_s(days)} late × "
                                           f"{self.penalty_per_day:g} = {fraction:.0%} off")


def parse_time(value, what: str) -> datetime:
    """An aware datetime from TOML's datetime or an ISO 8601 text (`Z` allowed).

    Raises:
        DeadlineError: the text is not a date and time, or has no time zone.
    """
    if isinstance(value, str):
        text = value.strip()
        text = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise DeadlineError(f"{what} {value!r} is not a date and time such as "
                              f"2026-12-01T23:59:00+01:00") from None
    if not isinstance(value, datetime):
        raise DeadlineError(f"{what} {value!r} is not a date and time such as "
                          f"2026-12-01T23:59:00+01:00")
    if value.tzinfo is None:
        raise DeadlineError(f"{what} {value.isoformat()} has no time zone; add one, e.g. "
                          f"{value.isoformat()}+01:00 or Z for UTC")
    return value


def toml_deadline(assignment_id: str) -> dict:
    """The `[deadline]` table of an assignment's assignment.toml (empty when there is none)."""
    from autograder.assignments import SOLUTIONS, tomllib
    meta = tomllib.loads((SOLUTIONS / assignment_id / "assignment.toml").read_text())
    table = meta.get("deadline", {})
    if not isinstance(table, dict):
        raise DeadlineError(f"{assignment_id}/assignment.toml: deadline must be a table "
                          f"([deadline] with due = ...)")
    return table


def make_deadline(config: dict, due: str | None = None, penalty_per_day: float | None = None,
                  max_late_days: int | None = None, where: str = "[deadline]") -> Deadline | None:
    """The deadline from assignment.toml's `[deadline]` table, overridden by command-line flags.

    Raises:
        DeadlineError: a value is missing or out of range.
    """
    due_value = due if due is not None else config.get("due")
    if due_value is None:
        if penalty_per_day is not None or max_late_days is not None:
            raise DeadlineError("a late penalty was given without a deadline: add --due")
        return None
    when = parse_time(due_value, "--due" if due is not None else f"{where} due")
    rate = penalty_per_day if penalty_per_day is not None else config.get("penalty_per_day", 0.0)
    cap = max_late_days if max_late_days is not None else config.get("max_late_days")
    if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 <= rate <= 1:
        raise DeadlineError(f"{where} penalty_per_day must be a fraction between 0 and 1 "
                          f"(0.1 takes a tenth of the points per late day), not {rate!r}")
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap < 0):
        raise DeadlineError(f"{where} max_late_days must be a whole number of days, not {cap!r}")
    return Deadline(when, float(rate), cap)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
