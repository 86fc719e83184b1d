"""The API core (cms/api/): a page type takes a few lines on it, request state travels in
`Localised` wrappers and the request's context (never on model instances), and what
depends on the locale follows the locale each field was asked in."""

import ast
from pathlib import Path

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import Locale

from cms.api.context import node_resolver
from cms.api.pages import (
    LocaleCode,
    check_paging,
    localised_page_fields,
    page_by_id_or_slug,
    paginate,
    paging_arguments,
    public_pages,
    results_type,
)
from cms.models import Organisation
from services.models import Contact, ContactVisibility, ServicePage
from tests.api.gql import gql, token_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


# --- A page type in a few lines (the example of docs/architecture.md, on ServicePage) ------------
class HelpPage(localised_page_fields("page"), graphene.ObjectType):
    """A help page, in the requested locale (or Finnish, see `isFallback`)."""

    class Meta:
        default_resolver = node_resolver

    short_description = graphene.String(required=True)


class HelpQuery(graphene.ObjectType):
    help_pages = graphene.Field(
        results_type("HelpPages", HelpPage),
        required=True,
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
        **paging_arguments(),
    )
    help_page = graphene.Field(
        HelpPage,
        id=graphene.ID(),
        slug=graphene.String(),
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
    )

    def resolve_help_pages(root, info, locale, fallback, limit, offset):
        check_paging(limit, offset)
        pages = public_pages(info, ServicePage, locale, fallback).order_by("title", "pk")
        return paginate(pages.select_related("locale"), locale, limit, offset, pages.count())

    def resolve_help_page(root, info, locale, fallback, id=None, slug=None):
        return page_by_id_or_slug(info, ServicePage, locale, id=id, slug=slug, fallback=fallback)


help_schema = graphene.Schema(query=HelpQuery)


def run(query, variables=None):
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    result = help_schema.execute(query, variable_values=variables, context_value=request)
    assert not result.errors, result.errors
    return result.data


def test_a_page_type_on_the_core_gets_locales_fallback_lookup_and_paging(sv_pair):
    fi, sv = sv_pair
    finnish_only = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="helsinki")
        .order_by("pk")
        .first()
    )
    one = "query($id: ID, $slug: String, $locale: LocaleCode) { helpPage(id: $id, slug: $slug, locale: $locale) { id title locale isFallback } }"
    assert run(one, {"id": str(fi.pk), "locale": "sv"})["helpPage"] == {
        "id": str(sv.pk),
        "title": sv.title,
        "locale": "sv",
        "isFallback": False,
    }
    assert run(one, {"slug": finnish_only.slug, "locale": "en"})["helpPage"] == {
        "id": str(finnish_only.pk),
        "title": finnish_only.title,
        "locale": "fi",
        "isFallback": True,
    }
    listing = "query($locale: LocaleCode, $fallback: Boolean) { helpPages(locale: $locale, fallback: $fallback, limit: 5) { totalCount limit offset items { locale isFallback } } }"
    swedish_only = run(listing, {"locale": "sv", "fallback": False})["helpPages"]
    assert (
        swedish_only["totalCount"]
        == ServicePage.objects.live().filter(locale__language_code="sv").count()
    )
    assert {(i["locale"], i["isFallback"]) for i in swedish_only["items"]} == {("sv", False)}
    with_fallback = run(listing, {"locale": "sv"})["helpPages"]
    assert (
        with_fallback["totalCount"]
        == ServicePage.objects.live().filter(locale__language_code="fi").count()
    )


def test_the_core_refuses_a_page_out_of_bounds(services):
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    result = help_schema.execute("{ helpPages(limit: 101) { totalCount } }", context_value=request)
    assert result.errors[0].message == "limit must be between 1 and 100."


# --- Locale-dependent fields follow the locale of their own field --------------------------------
def test_organisation_names_follow_the_locale_each_list_was_asked_in(services):
    helsinki = Organisation.objects.get(slug="helsinki")
    helsinki.name_sv = "Helsingfors"
    helsinki.save(update_fields=["name_sv"])
    sv = Locale.objects.get(language_code="sv")
    Contact.objects.create(
        name="Kontakt",
        organisation=helsinki,
        visibility=ContactVisibility.PUBLIC,
        locale=sv,
    )
    data = gql(
        """{
          sv: contacts(locale: sv, organisation: "helsinki") { organisation { name } }
          fi: organisations(locale: fi, kind: "municipality") { slug name }
          listed: services(locale: sv, fallback: true, limit: 1,
                       filter: {responsibleMunicipalities: ["helsinki"]}) {
            items { responsibleMunicipality { name } }
          }
        }"""
    )
    assert {c["organisation"]["name"] for c in data["sv"]} == {"Helsingfors"}
    assert {"slug": "helsinki", "name": "Helsinki"} in data["fi"]
    assert data["listed"]["items"][0]["responsibleMunicipality"]["name"] == "Helsingfors"


def test_a_sent_change_request_names_its_service(services):
    page = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()
    sent = gql(
        'mutation($id: ID!) { sendChangeRequest(serviceId: $id, message: "Muuttunut.") '
        "{ service { id title } } }",
        {"id": str(page.pk)},
        token=token_for("helsinki-expert"),
    )
    assert sent["sendChangeRequest"]["service"] == {"id": str(page.pk), "title": page.title}


# --- No request state on model instances ------------------------------------------------------
API_PACKAGES = ("cms/api", "services/api", "policies/api")


def test_the_api_writes_no_request_state_onto_model_instances():
    """Only the request carries the API's cache (`_api_cache`, cms/api/context.py); nothing
    in the API layer assigns an `_api_*` attribute or uses setattr."""
    found = []
    for package in API_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and node.attr.startswith("_api_")
                    and node.attr != "_api_cache"
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} setattr")
    assert not found, found
