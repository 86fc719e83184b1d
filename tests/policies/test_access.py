"""A partner's users see their own organisation's monitoring records only, never another
partner's: listings, inspect/edit/delete URLs by id, spreadsheet exports, the sanctions report
and its CSV/XLSX export. Maintainers see and manage everything; providers see nothing.

Also the two agreement-monitoring columns of docs/permissions.md, tried through the admin.
"""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from cms.roles import Role, permission_matrix
from policies.models import (
    Attendance,
    AttendanceStatus,
    Body,
    CaseKind,
    ContentCase,
    KnowledgeTransferBreach,
    Meeting,
    PartnerContact,
)

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year
SECRET = {
    "helsinki": "HELSINKI-OMA-TAPAUS-1111",
    "espoo": "ESPOO-SALAINEN-TAPAUS-2222",
}
VIEWSETS = ("attendance", "content-cases", "knowledge-transfer", "partner-contacts")
MAINTAINER_ONLY = ("decisions", "meetings")
HELSINKI_USERS = ("helsinki-main", "helsinki-producer", "helsinki-expert")


@pytest.fixture
def records(no_monitoring, partners):
    """For Helsinki and Espoo: attendance with a sanction each, a sanctioned content case,
    a knowledge-transfer breach and a representative, each marked with a sentinel."""
    made = {}
    for n, slug in enumerate(("helsinki", "espoo")):
        org = partners[slug]
        rows = []
        for month in (2, 5):
            meeting, _ = Meeting.objects.get_or_create(
                date=dt.date(YEAR, month, 12), body=Body.STEERING_GROUP
            )
            rows.append(
                Attendance.objects.create(
                    meeting=meeting, organisation=org, status=AttendanceStatus.ABSENT
                )
            )
        case = ContentCase.objects.create(
            organisation=org,
            kind=CaseKind.REPEATED_ERROR,
            description=SECRET[slug],
            first_notice_on=dt.date(YEAR, 3, 1 + n),
            second_notice_on=dt.date(YEAR, 4, 1 + n),
            third_notice_on=dt.date(YEAR, 4, 8 + n),
        )
        breach = KnowledgeTransferBreach.objects.create(
            organisation=org,
            handover=SECRET[slug],
            occurred_on=dt.date(YEAR, 1, 10),
            discussed_on=dt.date(YEAR, 1, 12),
        )
        contact = PartnerContact.objects.create(
            organisation=org,
            role="steering_group_member",
            name=SECRET[slug],
            email=f"{slug}@example.fi",
        )
        made[slug] = {
            "attendance": rows[0],
            "content-cases": case,
            "knowledge-transfer": breach,
            "partner-contacts": contact,
        }
    return made


def listed(response):
    return {obj.pk for obj in response.context["object_list"]}


@pytest.mark.parametrize("username", HELSINKI_USERS + ("raasepori-translator",))
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_listing_shows_only_the_own_organisation(username, viewset, login, records, partners):
    client = login(username)
    response = client.get(reverse(f"{viewset}:index"))
    assert response.status_code == 200
    model = type(records["espoo"][viewset])
    own_slug = username.split("-")[0]
    expected = set(
        model.objects.filter(organisation=partners[own_slug]).values_list("pk", flat=True)
    )
    assert listed(response) == expected
    body = response.content.decode()
    assert SECRET["espoo"] not in body
    if own_slug == "helsinki":
        assert records["helsinki"][viewset].pk in expected


@pytest.mark.parametrize("username", HELSINKI_USERS)
@pytest.mark.parametrize("viewset", VIEWSETS)
@pytest.mark.parametrize("action", ["inspect", "edit", "delete", "history", "usage"])
def test_another_partners_record_by_id_is_not_found(username, viewset, action, login, records):
    client = login(username)
    other = records["espoo"][viewset]
    response = client.get(reverse(f"{viewset}:{action}", args=[other.pk]))
    assert response.status_code in (302, 403, 404)
    assert SECRET["espoo"] not in response.content.decode()
    if action == "inspect":
        assert response.status_code == 404
        own = records["helsinki"][viewset]
        mine = client.get(reverse(f"{viewset}:inspect", args=[own.pk]))
        assert mine.status_code == 200
    else:
        # Read-only: not even their own record can be changed, deleted or its history read.
        own = records["helsinki"][viewset]
        assert client.get(reverse(f"{viewset}:{action}", args=[own.pk])).status_code in (
            302,
            403,
        )


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_a_forged_post_changes_nothing(viewset, login, records):
    client = login("helsinki-main")
    model = type(records["espoo"][viewset])
    other = records["espoo"][viewset]
    before = model.objects.count()
    client.post(reverse(f"{viewset}:delete", args=[other.pk]))
    client.post(reverse(f"{viewset}:add"), {"organisation": other.organisation_id})
    assert model.objects.filter(pk=other.pk).exists()
    assert model.objects.count() == before


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_spreadsheet_export_is_scoped(viewset, login, records):
    response = login("helsinki-expert").get(reverse(f"{viewset}:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    body = body or response.content.decode()
    assert "Espoo" not in body and SECRET["espoo"] not in body
    assert "Helsinki" in body


@pytest.mark.parametrize("viewset", MAINTAINER_ONLY)
def test_meetings_and_decisions_are_for_maintainers(viewset, login, records):
    assert login("helsinki-main").get(reverse(f"{viewset}:index")).status_code in (302, 403)
    assert login("yllapito-maintainer").get(reverse(f"{viewset}:index")).status_code == 200


def test_the_report_shows_only_the_own_organisation(login, records, partners):
    client = login("helsinki-producer")
    url = reverse("policies_sanctions_report")
    response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    partners_listed = {row["partner"] for row in response.context["rows"]}
    assert partners_listed == {"Helsinki"}
    assert {row["partner"] for row in response.context["billing"]} == {"Helsinki"}
    assert SECRET["espoo"] not in response.content.decode()
    # The partner filter offers only the own organisation; a forged one is ignored.
    assert list(response.context["form"].fields["partner"].queryset) == [partners["helsinki"]]
    forged = client.get(url, {"year": YEAR, "partner": partners["espoo"].pk})
    assert {row["partner"] for row in forged.context["rows"]} == {"Helsinki"}


def test_the_report_exports_are_scoped(login, records):
    client = login("helsinki-main")
    url = reverse("policies_sanctions_report")
    csv_body = client.get(url, {"year": YEAR, "export": "csv"}).content.decode()
    assert "Helsinki" in csv_body and "Espoo" not in csv_body
    assert SECRET["espoo"] not in csv_body
    xlsx = client.get(url, {"year": YEAR, "export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = {
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert "Helsinki" in cells and "Espoo" not in cells
    assert not any(SECRET["espoo"] in c for c in cells)


def test_maintainers_see_every_partner(login, records):
    client = login("yllapito-maintainer")
    for viewset in VIEWSETS:
        pks = listed(client.get(reverse(f"{viewset}:index")))
        assert {records["helsinki"][viewset].pk, records["espoo"][viewset].pk} <= pks
        inspect = client.get(reverse(f"{viewset}:inspect", args=[records["espoo"][viewset].pk]))
        assert inspect.status_code == 200
    rows = client.get(reverse("policies_sanctions_report"), {"year": YEAR}).context["rows"]
    assert {row["partner"] for row in rows} == {"Helsinki", "Espoo"}


def test_providers_see_nothing(login, records, services):
    provider = services("helsinki").provider
    client = login(f"{provider.slug}-main")
    for viewset in VIEWSETS + MAINTAINER_ONLY:
        assert client.get(reverse(f"{viewset}:index")).status_code in (302, 403)
        pk = records["helsinki"].get(viewset, records["helsinki"]["attendance"]).pk
        response = client.get(reverse(f"{viewset}:inspect", args=[pk]))
        assert response.status_code in (302, 403, 404)
    assert client.get(reverse("policies_sanctions_report")).status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("policies_sanctions_report") not in home


def test_an_inactive_membership_sees_nothing(login, user, records):
    helsinki_main = user("helsinki-main")
    helsinki_main.memberships.update(is_active=False)
    client = login("helsinki-main")
    response = client.get(reverse("content-cases:index"))
    assert response.status_code in (302, 403) or listed(response) == set()


# --- The permission matrix's monitoring columns, through the admin -------------------------------
Y, N = True, False
EXPECTED = {
    # role: (user, monitor_agreement, view_own_monitoring)
    Role.MAINTAINER: ("yllapito-maintainer", Y, Y),
    Role.MUNICIPALITY_MAIN_USER: ("helsinki-main", N, Y),
    Role.PRODUCER: ("helsinki-producer", N, Y),
    Role.EXPERT: ("helsinki-expert", N, Y),
    Role.PROVIDER_MAIN_USER: (None, N, N),
    Role.PROVIDER_EDITOR: (None, N, N),
    Role.TRANSLATOR: ("raasepori-translator", N, Y),
}


def test_declared_monitoring_columns():
    matrix = permission_matrix()
    for role, (_user, monitor, view_own) in EXPECTED.items():
        assert matrix[role]["monitor_agreement"] is monitor, role
        assert matrix[role]["view_own_monitoring"] is view_own, role


@pytest.mark.parametrize("role", list(EXPECTED))
def test_monitoring_columns_through_the_admin(role, login, services, records, partners):
    username, monitor, view_own = EXPECTED[role]
    if username is None:
        provider = services("helsinki").provider
        username = f"{provider.slug}-{'main' if role == Role.PROVIDER_MAIN_USER else 'editor'}"
    own = partners.get(username.split("-")[0])
    if own is not None and own.slug == "raasepori":
        meeting = Meeting.objects.create(date=dt.date(YEAR, 3, 11), body=Body.WORKING_GROUP)
        Attendance.objects.create(meeting=meeting, organisation=own)
    client = login(username)
    add = client.get(reverse("content-cases:add"))
    assert (add.status_code == 200) is monitor
    index = client.get(reverse("attendance:index"))
    sees = index.status_code == 200 and bool(listed(index))
    assert sees is view_own
    if sees and not monitor:
        assert {a.organisation for a in index.context["object_list"]} == {own}
    report = client.get(reverse("policies_sanctions_report"))
    assert (report.status_code == 200) is view_own


def test_translators_may_edit_the_policy_translations(user):
    """The translator role's pages include the Swedish and English policy indexes."""
    from wagtail.models import Locale

    from policies.models import PolicyIndexPage

    translator = user("raasepori-translator")
    for index in PolicyIndexPage.objects.exclude(locale=Locale.get_default()):
        assert index.permissions_for_user(translator).can_edit(), index.locale
    finnish = PolicyIndexPage.objects.get(locale=Locale.get_default())
    assert not finnish.permissions_for_user(translator).can_edit()


def test_listing_csv_export_keeps_formulas_as_text(login, records):
    breach = records["helsinki"]["knowledge-transfer"]
    KnowledgeTransferBreach.objects.filter(pk=breach.pk).update(handover="=1+2")
    response = login("yllapito-maintainer").get(
        reverse("knowledge-transfer:index"), {"export": "csv"}
    )
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    body = body or response.content.decode()
    assert "'=1+2" in body
    assert ",=1+2" not in body
