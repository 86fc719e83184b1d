"""GraphQL locale behaviour with Swedish versions that are private, archived
or in review."""

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.gql import gql

pytestmark = pytest.mark.django_db

ONE = """query($id: ID, $slug: String, $locale: LocaleCode, $fallback: Boolean) {
  service(id: $id, slug: $slug, locale: $locale, fallback: $fallback) {
    id title locale isFallback translations { locale id slug }
    serviceCategory { slug name } audiences { slug name }
  }
}"""
LIST = """query($locale: LocaleCode, $fallback: Boolean) {
  services(locale: $locale, fallback: $fallback, limit: 100) { totalCount items { id locale isFallback } }
}"""


def ids(locale, fallback=True):
    return {
        (i["id"], i["locale"])
        for i in gql(LIST, {"locale": locale, "fallback": fallback})["services"]["items"]
    }


def test_baseline(sv_pair):
    fi, sv = sv_pair
    d = gql(ONE, {"id": fi.pk, "locale": "sv"})["service"]
    assert d["id"] == str(sv.pk) and d["isFallback"] is False
    assert {t["locale"] for t in d["translations"]} >= {"fi", "sv"}
    # labels in Swedish
    if fi.service_category_id:
        sv_term = type(fi.service_category).objects.get(
            translation_key=fi.service_category.translation_key, locale=sv.locale
        )
        assert d["serviceCategory"]["name"] == sv_term.name
    by_slug = gql(ONE, {"slug": sv.slug, "locale": "fi"})["service"]
    assert by_slug["id"] == str(fi.pk)
    assert (str(sv.pk), "sv") in ids("sv")


@pytest.mark.parametrize("how", ["private", "archived", "unpublished"])
def test_hidden_swedish_version_falls_back(sv_pair, how):
    fi, sv = sv_pair
    if how == "private":
        PageViewRestriction.objects.create(page=sv, restriction_type="login")
    elif how == "archived":
        sv.archived_at = timezone.now()
        sv.save(update_fields=["archived_at"])
        sv.unpublish()
    else:
        sv.unpublish()
    d = gql(ONE, {"id": fi.pk, "locale": "sv"})["service"]
    assert d["id"] == str(fi.pk) and d["isFallback"] is True and d["locale"] == "fi"
    assert "sv" not in {t["locale"] for t in d["translations"]}
    assert gql(ONE, {"id": fi.pk, "locale": "sv", "fallback": False})["service"] is None
    assert gql(ONE, {"id": sv.pk, "locale": "sv", "fallback": False})["service"] is None
    assert gql(ONE, {"slug": sv.slug, "locale": "sv", "fallback": False})["service"] is None
    listed = ids("sv")
    assert (str(sv.pk), "sv") not in listed and (str(fi.pk), "fi") in listed
    assert (str(sv.pk), "sv") not in ids("sv", False)


def test_private_finnish_source_hides_translation(sv_pair):
    """A service made private in Finnish must not stay public through its Swedish version."""
    fi, sv = sv_pair
    PageViewRestriction.objects.create(page=fi, restriction_type="login")
    assert gql(ONE, {"id": sv.pk, "locale": "sv"})["service"] is None
    assert (str(sv.pk), "sv") not in ids("sv")
