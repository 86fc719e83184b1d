"""Ids that arrive as text: GraphQL arguments, query strings, form fields."""

import re

ID_PATTERN = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """A database id: ASCII digits that fit a 64-bit integer, else None (`str.isdigit`
    also accepts "²" and other Unicode digits, which `int` then refuses, and SQLite
    overflows on more than 19 digits)."""
    text = str(value) if value is not None else ""
    return int(text) if ID_PATTERN.fullmatch(text) else None
