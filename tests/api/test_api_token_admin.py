"""API tokens in the admin (Settings › API tokens): a user creates and revokes their own;
the key is shown once; a main user lists and revokes the tokens of their organisation's
members; a maintainer revokes anyone's; nobody else sees others' tokens."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.models import ApiToken

pytestmark = pytest.mark.django_db

# The test query, in one place (the schema's shapes change; this only needs a root field).
TYPENAME_QUERY = "{ __typename }"

OWNER = "helsinki-producer"
KEY = re.compile(r"pm_[A-Za-z0-9_-]{40,}")


def client_for(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def refused(response):
    """Wagtail answers PermissionDenied with a redirect home; others' tokens are a 404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def table_text(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return repr(cursor.fetchall())


def bearer_status(raw_key):
    response = Client().post(
        "/graphql/",
        json.dumps({"query": TYPENAME_QUERY}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw_key}",
    )
    return response.status_code


@pytest.fixture
def owner_token(user):
    return ApiToken.issue(user(OWNER), "Helsinki frontend")


def revoke_url(token):
    return reverse("api-tokens:revoke", args=[token.pk])


# --- create: the key once ----------------------------------------------------------------------
def test_user_creates_a_token_and_sees_the_key_once(user):
    client = client_for(OWNER)
    assert client.get(reverse("api-tokens:add")).status_code == 200
    response = client.post(reverse("api-tokens:add"), {"name": "My frontend", "expires_in": "30"})
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    raw_key = KEY.search(response.content.decode()).group()
    token = ApiToken.objects.get(name="My frontend")
    assert token.user == user(OWNER) and token.key_hash == ApiToken.hash_key(raw_key)
    assert 29 <= (token.expires_at - token.created_at).days <= 30
    assert bearer_status(raw_key) == 200

    # Never stored, logged or kept in the session; never shown again.
    for table in (ApiToken._meta.db_table, ModelLogEntry._meta.db_table, "django_session"):
        assert raw_key not in table_text(table)
    index = client.get(reverse("api-tokens:index")).content.decode()
    assert "My frontend" in index and token.prefix in index
    assert raw_key not in index and not KEY.search(index.replace(token.prefix, ""))


def test_token_without_expiry(user):
    client_for(OWNER).post(reverse("api-tokens:add"), {"name": "Forever", "expires_in": ""})
    assert ApiToken.objects.get(name="Forever").expires_at is None


def test_token_is_always_the_creators_own(user):
    """A forged `user` field is ignored: main users and maintainers create only their own."""
    for creator in ("helsinki-main", "yllapito-maintainer"):
        client_for(creator).post(
            reverse("api-tokens:add"),
            {"name": f"by {creator}", "expires_in": "30", "user": user(OWNER).pk},
        )
        assert ApiToken.objects.get(name=f"by {creator}").user == user(creator)


def test_create_needs_a_name(user):
    response = client_for(OWNER).post(reverse("api-tokens:add"), {"name": "", "expires_in": "30"})
    assert response.status_code == 200
    assert not ApiToken.objects.filter(user=user(OWNER)).exists()
    assert not KEY.search(response.content.decode())


# --- who sees and revokes what -----------------------------------------------------------------
def test_owner_revokes_their_own_token(user, owner_token):
    token, raw_key = owner_token
    client = client_for(OWNER)
    assert client.get(revoke_url(token)).status_code == 200
    response = client.post(revoke_url(token))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == user(OWNER)
    assert bearer_status(raw_key) == 401
    assert ModelLogEntry.objects.filter(
        object_id=str(token.pk), action="cms.revoke_api_token"
    ).exists()
    index = client.get(reverse("api-tokens:index")).content.decode()
    assert "Helsinki frontend" in index and revoke_url(token) not in index


@pytest.mark.parametrize(
    "outsider",
    [
        "espoo-main",  # main user of another municipality
        "espoo-producer",
        "tyovalmennus-main",  # main user of a provider
        "helsinki-expert",  # same organisation, but not its main user
        "helsinki-producer2",
    ],
)
def test_others_neither_see_nor_revoke_a_token(outsider, owner_token):
    token, raw_key = owner_token
    client = client_for(outsider)
    index = client.get(reverse("api-tokens:index"))
    assert index.status_code == 200
    assert "Helsinki frontend" not in index.content.decode()
    assert refused(client.get(revoke_url(token)))
    assert refused(client.post(revoke_url(token)))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert bearer_status(raw_key) == 200


def test_main_user_lists_and_revokes_a_members_token(user, owner_token):
    token, raw_key = owner_token
    client = client_for("helsinki-main")
    index = client.get(reverse("api-tokens:index")).content.decode()
    assert "Helsinki frontend" in index
    assert client.post(revoke_url(token)).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == user("helsinki-main")
    assert bearer_status(raw_key) == 401


def test_provider_main_user_revokes_an_editors_token(user):
    token, _raw_key = ApiToken.issue(user("tyovalmennus-editor"), "Editor's script")
    assert client_for("tyovalmennus-main").post(revoke_url(token)).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_main_user_loses_sight_of_a_leavers_token(user, owner_token):
    token, _raw_key = owner_token
    user(OWNER).memberships.update(is_active=False)
    client = client_for("helsinki-main")
    assert "Helsinki frontend" not in client.get(reverse("api-tokens:index")).content.decode()
    assert refused(client.post(revoke_url(token)))


def test_maintainer_revokes_anyones_token(user, owner_token):
    token, _raw_key = owner_token
    client = client_for("yllapito-maintainer")
    assert "Helsinki frontend" in client.get(reverse("api-tokens:index")).content.decode()
    assert client.post(revoke_url(token)).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == user("yllapito-maintainer")


def test_no_edit_delete_or_history_screens(owner_token):
    token, _raw_key = owner_token
    client = client_for("yllapito-maintainer")
    for action in ("edit", "delete", "history", "usage", "inspect", "copy"):
        assert client.get(f"/admin/api-tokens/{action}/{token.pk}/").status_code == 404


def test_the_settings_menu_offers_api_tokens_to_every_role():
    for username in ("helsinki-expert", "tyovalmennus-editor", "yllapito-translator"):
        response = client_for(username).get(reverse("wagtailadmin_home"))
        assert reverse("api-tokens:index") in response.content.decode(), username
