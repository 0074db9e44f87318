"""Columns of numbers and times written as ASCII text → numpy arrays, all at once.

Exactly what `float()` and `datetime.fromisoformat()` give value by value, for the plain forms
that GPX and TCX writers use; any other form gives None, and the caller reads value by value.
A column is a sequence of values already taken out of the XML by a parser (`str` or ASCII `bytes`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Column = Sequence[str] | Sequence[bytes]

_DIGIT_LIMIT = 15  # below 2**53: the digits are an exact integer in a float
_WIDTH = 16
_ZERO, _DOT, _MINUS = ord("0"), ord("."), ord("-")
_POWERS_OF_TEN = np.array([float(10**k) for k in range(_WIDTH)])  # each exact in a float


def _matrix(column: Column, width: int) -> np.ndarray | None:
    """The values as rows of bytes, NUL-padded to the longest; None if one is longer than `width`
    or is not ASCII text."""
    longest = max(map(len, column), default=0)
    if not 0 < longest <= width:
        return None
    try:
        text = np.array(column, dtype=f"S{longest}")
    except UnicodeEncodeError:
        return None  # numpy writes `str` values as ASCII
    return text.view(np.uint8).reshape(len(column), longest)


def decimals(column: Column) -> np.ndarray | None:
    """`-12.345`-style numbers (at most 15 digits), read exactly as `float()` reads them.

    The digits make an integer below 2**53 and the divisor is a power of ten below 10**16, both
    exact in a float; IEEE division rounds their quotient correctly, as `float()` rounds the text.
    """
    chars = _matrix(column, _WIDTH)
    if chars is None:
        return None
    count = len(column)
    integer = np.zeros(count, dtype=np.int64)
    digits = np.zeros(count, dtype=np.int64)
    fraction_digits = np.zeros(count, dtype=np.int64)
    seen_dot = np.zeros(count, dtype=bool)
    ended = np.zeros(count, dtype=bool)
    bad = np.zeros(count, dtype=bool)
    negative = chars[:, 0] == _MINUS
    for at in range(chars.shape[1]):  # column by column, as a person reads left to right
        char = chars[:, at]
        digit = char - np.uint8(_ZERO)  # wraps round for bytes below "0"
        is_digit = digit < 10
        is_dot = char == _DOT
        is_end = char == 0
        allowed = is_digit | is_dot | is_end | (negative if at == 0 else False)
        bad |= ~allowed | (ended & ~is_end) | (seen_dot & is_dot)
        ended |= is_end
        seen_dot |= is_dot
        integer = np.where(is_digit, integer * 10 + digit, integer)
        digits += is_digit
        fraction_digits += is_digit & seen_dot
    if (bad | (digits == 0) | (digits > _DIGIT_LIMIT)).any():
        return None
    values = integer.astype(np.float64) / _POWERS_OF_TEN[fraction_digits]
    return np.where(negative, -values, values)


# `YYYY-MM-DDThh:mm:ss[.f…]Z`: which byte goes where
_TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
_TIME_MARKS = {4: b"-", 7: b"-", 10: b"T", 13: b":", 16: b":"}
_TIME_WIDTH = 27  # 19 + "." + 6 digits + "Z"


def utc_micros(column: Column) -> np.ndarray | None:
    """Microseconds since 1970 of times written `YYYY-MM-DDThh:mm:ss[.ffffff]Z` (1 to 6 decimals),
    as `datetime.fromisoformat` reads them; None if one is in another form or is no real date."""
    chars = _matrix(column, _TIME_WIDTH)
    if chars is None or chars.shape[1] < 20:
        return None
    digits = chars - np.uint8(_ZERO)  # wraps round for bytes below "0"
    if (digits[:, _TIME_DIGITS] > 9).any():
        return None
    for at, mark in _TIME_MARKS.items():
        if (chars[:, at] != mark[0]).any():
            return None
    lengths = np.count_nonzero(chars, axis=1)
    fractional = (lengths >= 22) & (chars[:, 19] == _DOT)
    if not ((lengths == 20) | fractional).all():
        return None
    if (chars[np.arange(len(column)), lengths - 1] != ord("Z")).any():
        return None
    fraction = np.zeros(len(column), dtype=np.int64)
    for at in range(20, min(26, chars.shape[1] - 1)):  # up to 6 decimals, then the Z
        inside = fractional & (at < lengths - 1)
        if (digits[inside, at] > 9).any():
            return None
        fraction += np.where(inside, digits[:, at], 0).astype(np.int64) * 10 ** (25 - at)

    def number(*places: int) -> np.ndarray:
        value = np.zeros(len(column), dtype=np.int64)
        for at in places:
            value = value * 10 + digits[:, at]
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    hour, minute, second = number(11, 12), number(14, 15), number(17, 18)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    month_days = month_days + (leap & (month == 2))
    if (
        (year < 1)
        | (month < 1)
        | (month > 12)
        | (day < 1)
        | (day > month_days)
        | (hour > 23)
        | (minute > 59)
        | (second > 59)
    ).any():
        return None
    days = _days_since_1970(year, month, day)
    return (((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000 + fraction


def _days_since_1970(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Proleptic Gregorian day number, 1970-01-01 = 0 (the usual era-based civil-date formula)."""
    year = year - (month <= 2)
    era = np.floor_divide(year, 400)
    year_of_era = year - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468
