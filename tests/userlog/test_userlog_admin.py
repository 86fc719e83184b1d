"""The user log's and the admin actions' screens: who sees whose entries (forged filters
included), the filters, the CSV for Excel, the log of viewing and exporting, read-only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log as audit_log

from cms.models import Organisation
from userlog import log
from userlog.models import UserLogEntry

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/user-log/"
ACTIONS = "/admin/reports/admin-actions/"


@pytest.fixture
def entries(user):
    """One read per organisation, with a label to find it by."""
    made = {}
    for username, label in (
        ("helsinki-expert", "HKI-LUKU-1"),
        ("helsinki-producer", "HKI-LUKU-2"),
        ("espoo-expert", "ESP-LUKU-1"),
        ("tyovalmennus-main", "TV-VIENTI-1"),
    ):
        made[label] = log.write(
            user(username),
            "read_internal",
            channel="api",
            object_type="service",
            object_id=len(made) + 1000,
            object_label=label,
            field="internal",
            ip="198.51.100.7",
        )
    return made


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_maintainer_sees_every_organisations_entries(login, entries):
    html = body(login("yllapito-maintainer").get(REPORT))
    for label in entries:
        assert label in html


def test_main_user_sees_only_the_own_organisations_users(login, entries):
    html = body(login("helsinki-main").get(REPORT))
    assert "HKI-LUKU-1" in html and "HKI-LUKU-2" in html
    assert "ESP-LUKU-1" not in html and "TV-VIENTI-1" not in html


def test_provider_main_user_sees_its_own_organisation(login, entries):
    html = body(login("tyovalmennus-main").get(REPORT))
    assert "TV-VIENTI-1" in html
    assert "HKI-LUKU-1" not in html and "ESP-LUKU-1" not in html


def test_forged_filter_ids_show_no_other_organisations_entries(login, user, entries):
    client = login("helsinki-main")
    espoo = Organisation.objects.get(slug="espoo")
    for query in (
        {"user": user("espoo-expert").pk},
        {"organisation": espoo.pk},
        {"service": "ESP-LUKU"},
        {"service": str(entries["ESP-LUKU-1"].object_id)},
    ):
        html = body(client.get(REPORT, query))
        assert "ESP-LUKU-1" not in html, query
        csv_text = client.get(REPORT, {**query, "export": "csv"}).content.decode("utf-8-sig")
        assert "ESP-LUKU-1" not in csv_text, query


@pytest.mark.parametrize(
    "username", ["helsinki-expert", "helsinki-producer", "tyovalmennus-editor"]
)
def test_other_roles_are_refused(login, entries, username):
    client = login(username)
    for url in (REPORT, REPORT + "?export=csv", ACTIONS):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert "HKI-LUKU-1" not in response.content.decode()
    # Nothing is logged for a refused view.
    assert not UserLogEntry.objects.filter(action__in=["view_user_log", "export_personal_data"])


def test_filters_by_user_service_and_date(login, user, entries):
    client = login("yllapito-maintainer")
    html = body(client.get(REPORT, {"user": user("helsinki-producer").pk}))
    assert "HKI-LUKU-2" in html and "HKI-LUKU-1" not in html
    html = body(client.get(REPORT, {"service": "ESP-LUKU"}))
    assert "ESP-LUKU-1" in html and "HKI-LUKU-1" not in html
    html = body(client.get(REPORT, {"service": str(entries["HKI-LUKU-2"].object_id)}))
    assert "HKI-LUKU-2" in html and "HKI-LUKU-1" not in html
    old = UserLogEntry.objects.bulk_create(
        [
            UserLogEntry(
                user=user("helsinki-expert"),
                user_key=user("helsinki-expert").pk,
                action="read_internal",
                channel="frontend",
                object_type="service",
                object_label="VANHA-LUKU",
                at=timezone.now() - dt.timedelta(days=40),
            )
        ]
    )[0]
    day = timezone.localtime(old.at).date()
    html = body(client.get(REPORT, {"at_from": day.isoformat(), "at_to": day.isoformat()}))
    assert "VANHA-LUKU" in html and "HKI-LUKU-1" not in html
    html = body(client.get(REPORT, {"at_from": (day + dt.timedelta(days=1)).isoformat()}))
    assert "VANHA-LUKU" not in html and "HKI-LUKU-1" in html


def test_viewing_the_log_is_logged(login, user):
    login("helsinki-main").get(REPORT, {"service": "x"})
    entry = UserLogEntry.objects.get(action="view_user_log")
    assert entry.user_key == user("helsinki-main").pk and entry.channel == "admin"
    assert entry.organisation.slug == "helsinki" and "service=x" in entry.detail["filters"]


def test_csv_export_content_for_excel_and_its_own_log_row(login, user, entries):
    response = login("helsinki-main").get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0].split(";") == [
        "Time",
        "User",
        "User id",
        "Organisation",
        "Action",
        "Channel",
        "Object type",
        "Object id",
        "Object",
        "Field",
        "Data subject id",
        "IP address",
    ]
    rows = [line.split(";") for line in lines[1:] if line]
    labels = {row[8] for row in rows}
    assert labels == {"HKI-LUKU-1", "HKI-LUKU-2"}
    helsinki_expert = user("helsinki-expert")
    [row] = [r for r in rows if r[8] == "HKI-LUKU-1"]
    assert row[2] == str(helsinki_expert.pk)
    assert row[0] and row[3] == "Helsinki" and row[5] == "API"
    assert row[11] == "198.51.100.7"
    # The export is itself logged, as an export of personal data.
    export = UserLogEntry.objects.get(action="export_personal_data")
    assert (export.object_type, export.field, export.detail["rows"]) == ("user_log", "csv", 2)


def test_csv_cells_never_run_as_formulas(login, user):
    log.write(user("helsinki-expert"), "read_internal", object_label='=HYPERLINK("x")')
    text = login("helsinki-main").get(REPORT, {"export": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_screens_are_read_only(login, entries):
    client = login("yllapito-maintainer")
    before = UserLogEntry.objects.count()
    for url in (REPORT, ACTIONS):
        assert client.post(url, {"action": "delete"}).status_code in (403, 405)
    assert UserLogEntry._meta.default_permissions == ()
    # No add, edit or delete address exists.
    names = [n for n in ("userlog_report", "userlog_admin_actions")]
    for name in names:
        assert reverse(name)
    from django.urls import NoReverseMatch

    for name in ("userlog_edit", "userlog_delete", "userlog_add"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    # Only the POSTs' own view logs are new; no row changed or vanished.
    assert UserLogEntry.objects.count() >= before


# --- Admin actions (Wagtail's audit log) per organisation ----------------------------------------
@pytest.fixture
def admin_actions(user):
    espoo = Organisation.objects.get(slug="espoo")
    helsinki = Organisation.objects.get(slug="helsinki")
    audit_log(helsinki, "wagtail.edit", user=user("helsinki-producer"), title="HKI-TOIMI")
    audit_log(espoo, "wagtail.edit", user=user("espoo-producer"), title="ESP-TOIMI")


def test_main_user_sees_the_own_users_admin_actions(login, admin_actions):
    html = body(login("helsinki-main").get(ACTIONS))
    assert "HKI-TOIMI" in html and "ESP-TOIMI" not in html


def test_maintainer_sees_all_admin_actions_and_filters_by_organisation(login, admin_actions):
    client = login("yllapito-maintainer")
    html = body(client.get(ACTIONS))
    assert "HKI-TOIMI" in html and "ESP-TOIMI" in html
    espoo = Organisation.objects.get(slug="espoo")
    html = body(client.get(ACTIONS, {"organisation": espoo.pk}))
    assert "ESP-TOIMI" in html and "HKI-TOIMI" not in html


def test_admin_actions_forged_organisation_or_user_shows_nothing_else(login, user, admin_actions):
    client = login("helsinki-main")
    espoo = Organisation.objects.get(slug="espoo")
    for query in ({"organisation": espoo.pk}, {"user": user("espoo-producer").pk}):
        assert "ESP-TOIMI" not in body(client.get(ACTIONS, query)), query


def test_menu_shows_the_reports_only_to_those_who_may_open_them(user):
    from django.test import RequestFactory

    from userlog.wagtail_hooks import (
        register_admin_actions_menu_item,
        register_user_log_menu_item,
    )

    for username, shown in (
        ("yllapito-maintainer", True),
        ("helsinki-main", True),
        ("tyovalmennus-main", True),
        ("helsinki-producer", False),
        ("helsinki-expert", False),
    ):
        request = RequestFactory().get("/admin/")
        request.user = user(username)
        for item in (register_user_log_menu_item(), register_admin_actions_menu_item()):
            assert item.is_shown(request) is shown, (username, item.url)
