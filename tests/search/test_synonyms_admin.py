"""The admin's synonym sets: maintainers only, and the form's validation."""

import pytest
from django.test import Client
from django.urls import reverse

from search.models import SynonymSet

pytestmark = pytest.mark.django_db

MAINTAINER = "yllapito-maintainer"
OTHERS = ("helsinki-producer", "helsinki-expert", "tyovalmennus-editor", "yllapito-translator")


def client_for(user, username):
    client = Client()
    client.force_login(user(username))
    return client


def form(fi="", sv="", en=""):
    return {"fi": fi, "sv": sv, "en": en}


def test_a_maintainer_lists_searches_creates_edits_and_deletes(user):
    SynonymSet.objects.all().delete()  # the seed has these terms
    client = client_for(user, MAINTAINER)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("synonyms:index") in home  # the Settings menu item

    response = client.post(
        reverse("synonyms:add"),
        form(fi="työkokeilu\n\n  kokeilujakso  ", sv="arbetsprövning", en="work trial"),
    )
    assert response.status_code == 302
    created = SynonymSet.objects.get(sv="arbetsprövning")
    assert created.fi == "työkokeilu\nkokeilujakso"  # stripped, blank lines dropped

    listing = client.get(reverse("synonyms:index")).content.decode()
    assert "kokeilujakso" in listing
    found = client.get(reverse("synonyms:index") + "?q=arbetspr")
    assert created in found.context["object_list"]
    assert client.get(reverse("synonyms:index") + "?q=zzzz").context["object_list"].count() == 0

    response = client.post(
        reverse("synonyms:edit", args=[created.pk]),
        form(fi="työkokeilu", sv="arbetsprövning\narbetsträning", en="work trial"),
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.sv == "arbetsprövning\narbetsträning"

    client.post(reverse("synonyms:delete", args=[created.pk]))
    assert not SynonymSet.objects.filter(pk=created.pk).exists()


def denied(response) -> bool:
    """Wagtail's permission denial: 403, or (for a page load) a redirect to the dashboard
    with "Sorry, you do not have permission to access this area"."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home")
    return response.status_code == 403


@pytest.mark.parametrize("username", OTHERS)
def test_other_roles_get_no_menu_item_and_403(user, username):
    synonym_set = SynonymSet.objects.order_by("pk").first()  # the demo world's seed
    client = client_for(user, username)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("synonyms:index") not in home
    assert denied(client.get(reverse("synonyms:index")))
    assert denied(client.get(reverse("synonyms:add")))
    assert denied(client.get(reverse("synonyms:edit", args=[synonym_set.pk])))
    before = SynonymSet.objects.count()
    client.post(reverse("synonyms:add"), form(fi="uusi termi", sv="ny term"))
    client.post(reverse("synonyms:delete", args=[synonym_set.pk]))
    assert SynonymSet.objects.count() == before


def errors_of(client, data, pk=None):
    url = reverse("synonyms:edit", args=[pk]) if pk else reverse("synonyms:add")
    response = client.post(url, data)
    assert response.status_code == 200, "the form should have been refused"
    form = response.context["form"]
    return {field: " ".join(errors) for field, errors in form.errors.items()}


def test_a_set_needs_two_terms(user):
    client = client_for(user, MAINTAINER)
    errors = errors_of(client, form(fi="ainutlaatuinen termi"))
    assert "at least two terms" in errors["__all__"]
    # Two terms in different languages are enough.
    response = client.post(reverse("synonyms:add"), form(fi="ainutlaatuinen", en="unique"))
    assert response.status_code == 302


def test_a_term_is_at_most_100_characters(user):
    client = client_for(user, MAINTAINER)
    errors = errors_of(client, form(fi="lyhyt\n" + "pitkä " * 20, sv="kort"))
    assert "longer than 100 characters" in errors["fi"]


def test_one_term_per_line_and_no_term_twice(user):
    client = client_for(user, MAINTAINER)
    errors = errors_of(client, form(fi="kissa, koira", sv="katt\nKatt"))
    assert "one term per line" in errors["fi"]
    assert "listed twice" in errors["sv"]


def test_a_term_only_of_common_words_is_refused(user):
    client = client_for(user, MAINTAINER)
    errors = errors_of(client, form(fi="ja tai", sv="utan arbete\narbetslös"))
    assert "only common words" in errors["fi"]
    assert "searched as “arbete” alone" in errors["sv"]


def test_a_term_of_another_set_in_the_same_language_names_that_set(user):
    SynonymSet.objects.all().delete()
    client = client_for(user, MAINTAINER)
    other = SynonymSet.objects.create(fi="Ansioluettelo\ncv", sv="meritförteckning")
    errors = errors_of(client, form(fi="ansioluettelo", sv="levnadsbeskrivning"))
    assert "“ansioluettelo” is already in the synonym set “Ansioluettelo”" in errors["fi"]
    # The same word in another language is no duplicate, and a set may keep its own terms.
    assert (
        client.post(reverse("synonyms:add"), form(sv="cv", en="curriculum vitae")).status_code
        == 302
    )
    response = client.post(
        reverse("synonyms:edit", args=[other.pk]), form(fi="ansioluettelo\ncv", sv="cv-mall")
    )
    assert response.status_code == 302
