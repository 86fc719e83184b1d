"""The content pages' models and demo: the index in every locale, the rules of a privacy
notice (a partner's, one per partner and language), the synchronised facts of a translation,
and the demo pages (every partner's notice, translated texts, idempotent)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page

from cms.models import Organisation
from content.demo import build_content_demo
from content.models import ContentIndexPage, ContentPage
from content.setup import ensure_content_index
from services.demo.builder import DemoReport, demo_anchor
from translations.localize import translate

pytestmark = pytest.mark.django_db

PARTNERS = {"helsinki", "espoo", "vantaa", "kerava", "raasepori"}


def new_page(**fields):
    index = ensure_content_index()
    fields.setdefault("title", "Sivu")
    fields.setdefault("kind", "help")
    return ContentPage(locale=index.locale, **fields), index


def test_the_index_in_every_locale_next_to_the_catalogue():
    first = ensure_content_index()
    assert ensure_content_index().pk == first.pk  # idempotent
    indexes = ContentIndexPage.objects.all()
    assert {p.locale.language_code for p in indexes} == {"fi", "sv", "en"}
    assert {p.translation_key for p in indexes} == {first.translation_key}
    root = Page.get_first_root_node()
    assert all(p.live and p.get_parent().pk == root.pk for p in indexes)
    assert indexes.get(locale__language_code="sv").title == "Innehållssidor"


def test_a_privacy_notice_names_its_partner():
    page, _index = new_page(kind="privacy")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "organisation" in error.value.error_dict
    page, _index = new_page(kind="help", organisation=Organisation.objects.get(slug="espoo"))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "organisation" in error.value.error_dict


def test_one_privacy_notice_per_partner_and_language():
    espoo = Organisation.objects.get(slug="espoo")
    page, index = new_page(kind="privacy", organisation=espoo, slug="toinen-espoo")
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "organisation" in error.value.error_dict
    # Without a notice in the language, the partner may have one.
    for notice in ContentPage.objects.filter(organisation=espoo):
        notice.delete()
    index.add_child(instance=new_page(kind="privacy", organisation=espoo, slug="uusi")[0])


def test_only_partners_and_the_maintainer_are_offered():
    form = ContentPage.get_edit_handler().get_form_class()()
    offered = set(form.fields["organisation"].queryset.values_list("kind", flat=True))
    assert offered == {"municipality", "maintainer"}


def test_a_translation_keeps_the_facts_of_its_source():
    vantaa = Organisation.objects.get(slug="vantaa")
    source = ContentPage.objects.get(organisation=vantaa, locale=Locale.get_default())
    source.date = source.date.replace(year=source.date.year - 1)
    source.show_in_menus = True
    source.save_revision().publish()
    en = translate(source, Locale.objects.get(language_code="en"), {}, publish=False)
    assert en.kind == "privacy" and en.organisation == vantaa
    assert en.date == source.date and en.show_in_menus and en.show_in_footer
    en.full_clean()  # its translation key is the source's: not a second notice


def test_the_demo_pages():
    fi = ContentPage.objects.filter(locale=Locale.get_default())
    notices = fi.filter(kind="privacy")
    assert {page.organisation.slug for page in notices} == PARTNERS
    sv_notices = ContentPage.objects.filter(kind="privacy", locale__language_code="sv")
    assert {page.organisation.slug for page in sv_notices} == PARTNERS
    assert {page.kind for page in fi} == {
        "help",
        "news",
        "bulletin",
        "privacy",
        "accessibility",
        "about",
    }
    assert all(page.live for page in ContentPage.objects.all())
    # Every text of a translation is translated (no Finnish segment left behind).
    for page in ContentPage.objects.exclude(locale=Locale.get_default()):
        source = fi.get(translation_key=page.translation_key)
        assert page.title != source.title and page.summary != source.summary
        for mine, theirs in zip(page.body, source.body, strict=True):
            assert str(mine.value) != str(theirs.value), (page, mine.block_type)


def test_the_demo_is_idempotent():
    class Builder:
        report = DemoReport()
        anchor = demo_anchor()

    before = ContentPage.objects.count()
    build_content_demo(Builder)
    assert ContentPage.objects.count() == before
    assert not Builder.report.created
