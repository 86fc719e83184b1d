"""Who edits the content pages: maintainers write and publish them (their root scope),
translators edit the Swedish and English ones (the translated content indexes are in their
page scope, content/group_scopes.py) and publish nothing; nobody else edits them: not a
municipality's main user or producer, not an expert, not a provider's users. Checked with
Wagtail's page permissions and through the admin's edit and add views."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from content.models import ContentIndexPage, ContentPage

pytestmark = pytest.mark.django_db

NOBODY_ELSE = (
    "helsinki-main",
    "helsinki-producer",
    "espoo-expert",
    "tyovalmennus-main",
    "tyovalmennus-editor",
)


def finnish_page():
    return ContentPage.objects.get(slug="saavutettavuusseloste", locale=Locale.get_default())


def swedish_page():
    return ContentPage.objects.get(slug="tillganglighetsutlatande", locale__language_code="sv")


def edit(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def may_open(response) -> bool:
    return response.status_code == 200


def test_maintainers_write_and_publish_every_content_page(user, login):
    maintainer = user("yllapito-maintainer")
    for page in ContentPage.objects.all():
        permissions = page.permissions_for_user(maintainer)
        assert permissions.can_edit() and permissions.can_publish(), page
    index = ContentIndexPage.objects.get(locale=Locale.get_default())
    assert index.permissions_for_user(maintainer).can_add_subpage()
    client = login("yllapito-maintainer")
    assert may_open(edit(client, finnish_page()))
    add = reverse("wagtailadmin_pages:add", args=["content", "contentpage", index.pk])
    assert may_open(client.get(add))


@pytest.mark.parametrize("username", ["raasepori-translator", "yllapito-translator"])
def test_translators_edit_the_translations_only(user, login, username):
    translator = user(username)
    for index in ContentIndexPage.objects.exclude(locale=Locale.get_default()):
        assert index.permissions_for_user(translator).can_edit(), index.locale
    sv = swedish_page().permissions_for_user(translator)
    assert sv.can_edit() and not sv.can_publish()
    fi = finnish_page().permissions_for_user(translator)
    assert not fi.can_edit() and not fi.can_publish()
    finnish_index = ContentIndexPage.objects.get(locale=Locale.get_default())
    assert not finnish_index.permissions_for_user(translator).can_add_subpage()
    client = login(username)
    assert may_open(edit(client, swedish_page()))
    assert not may_open(edit(client, finnish_page()))


@pytest.mark.parametrize("username", NOBODY_ELSE)
def test_nobody_else_edits_them(user, login, username):
    someone = user(username)
    for page in ContentPage.objects.all():
        permissions = page.permissions_for_user(someone)
        assert not permissions.can_edit() and not permissions.can_publish(), (username, page)
    for index in ContentIndexPage.objects.all():
        assert not index.permissions_for_user(someone).can_add_subpage()
    client = login(username)
    assert not may_open(edit(client, finnish_page()))
    assert not may_open(edit(client, swedish_page()))
