"""Wagtail's REST API v2 serving the same service fields as the GraphQL queries, for
the API benchmark only (tests/benchmarks/urls.py).

The fields are declared on the endpoint (`ServicesAPIViewSet.api_fields`), not on
ServicePage: a model's `api_fields` would be served by any API v2 router, and API v2
bypasses the GraphQL API's internal-information guard. Related objects get small
serializers with the same shape as the GraphQL types (terms and organisations as
{slug, name}, rich text expanded); apart from that the endpoint is stock API v2: no
prefetching, stream fields through `get_api_representation`.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.rich_text import expand_db_html

from services.models import ServicePage


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name", default=None)


class ServiceLanguageSerializer(serializers.Serializer):
    language = TermSerializer()
    level = TermSerializer(allow_null=True)


class RelatedServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="service.pk")
    slug = serializers.CharField(source="service.slug")
    title = serializers.CharField(source="service.title")
    short_description = serializers.CharField(source="service.short_description")


class RichText(serializers.Field):
    """Rich text with internal links and embeds expanded, as the GraphQL API serves it."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


class Translations(serializers.Field):
    """The live translations of the page: [{locale, id, slug}]."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return [
            {"locale": code, "id": pk, "slug": slug}
            for code, pk, slug in page.get_translations(inclusive=True)
            .live()
            .order_by("locale__language_code")
            .values_list("locale__language_code", "pk", "slug")
        ]


class UserName(serializers.Field):
    def to_representation(self, user):
        return user.get_full_name() or user.username


def terms():
    return TermSerializer(many=True)


API_FIELDS = [
    APIField("short_description"),
    APIField("service_category", serializer=TermSerializer()),
    APIField("audiences", serializer=terms()),
    APIField("client_situations", serializer=terms()),
    APIField("target_groups", serializer=terms()),
    APIField("target_group_description", serializer=RichText()),
    APIField("employment_statuses", serializer=terms()),
    APIField("all_working_age"),
    APIField("age_min"),
    APIField("age_max"),
    APIField("participating_municipalities", serializer=terms()),
    APIField("residence_irrelevant"),
    APIField("implementation_types", serializer=terms()),
    APIField("implementation_text"),
    APIField("time_and_place"),
    APIField("description"),
    APIField("participation", serializer=RichText()),
    APIField("requirements", serializer=RichText()),
    APIField("benefits", serializer=RichText()),
    APIField("is_free"),
    APIField("price"),
    APIField("price_description"),
    APIField("accessibility", serializer=terms()),
    APIField("languages", serializer=ServiceLanguageSerializer(many=True)),
    APIField("public_contacts", serializer=ContactSerializer(many=True)),
    APIField("resources"),
    APIField("provider", serializer=OrganisationSerializer()),
    APIField("responsible_municipality", serializer=OrganisationSerializer()),
    APIField("lifecycle"),  # ServicePage.lifecycle: a query per page for the workflow state
    APIField("last_published_at"),
    APIField("verified_at"),
    APIField("translations", serializer=Translations()),
    APIField("related_services", serializer=RelatedServiceSerializer(many=True)),
    # Internal information: what staff-detail.graphql reads. Served to anyone here.
    APIField("internal"),
    APIField("provider_updater", serializer=UserName()),
    APIField("municipal_responsible", serializer=UserName()),
]


class ServicesAPIViewSet(PagesAPIViewSet):
    """/api/v2/services/: live ServicePages with API_FIELDS."""

    model = ServicePage
    name = "services"
    api_fields = API_FIELDS

    @classmethod
    def get_body_fields(cls, model):
        extra = cls.api_fields if issubclass(model, ServicePage) else []
        return cls._convert_api_fields(cls.body_fields + list(extra))


# Field selections for the benchmark cases (the `fields` query parameter; "_" drops
# API v2's default fields, so only these are serialised).
LISTING_FIELDS = (
    "_,id,title,slug,locale,short_description,service_category,audiences,"
    "implementation_types,is_free,provider,responsible_municipality,lifecycle,last_published_at"
)
CUSTOMER_DETAIL_FIELDS = (
    "_,id,title,slug,locale,first_published_at,translations,short_description,"
    "service_category,audiences,client_situations,target_groups,target_group_description,"
    "employment_statuses,all_working_age,age_min,age_max,participating_municipalities,"
    "residence_irrelevant,implementation_types,implementation_text,time_and_place,"
    "description,participation,requirements,benefits,is_free,price,price_description,"
    "accessibility,languages,public_contacts,resources,provider,responsible_municipality,"
    "lifecycle,last_published_at,verified_at,related_services"
)
STAFF_DETAIL_FIELDS = (
    "_,id,title,short_description,lifecycle,verified_at,provider,responsible_municipality,"
    "internal,provider_updater,municipal_responsible"
)
SEARCH_FIELDS = "_,id,slug,title,short_description,provider"
