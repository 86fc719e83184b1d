"""The GraphQL schema (minimal until the API issue builds it out)."""

import graphene
from django.conf import settings
from wagtail.models import Locale

MAX_LIMIT = 100


class ServiceSummary(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    short_description = graphene.String(required=True)
    locale = graphene.String(required=True)


class Query(graphene.ObjectType):
    services = graphene.List(
        graphene.NonNull(ServiceSummary),
        required=True,
        locale=graphene.String(default_value=settings.LANGUAGE_CODE),
        limit=graphene.Int(default_value=20),
        offset=graphene.Int(default_value=0),
        description="Published public services in a locale.",
    )

    def resolve_services(self, info, locale, limit, offset):
        from graphql import GraphQLError
        from services.models import ServicePage

        if not 1 <= limit <= MAX_LIMIT:
            raise GraphQLError(f"limit must be between 1 and {MAX_LIMIT}.")
        if offset < 0:
            raise GraphQLError("offset must not be negative.")
        try:
            locale_obj = Locale.objects.get(language_code=locale)
        except Locale.DoesNotExist:
            raise GraphQLError(f"Unknown locale {locale!r}.") from None
        pages = (
            ServicePage.objects.live()
            .public()
            .filter(locale=locale_obj)
            .order_by("title")
            .only("id", "title", "slug", "short_description")[offset : offset + limit]
        )
        return [
            ServiceSummary(
                id=p.id,
                title=p.title,
                slug=p.slug,
                short_description=p.short_description,
                locale=locale,
            )
            for p in pages
        ]


schema = graphene.Schema(query=Query)
