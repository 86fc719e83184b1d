"""Validators shared by the apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ASCII digits only, and the whole value: `\d` also matches other scripts' digits and `$`
# also matches before a trailing newline.
BUSINESS_ID_RE = re.compile(r"([0-9]{7})-([0-9])")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """Return the check digit of a Finnish business ID (Y-tunnus) body, or None.

    None means the seven digits cannot form a valid ID (remainder 1).
    """
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    match = BUSINESS_ID_RE.fullmatch(value or "")
    if not match:
        raise ValidationError(
            _("Enter a Finnish business ID in the form 1234567-8."), code="format"
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="check_digit",
            params={"value": value},
        )
