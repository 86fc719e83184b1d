"""The content pages' enums: lower-case like the stored values (the API contract)."""

import graphene

from ..models import ContentKind

ContentKindEnum = graphene.Enum(
    "ContentKind",
    [(value, value) for value in ContentKind.values],
    description="help, news, bulletin, privacy (a partner's privacy notice), accessibility "
    "(the accessibility statement) or about.",
)


class ContentOrder(graphene.Enum):
    """kind: by kind (help, news, bulletin, about, accessibility, privacy), then title, the
    order of a menu or footer; newest: by date, newest first, for news and bulletins."""

    KIND = "kind"
    NEWEST = "newest"
