"""The producer's action menu while reviewing: approve is the default, the labels say
"and publish" once, and unpublish comes last."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.action_menu import PageActionMenu
from wagtail.models import WorkflowState

from services.action_menu import order_action_menu, rank
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(login, services):
    """A published Helsinki service its provider's editor has submitted for review."""
    page = services("helsinki")
    editor = login(f"{page.provider.slug}-editor")
    editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_form_data(page, action="submit"),
    )
    assert WorkflowState.objects.for_instance(page).get().status == "in_progress"
    page.refresh_from_db()
    return page


def menu_for(user, page):
    request = RequestFactory().get("/")
    request.user = user
    menu = PageActionMenu(request, view="edit", page=page, lock=None, locked_for_user=False)
    return [menu.default_item.name, *[i.name for i in menu.menu_items]], [
        str(menu.default_item.label),
        *[str(i.label) for i in menu.menu_items],
    ]


def test_reviewer_menu_order_and_labels(user, in_review):
    names, labels = menu_for(user("helsinki-producer"), in_review)
    assert labels[:3] == [
        "Approve and publish",
        "Approve with comment and publish",
        "Request changes",
    ]
    assert names[-1] == "action-unpublish", names
    assert names.index("action-save-draft") < names.index("action-publish")
    assert not [label for label in labels if label.lower().count("publish") > 1]


def test_outside_producer_gets_no_review_actions(user, in_review):
    names, _labels = menu_for(user("espoo-producer"), in_review)
    assert "approve" not in names and "reject" not in names


def test_menu_without_review_puts_unpublish_last(user, services):
    page = services("helsinki")
    names, _labels = menu_for(user("helsinki-producer"), page)
    assert names[0] == "action-save-draft"
    assert "action-unpublish" in names and names[-1] == "action-unpublish"


@pytest.mark.parametrize(
    "language, approve, doubled",
    [
        ("fi", "Hyväksy ja julkaise", "Hyväksy ja julkaise ja julkaise"),
        ("sv", "Godkänn och publicera", "Godkänn och publicera och publicera"),
    ],
)
def test_editor_footer_says_publish_once(login, in_review, language, approve, doubled):
    response = login("helsinki-producer").get(
        reverse("wagtailadmin_pages:edit", args=[in_review.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    html = response.content.decode()
    assert approve in html and doubled not in html
    # The approve button comes before the unpublish link in the footer.
    footer = html[html.index('data-workflow-action-name="approve"') - 2000 :]
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[in_review.pk])
    assert footer.index(approve) < footer.index(unpublish)


def test_rank_is_stable_for_other_items():
    class Item:
        def __init__(self, name):
            self.name, self.label = name, name

    items = [Item("action-unpublish"), Item("action-save-draft"), Item("action-publish")]
    order_action_menu(items, None, {})
    assert [i.name for i in items] == ["action-save-draft", "action-publish", "action-unpublish"]
    assert rank(items[-1]) == 3
