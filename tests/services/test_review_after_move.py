"""Responsibility is transferred by moving a service (docs/decisions.md). A service moved
to another municipality while its review is open is reviewed by the new responsible
municipality in the editor (the task used to read the municipality from the pre-move
revision: the editor stayed locked, without the approve action)."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from services.models import ProviderFolderPage, ServicePage
from tests.admin_forms import service_form_data
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def state_of(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def test_new_responsible_municipality_can_review_in_the_editor(services, user):
    page = services("helsinki")
    editor = client_for(user(f"{page.provider.slug}-editor"))
    editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_form_data(page, short_description="Muutettu kuvaus.", action="submit"),
    )
    assert state_of(page).status == "in_progress"

    target = (
        ProviderFolderPage.objects.filter(
            locale__language_code="fi",
            organisation=page.provider,
        )
        .exclude(pk=page.get_parent().pk)
        .first()
    ) or ProviderFolderPage.objects.filter(locale__language_code="fi").exclude(
        pk=page.get_parent().pk
    ).first()
    new_municipality = target.get_parent().specific.organisation
    page.move(target, pos="last-child", user=user("yllapito-maintainer"))
    page = ServicePage.objects.get(pk=page.pk)
    assert page.responsible_municipality == new_municipality
    producer_name = f"{new_municipality.slug}-producer"
    producer = client_for(user(producer_name))

    response = producer.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = service_form_data(page, short_description="Muutettu kuvaus.")
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        }
    )
    # The old municipality's responsible person no longer fits: the form asks for a new one.
    refused = producer.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert "municipal_responsible" in refused.context["form"].errors
    assert state_of(page).status == "in_progress"
    data["municipal_responsible"] = user(producer_name).pk
    producer.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert state_of(page).status == "approved"
    page.refresh_from_db()
    assert page.live and page.municipal_responsible == user(producer_name)
    assert page.live_revision.as_object().short_description == "Muutettu kuvaus."
