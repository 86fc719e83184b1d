"""Concurrent edits (cms/edit_conflicts.py, docs/operations.md "Concurrent edits"): a page
form opened from an older revision is refused with who saved in between, when, and which
fields changed; the input stays in the form, both revisions are kept, and the editor's own
autosave never counts as someone else's save."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision

from cms.edit_conflicts import ConflictCheckingPageForm
from services.models import ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

LOADED = re.compile(r'name="loaded_revision_id" value="(\d+)"')
LOADED_AT = re.compile(r'name="loaded_revision_created_at" value="([^"]+)"')


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def opened(client, page, **headers):
    """Open the editor: the starting revision its form posts back."""
    html = client.get(edit_url(page), **headers).content.decode()
    return {
        "loaded_revision_id": LOADED.search(html).group(1),
        "loaded_revision_created_at": LOADED_AT.search(html).group(1),
    }


def fresh(page):
    return ServicePage.objects.get(pk=page.pk)


def save(client, page, start, headers=None, **changes):
    data = service_form_data(fresh(page), **changes) | start
    return client.post(edit_url(page), data, **(headers or {}))


@pytest.fixture
def page(services, user):
    """A Helsinki service with a first revision saved through the form (its stream fields as
    the form sends them), and its two producers."""
    page = services("helsinki")
    anna = Client()
    anna.force_login(user("helsinki-producer"))
    response = save(anna, page, opened(anna, page))
    assert response.status_code == 302
    return fresh(page)


@pytest.fixture
def anna(user):
    client = Client()
    client.force_login(user("helsinki-producer"))
    return client


@pytest.fixture
def bertil(user):
    client = Client()
    client.force_login(user("helsinki-producer2"))
    return client


def form_errors(response):
    return " ".join(response.context["form"].non_field_errors())


def test_the_second_save_from_the_same_revision_is_refused_naming_who_when_and_what(
    page, anna, bertil, user
):
    start = opened(anna, page)
    assert opened(bertil, page) == start
    revisions = Revision.objects.for_instance(page).count()

    assert save(bertil, page, start, short_description="Bertil's description.").status_code == 302
    response = save(anna, page, start, title="Anna's new title")

    assert response.status_code == 200, "refused, shown again"
    error = form_errors(response)
    who = user("helsinki-producer2")
    assert (who.get_full_name() or who.username) in error
    assert "Short description" in error
    assert "Title" not in error, "only what changed in between is listed"
    assert re.search(r"\d{4}", error), "when"
    assert "Compare the versions" in error and "Open the newest version" in error
    # Nothing of Anna's was saved; Bertil's revision is the latest.
    latest = fresh(page).get_latest_revision_as_object()
    assert latest.short_description == "Bertil's description."
    assert latest.title == page.title
    assert Revision.objects.for_instance(page).count() == revisions + 1
    # Anna's input is still in the form, and it now starts from Bertil's revision.
    html = response.content.decode()
    assert 'value="Anna&#x27;s new title"' in html or 'value="Anna\'s new title"' in html
    assert LOADED.search(html).group(1) == str(fresh(page).latest_revision_id)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[page.pk, start["loaded_revision_id"], fresh(page).latest_revision_id],
    )
    assert compare in html
    assert anna.get(compare).status_code == 200

    # Saving again is deliberate: Anna's version becomes the newest, both are in the history.
    assert save(anna, page, opened_from(html), title="Anna's new title").status_code == 302
    history = Revision.objects.for_instance(page).order_by("created_at", "pk")
    assert history.count() == revisions + 2
    assert [r.as_object().title for r in history][-2:] == [page.title, "Anna's new title"]


def opened_from(html):
    return {
        "loaded_revision_id": LOADED.search(html).group(1),
        "loaded_revision_created_at": LOADED_AT.search(html).group(1),
    }


def test_a_save_in_between_that_changed_nothing_in_the_form_does_not_block(page, anna, bertil):
    start = opened(anna, page)
    assert save(bertil, page, start).status_code == 302  # a new revision, the same content
    assert save(anna, page, start, title="Anna's title").status_code == 302
    assert fresh(page).get_latest_revision_as_object().title == "Anna's title"


@pytest.mark.parametrize("forged", ["abc", "999999999", "other-page"])
def test_a_forged_or_foreign_starting_revision_is_refused(page, anna, services, forged):
    start = opened(anna, page)
    if forged == "other-page":
        other = services("espoo")
        other.save_revision()
        forged = str(other.get_latest_revision().pk)
    before = Revision.objects.for_instance(page).count()
    response = save(anna, page, start | {"loaded_revision_id": forged}, title="Forged")
    assert response.status_code == 200
    assert "does not say which version" in form_errors(response)
    assert Revision.objects.for_instance(page).count() == before


def test_another_window_of_the_same_user_is_a_conflict_too(page, anna):
    first_window, second_window = opened(anna, page), opened(anna, page)
    assert save(anna, page, second_window, short_description="From window two.").status_code == 302
    response = save(anna, page, first_window, title="From window one")
    assert response.status_code == 200
    assert "Short description" in form_errors(response)


def test_the_editor_s_own_autosave_does_not_block_its_save(page, anna, bertil):
    start = opened(anna, page)
    autosave = anna.post(
        edit_url(page),
        service_form_data(fresh(page), short_description="Typing…") | start,
        HTTP_ACCEPT="application/json",
    )
    body = autosave.json()
    assert body["success"], body
    own = str(body["revision_id"])
    # The autosave moved the form's starting point to its own revision (the browser applies
    # field_updates to the form's inputs).
    updates = body["field_updates"]
    assert updates["loaded_revision_id"] == own
    after_autosave = {
        "loaded_revision_id": own,
        "loaded_revision_created_at": updates["loaded_revision_created_at"],
    }
    # The next autosave overwrites that revision in place; then the save.
    again = anna.post(
        edit_url(page),
        service_form_data(fresh(page), short_description="Typing more…")
        | after_autosave
        | {"overwrite_revision_id": own},
        HTTP_ACCEPT="application/json",
    ).json()
    assert again["success"] and str(again["revision_id"]) == own
    response = save(
        anna,
        page,
        {**after_autosave, **again["field_updates"]} | {"overwrite_revision_id": own},
        short_description="Done.",
    )
    assert response.status_code == 302
    # Someone else's autosave after that is a conflict for Anna's next save of the old form.
    start = opened(anna, page)
    bertil_autosave = bertil.post(
        edit_url(page),
        service_form_data(fresh(page), short_description="Bertil typing") | opened(bertil, page),
        HTTP_ACCEPT="application/json",
    ).json()
    assert bertil_autosave["success"]
    response = save(anna, page, start, short_description="Anna again")
    assert response.status_code == 200 and "Short description" in form_errors(response)


def test_a_form_without_the_starting_revision_is_not_checked(page, anna, bertil):
    # Old clients and scripts: as before (Wagtail's own behaviour).
    assert save(bertil, page, opened(bertil, page), title="Bertil").status_code == 302
    assert save(anna, page, {}, title="Anna").status_code == 302


def test_submitting_for_review_from_a_stale_form_is_refused_and_from_a_fresh_one_works(
    page, anna, bertil
):
    start = opened(anna, page)
    assert save(bertil, page, start, short_description="Bertil's.").status_code == 302
    stale = save(anna, page, start, title="Anna's", **{"action-submit": "submit"})
    assert stale.status_code == 200 and "Short description" in form_errors(stale)
    assert fresh(page).workflow_in_progress is False
    ok = save(anna, page, opened(anna, page), **{"action-submit": "submit"})
    assert ok.status_code == 302
    assert fresh(page).workflow_in_progress


def test_the_message_is_in_the_editor_s_language(page, anna, bertil):
    start = opened(anna, page)
    assert save(bertil, page, start, short_description="Bertil.").status_code == 302
    finnish = save(anna, page, start, headers={"HTTP_ACCEPT_LANGUAGE": "fi"}, title="Anna")
    assert "Lyhyt kuvaus" in form_errors(finnish)
    assert "tallensi" in form_errors(finnish)
    swedish = save(anna, page, start, headers={"HTTP_ACCEPT_LANGUAGE": "sv"}, title="Anna")
    assert "sparade" in form_errors(swedish)


def test_every_page_type_has_the_check():
    from content.models import ContentPage
    from policies.models import PolicyPage
    from services.models.pages import ServicePageForm

    assert issubclass(ServicePageForm, ConflictCheckingPageForm)
    for model in (Page, ContentPage, PolicyPage):
        assert issubclass(model.get_edit_handler().get_form_class(), ConflictCheckingPageForm)


# --- the check and the save are one step ----------------------------------------------------
def test_a_page_edit_post_runs_in_one_transaction_and_locks_the_page(page, anna, rf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.edit_conflicts import _is_page_edit

    start = opened(anna, page)
    with CaptureQueriesContext(connection) as queries:
        response = save(anna, page, start, title="Lukittu tallennus")
    assert response.status_code == 302
    if connection.features.has_select_for_update:
        locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
        assert locks and str(page.pk) in locks[0]
    # Only the page editor is wrapped in the transaction.
    assert _is_page_edit(rf.post(edit_url(page)))
    parent = page.get_parent().pk
    assert not _is_page_edit(rf.post(reverse("wagtailadmin_pages:add_subpage", args=[parent])))
    assert not _is_page_edit(rf.post("/admin/pages/no-such-view/"))
    assert not _is_page_edit(rf.post("/graphql/"))


def test_a_server_error_inside_the_edit_transaction_keeps_nothing(page, rf):
    from django.http import HttpResponseServerError

    from cms.edit_conflicts import AtomicPageEditMiddleware

    def failing_view(request):
        Page.objects.filter(pk=page.pk).update(title="Puolivalmis")
        return HttpResponseServerError()

    request = rf.post(edit_url(page))
    assert AtomicPageEditMiddleware(failing_view)(request).status_code == 500
    assert Page.objects.get(pk=page.pk).title == page.title
