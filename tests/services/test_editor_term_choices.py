"""The service editor offers taxonomy terms in the source language only (issue 17).

Each term exists once per locale; the checkboxes list the Finnish terms once each,
sorted the Finnish way, and a forged post with a Swedish term's id is refused.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from services.models import ServicePage, TargetGroup
from services.term_choices import collation_key
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

TERM_FIELDS = (
    "service_category",
    "audiences",
    "client_situations",
    "target_groups",
    "employment_statuses",
    "participating_municipalities",
    "implementation_types",
    "accessibility",
)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def offered(field):
    """(value, label) of a choice field, in the order shown."""
    return [(int(str(value)), label) for value, label in field.choices if value != ""]


def form_for(page, user):
    form_class = ServicePage.get_edit_handler().get_form_class()
    return form_class(instance=page, for_user=user, parent_page=page.get_parent())


def test_finnish_terms_only_sorted_the_finnish_way(login, services):
    page = services("helsinki")
    client = login(f"{page.provider.slug}-editor")
    response = client.get(edit_url(page), HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    form = response.context["form"]
    finnish = Locale.objects.get(language_code="fi")
    for name in TERM_FIELDS:
        field = form.fields[name]
        choices = offered(field)
        model = field.queryset.model
        source_pks = set(model.objects.filter(locale=finnish).values_list("pk", flat=True))
        assert choices, name
        assert {pk for pk, _ in choices} == source_pks, name
        labels = [label for _, label in choices]
        assert labels == sorted(labels, key=collation_key), name
    # The Swedish and English labels of a term are not offered beside the Finnish one.
    html = response.content.decode()
    term = TargetGroup.objects.filter(locale=finnish).order_by("pk").first()
    swedish = term.get_translation(Locale.objects.get(language_code="sv"))
    assert f">{term.name}<" in html.replace("\n", "").replace("  ", "") or term.name in html
    assert swedish.name not in html


def test_inline_language_choices_are_finnish_too(login, services):
    page = services("helsinki")
    client = login(f"{page.provider.slug}-editor")
    form = client.get(edit_url(page)).context["form"]
    finnish = Locale.objects.get(language_code="fi")
    formset = form.formsets["languages"]
    for inline in [*formset.forms, formset.empty_form]:
        for name in ("language", "level"):
            queryset = inline.fields[name].queryset
            assert queryset.exists()
            assert not queryset.exclude(locale=finnish).exists()


def test_collation_puts_nordic_letters_after_z():
    words = ["Öljy", "ääni", "Zeta", "åker", "avoin", "Ostos", "été"]
    assert sorted(words, key=collation_key) == [
        "avoin",
        "été",
        "Ostos",
        "Zeta",
        "åker",
        "ääni",
        "Öljy",
    ]
    assert sorted(["Ö", "Z", "O"], key=lambda w: collation_key(w, "en")) == ["O", "Ö", "Z"]


def test_new_terms_sort_by_label_not_by_insertion(login, services):
    finnish = Locale.objects.get(language_code="fi")
    for slug, name in (("zz-ohjaus", "Äidinkielen tuki"), ("aa-ohjaus", "Öiset vuorot")):
        TargetGroup.objects.create(slug=slug, name=name, locale=finnish, sort_order=0)
    page = services("espoo")
    client = login(f"{page.provider.slug}-editor")
    labels = [
        label
        for _, label in offered(client.get(edit_url(page)).context["form"].fields["target_groups"])
    ]
    assert labels[-2:] == ["Äidinkielen tuki", "Öiset vuorot"]


def test_forged_swedish_term_is_refused(login, services):
    page = services("helsinki")
    client = login(f"{page.provider.slug}-editor")
    finnish_term = TargetGroup.objects.filter(locale__language_code="fi").order_by("pk").first()
    swedish_term = finnish_term.get_translation(Locale.objects.get(language_code="sv"))
    before_revisions = page.revisions.count()
    before_terms = set(page.target_groups.values_list("pk", flat=True))
    data = service_form_data(page, target_groups=[str(swedish_term.pk)])
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "target_groups" in response.context["form"].errors
    page.refresh_from_db()
    assert page.revisions.count() == before_revisions
    assert set(page.target_groups.values_list("pk", flat=True)) == before_terms
    # The same concept by its Finnish id is accepted.
    data = service_form_data(page, target_groups=[str(finnish_term.pk)])
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    draft = ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [term.pk for term in draft.target_groups.all()] == [finnish_term.pk]


def test_swedish_page_form_labels_swedish_values_finnish(sv_pair, user):
    fi_page, sv_page = sv_pair
    form = form_for(sv_page, user("raasepori-producer"))
    finnish = Locale.objects.get(language_code="fi")
    swedish = Locale.objects.get(language_code="sv")
    choices = offered(form.fields["target_groups"])
    by_pk = {t.pk: t for t in TargetGroup.objects.filter(locale=finnish)}
    assert {pk for pk, _ in choices} == set(by_pk)
    for pk, label in choices:
        assert label == by_pk[pk].get_translation(swedish).name
    labels = [label for _, label in choices]
    assert labels == sorted(labels, key=lambda w: collation_key(w, "sv"))


def test_translation_points_at_the_same_concepts(sv_pair):
    fi_page, sv_page = sv_pair
    for name in ("target_groups", "audiences", "implementation_types", "accessibility"):
        fi_terms = set(getattr(fi_page, name).values_list("pk", flat=True))
        sv_terms = set(getattr(sv_page, name).values_list("pk", flat=True))
        assert fi_terms == sv_terms, name
    assert sv_page.service_category_id == fi_page.service_category_id


def test_relation_stored_to_another_locale_is_shown_as_its_source_term(services, user):
    page = services("vantaa")
    finnish_term = TargetGroup.objects.filter(locale__language_code="fi").order_by("pk").last()
    swedish_term = finnish_term.get_translation(Locale.objects.get(language_code="sv"))
    page.target_groups.set([swedish_term])
    form = form_for(page, user(f"{page.provider.slug}-editor"))
    assert list(form.initial["target_groups"]) == [finnish_term.pk]


def test_place_accessibility_chooser_offers_source_terms_only():
    from services.blocks import LocationBlock
    from services.models import LocationAccessibility

    block = LocationBlock().child_blocks["accessibility"].child_block
    assert "locale=fi" in block.widget.get_chooser_modal_url()
    finnish = LocationAccessibility.objects.filter(locale__language_code="fi").first()
    swedish = finnish.get_translation(Locale.objects.get(language_code="sv"))
    assert block.clean(finnish.pk) == finnish
    with pytest.raises(Exception, match="valid choice|kelvollinen|giltigt"):
        block.clean(swedish.pk)
