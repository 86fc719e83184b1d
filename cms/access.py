"""Who may read internal information: the one rule, one name.

`may_read_internal(user)` is THE predicate for "may this user see the internal
instructions, internal attachments and other internal information". Every check,
in the admin (service card, editor panels, translation screens), in templates and
in the GraphQL API, calls it; nothing else spells the rule.

Who has it is declared in `cms/roles.py`: every role whose `model_permissions`
include `VIEW_INTERNAL` (today maintainers, municipality main users, municipal
content producers, municipal experts and translators; never provider roles),
plus superusers. Inactive and anonymous users never have it.
"""

from .roles import VIEW_INTERNAL


def may_read_internal(user) -> bool:
    """True when `user` may read internal information (see the module docstring)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    return user.is_superuser or user.has_perm(VIEW_INTERNAL)
