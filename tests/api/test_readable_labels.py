"""Readable values from the API (issue 14): the labels of stored choices and answers in the
requested locale, so that no frontend prints "binding_if_agreed", "yes" or "True".

The internal labels are read only by municipal users (`internal` stays null for anonymous
callers and provider users); labels cost no query (a list runs as many queries with them).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import ServicePage
from tests.api.gql import gql, post, query_file, token_for

pytestmark = pytest.mark.django_db

INTERNAL_LABELS = """
query($id: ID!, $locale: LocaleCode) {
  service(id: $id, locale: $locale) {
    lifecycle lifecycleLabel
    timeAndPlace { mode modeLabel weeklyTimes { weekday weekdayLabel } }
    internal {
      obligation { obligation obligationLabel }
      statement { answer answerLabel }
      jobSearchConversation { answer answerLabel }
      benefitNotes { notes noteLabels { value label } }
      archiving { applies appliesLabel }
      clientConsent { applies appliesLabel }
    }
  }
}
"""

EXPECTED = {
    "fi": {
        "lifecycle": "Julkaistu",
        "mode": "Jatkuva (viikoittaiset ajat)",
        "weekdays": ["Maanantai", "Torstai"],
        "obligation": "Velvoittava, jos siitä on sovittu työllistymissuunnitelmassa",
        "yes": "Kyllä",
        "no": "Ei",
        "note": "Etuutta voidaan maksaa omavastuuajalta",
    },
    "sv": {
        "lifecycle": "Publicerad",
        "mode": "Fortlöpande (veckotider)",
        "weekdays": ["Måndag", "Torsdag"],
        "obligation": "Förpliktande om det har avtalats i sysselsättningsplanen",
        "yes": "Ja",
        "no": "Nej",
        "note": "Förmån kan betalas ut under självrisktiden",
    },
    "en": {
        "lifecycle": "Published",
        "mode": "Continuous (weekly times)",
        "weekdays": ["Monday", "Thursday"],
        "obligation": "Binding if agreed in the employment plan",
        "yes": "Yes",
        "no": "No",
        "note": "Allowance may be paid during the waiting period",
    },
}


@pytest.fixture
def page(services):
    """A published Finnish service with every choice of the internal blocks set."""
    page = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()
    page.time_and_place = [
        {
            "type": "continuous",
            "value": {
                "locations": [],
                "info": "",
                "weekly_times": [
                    {"weekday": "mon", "start": "09:00", "end": "12:00"},
                    {"weekday": "thu", "start": "12:00", "end": "15:00"},
                ],
            },
        }
    ]
    page.internal = [
        {"type": "obligation", "value": {"obligation": "binding_if_agreed", "text": ""}},
        {"type": "statement", "value": {"answer": "yes", "text": ""}},
        {"type": "job_search_conversation", "value": {"answer": "no", "text": ""}},
        {
            "type": "benefit_notes",
            "value": {
                "notes": ["allowance_during_waiting_period", "expense_compensation"],
                "text": "",
            },
        },
        {"type": "archiving", "value": {"required": True, "instructions": ""}},
        {"type": "client_consent", "value": {"required": False, "instructions": ""}},
    ]
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_choices_and_answers_are_labelled_in_the_requested_locale(page, locale):
    expected = EXPECTED[locale]
    data = gql(
        INTERNAL_LABELS,
        {"id": str(page.pk), "locale": locale},
        token=token_for("helsinki-expert"),
    )["service"]
    assert data["lifecycle"] == "published" and data["lifecycleLabel"] == expected["lifecycle"]
    [block] = data["timeAndPlace"]
    assert block["mode"] == "continuous" and block["modeLabel"] == expected["mode"]
    assert [w["weekday"] for w in block["weeklyTimes"]] == ["mon", "thu"]
    assert [w["weekdayLabel"] for w in block["weeklyTimes"]] == expected["weekdays"]

    internal = data["internal"]
    # The stored values stay (filters and logic use them); the labels are beside them.
    assert internal["obligation"]["obligation"] == "binding_if_agreed"
    assert internal["obligation"]["obligationLabel"].startswith(expected["obligation"])
    assert internal["statement"] == {"answer": "yes", "answerLabel": expected["yes"]}
    assert internal["jobSearchConversation"] == {"answer": "no", "answerLabel": expected["no"]}
    assert internal["archiving"] == {"applies": True, "appliesLabel": expected["yes"]}
    assert internal["clientConsent"] == {"applies": False, "appliesLabel": expected["no"]}
    notes = internal["benefitNotes"]
    assert notes["notes"] == ["allowance_during_waiting_period", "expense_compensation"]
    assert [n["value"] for n in notes["noteLabels"]] == notes["notes"]
    assert notes["noteLabels"][0]["label"] == expected["note"]
    for label in (n["label"] for n in notes["noteLabels"]):
        assert "_" not in label


def test_an_unknown_stored_choice_is_shown_as_it_is(page):
    """A value the blocks no longer offer (an old revision's) is not an error."""
    page.internal = [{"type": "obligation", "value": {"obligation": "retired_choice", "text": ""}}]
    page.save_revision().publish()
    data = gql(INTERNAL_LABELS, {"id": str(page.pk)}, token=token_for("helsinki-expert"))
    obligation = data["service"]["internal"]["obligation"]
    assert obligation == {"obligation": "retired_choice", "obligationLabel": "retired_choice"}


@pytest.mark.parametrize("token_user", [None, "tyovalmennus-editor"])
def test_anonymous_and_provider_callers_get_no_internal_labels(page, token_user):
    token = token_for(token_user) if token_user else None
    data = gql(INTERNAL_LABELS, {"id": str(page.pk), "locale": "sv"}, token=token)["service"]
    assert data["internal"] is None
    # The public labels are everyone's.
    assert data["lifecycleLabel"] == "Publicerad"
    assert data["timeAndPlace"][0]["modeLabel"] == EXPECTED["sv"]["mode"]


@pytest.mark.parametrize(
    ("token_user", "can_view_internal"),
    [(None, None), ("tyovalmennus-editor", False), ("helsinki-expert", True)],
)
def test_the_service_page_document(page, token_user, can_view_internal):
    """service-page.graphql: the reader, the service and (asked for) its internal
    instructions in one request; internal only for a municipal user."""
    token = token_for(token_user) if token_user else None
    data = gql(
        query_file("service-page"),
        {"id": str(page.pk), "locale": "fi", "internal": True},
        token=token,
        operation="ServicePage",
    )
    me = data["me"]
    assert (me and me["canViewInternal"]) == can_view_internal
    service = data["service"]
    assert service["id"] == str(page.pk) and service["lifecycleLabel"] == "Julkaistu"
    if can_view_internal:
        assert service["internal"]["obligation"]["obligationLabel"].startswith("Velvoittava")
    else:
        assert service["internal"] is None
    # Without $internal the instructions are not even selected.
    data = gql(
        query_file("service-page"), {"id": str(page.pk)}, token=token, operation="ServicePage"
    )
    assert "internal" not in data["service"]


LIST_LABELS = """
query($limit: Int) { services(limit: $limit, locale: sv) { items {
  lifecycleLabel
  timeAndPlace { modeLabel weeklyTimes { weekdayLabel } }
  internal {
    obligation { obligationLabel } statement { answerLabel }
    jobSearchConversation { answerLabel } benefitNotes { noteLabels { value label } }
    archiving { appliesLabel } clientConsent { appliesLabel }
  }
} } }
"""


def count_queries(query, variables, token):
    with CaptureQueriesContext(connection) as ctx:
        response = post(query, variables, token=token)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return len(ctx.captured_queries), body


def test_labels_cost_no_query_per_row(services):
    token = token_for("helsinki-expert")
    count_queries(LIST_LABELS, {"limit": 1}, token)  # warm the per-process caches
    small, _ = count_queries(LIST_LABELS, {"limit": 5}, token)
    large, body = count_queries(LIST_LABELS, {"limit": 50}, token)
    assert small == large, (small, large)
    labels = [
        i["internal"]["obligation"]["obligationLabel"] for i in body["data"]["services"]["items"]
    ]
    assert labels and all(label and "_" not in label for label in labels)
