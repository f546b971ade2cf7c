"""Cron schedules as the API server parses them: robfig/cron v3 `ParseStandard`.

Not a rule (leading underscore). batch validation.go validateScheduleFormat calls
cron.ParseStandard (github.com/robfig/cron/v3, parser.go), whose standard parser takes
five fields (minute hour day-of-month month day-of-week) or an `@` descriptor, after an
optional `TZ=<zone> ` / `CRON_TZ=<zone> ` prefix. `parse_standard` returns robfig's error
(reworded a little) or "" when the schedule parses. Also the IANA time zone lookup that
`time.LoadLocation` does, through Python's zoneinfo.
"""

from __future__ import annotations

from podlint import lazyre
from functools import lru_cache
from typing import NamedTuple, Optional


class Bounds(NamedTuple):
    name: str
    low: int
    high: int
    names: Optional[dict[str, int]] = None


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DAYS = {d: i for i, d in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}

# parser.go: minutes, hours, dom, months, dow (the standard parser has no seconds field)
FIELDS = (
    Bounds("minute", 0, 59),
    Bounds("hour", 0, 23),
    Bounds("day of month", 1, 31),
    Bounds("month", 1, 12, _MONTHS),
    Bounds("day of week", 0, 6, _DAYS),
)
DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
EVERY = "@every "

_ATOI = lazyre.compile(r"[+-]?[0-9]+\Z")  # strconv.Atoi
_INT64_MAX = 2**63 - 1


class CronError(ValueError):
    pass


def parse_standard(spec: str, zone_exists=None) -> str:
    """robfig/cron v3 ParseStandard: "" if `spec` parses, else why not.

    `zone_exists(name) -> bool|None` checks a TZ=/CRON_TZ= prefix's zone (None: unknown).
    """
    try:
        _parse(spec, zone_exists)
    except CronError as error:
        return str(error)
    return ""


def _parse(spec: str, zone_exists) -> None:
    if spec == "":
        raise CronError("the schedule is empty")
    if spec.startswith("TZ=") or spec.startswith("CRON_TZ="):
        space = spec.find(" ")
        if space < 0:
            raise CronError("a TZ=/CRON_TZ= prefix must be followed by a space and the schedule")
        zone = spec[spec.find("=") + 1:space]
        if zone not in ("", "UTC", "Local") and zone_exists is not None and zone_exists(zone) is False:
            raise CronError(f'provided bad location "{zone}": unknown time zone')
        spec = spec[space:].strip()
    if spec.startswith("@"):
        _parse_descriptor(spec)
        return
    fields = spec.split()  # strings.Fields
    if len(fields) != len(FIELDS):
        raise CronError(f"expected exactly 5 fields (minute hour day-of-month month day-of-week), "
                        f"found {len(fields)}")
    for text, bounds in zip(fields, FIELDS):
        _parse_field(text, bounds)


def _parse_descriptor(spec: str) -> None:
    if spec in DESCRIPTORS:
        return
    if spec.startswith(EVERY):
        problem = go_duration_problem(spec[len(EVERY):])
        if problem:
            raise CronError(f"failed to parse duration {spec}: {problem}")
        return
    raise CronError(f"unrecognized descriptor: {spec} (use @yearly, @annually, @monthly, @weekly, @daily, "
                    "@midnight, @hourly or @every <duration>)")


def _parse_field(text: str, bounds: Bounds) -> None:
    # getField: comma-separated ranges; strings.FieldsFunc drops empty pieces ("1,,2" is fine)
    for expr in (piece for piece in text.split(",") if piece):
        _parse_range(expr, bounds)


def _parse_range(expr: str, bounds: Bounds) -> None:
    """getRange: number | name | '*' | '?', optionally '-' end, optionally '/' step."""
    where = f"{bounds.name} field"
    range_and_step = expr.split("/")
    low_and_high = range_and_step[0].split("-")
    single = len(low_and_high) == 1
    if low_and_high[0] in ("*", "?"):
        start, end = bounds.low, bounds.high  # anything after '*-' is ignored by robfig
    else:
        start = _int_or_name(low_and_high[0], bounds, expr)
        if len(low_and_high) == 1:
            end = start
        elif len(low_and_high) == 2:
            end = _int_or_name(low_and_high[1], bounds, expr)
        else:
            raise CronError(f'too many hyphens in {where} "{expr}"')
    if len(range_and_step) == 1:
        step = 1
    elif len(range_and_step) == 2:
        step = _non_negative_int(range_and_step[1], expr)
        if single:
            end = bounds.high  # "N/step" means "N-max/step"
    else:
        raise CronError(f'too many slashes in {where} "{expr}"')
    if start < bounds.low:
        raise CronError(f'{where} "{expr}" starts below the minimum {bounds.low}')
    if end > bounds.high:
        raise CronError(f'{where} "{expr}" goes above the maximum {bounds.high}')
    if start > end:
        raise CronError(f'{where} range "{expr}" starts after it ends')
    if step == 0:
        raise CronError(f'{where} "{expr}" has a step of 0; the step must be a positive number')


def _int_or_name(text: str, bounds: Bounds, expr: str) -> int:
    if bounds.names is not None and text.lower() in bounds.names:
        return bounds.names[text.lower()]
    return _non_negative_int(text, expr)


def _non_negative_int(text: str, expr: str) -> int:
    """mustParseInt: strconv.Atoi, then negative numbers are refused."""
    if not _ATOI.match(text) or len(text) > 20 or abs(int(text)) > _INT64_MAX:
        raise CronError(f'"{text}" in "{expr}" is not a number' + ("" if text else " (empty)"))
    number = int(text)
    if number < 0:
        raise CronError(f'negative number {number} is not allowed in "{expr}"')
    return number


# ---- time.ParseDuration -----------------------------------------------------------

_UNITS = {"ns": 1, "us": 10**3, "µs": 10**3, "μs": 10**3, "ms": 10**6, "s": 10**9, "m": 60 * 10**9,
          "h": 3600 * 10**9}
_COMPONENT = lazyre.compile(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")
_FRACTION_DIGITS = 4000  # further digits change the value by far less than a nanosecond


def go_duration_problem(text: str) -> str:
    """Go time.ParseDuration: "" if `text` is a duration such as 1h30m or 90s, else why not."""
    rest = text
    if rest[:1] in ("+", "-"):
        rest = rest[1:]
    if rest == "0":
        return ""
    if rest == "":
        return f'invalid duration "{text}"'
    total = 0
    pos, end = 0, len(rest)
    while pos < end:  # matched in place: slicing off each component made "0s0s0s..." quadratic
        match = _COMPONENT.match(rest, pos)
        whole, fraction, unit = match.group(1), match.group(2), match.group(3)
        if not whole and not fraction:
            return f'invalid duration "{text}"'
        if unit == "":
            return f'missing unit in duration "{text}"'
        if unit not in _UNITS:
            return f'unknown unit "{unit}" in duration "{text}" (use ns, us, ms, s, m or h)'
        whole = whole.lstrip("0")
        if len(whole) > 19:  # >= 10**19 ns: too long, and int() refuses 4300 digits and more
            return f'invalid duration "{text}" (too long)'
        nanos = int(whole or "0") * _UNITS[unit]
        if fraction:
            fraction = fraction[:_FRACTION_DIGITS]
            nanos += int(fraction) * _UNITS[unit] // 10 ** len(fraction)
        total += nanos
        if total > _INT64_MAX:
            return f'invalid duration "{text}" (too long)'
        pos = match.end()
    return ""


# ---- time zones (time.LoadLocation) ------------------------------------------------

@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    import zoneinfo  # only when a timeZone is checked

    try:
        return frozenset(zoneinfo.available_timezones())
    except Exception:  # no tz database at all
        return frozenset()


def zone_exists(name: str) -> Optional[bool]:
    """Whether the IANA tz database has `name`; None when this system has no tz database."""
    zones = _zones()
    if not zones:
        return None
    return name == "UTC" or name in zones
