"""Media on S3-compatible object storage (django-storages; cms/settings/base.py, issue 15).

The settings choose S3 when AWS_STORAGE_BUCKET_NAME is set and the file system otherwise;
moto's in-process S3 (`mock_aws`, no network) stands in for the bucket. A document uploaded
through the admin lands in the bucket, Wagtail's serve view streams it to a permitted user
and refuses others (the internal attachments' collection), and nothing about it is public:
the bucket and its objects have no public grant and no bucket URL is handed out.
"""

import runpy
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.roles import INTERNAL_COLLECTION

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR) / "cms" / "settings" / "base.py"
BUCKET = "palvelumanuaali-media-test"
REGION = "eu-north-1"
SECRET = b"SISAINEN-S3-LIITE-4411: vain kunnan asiantuntijoille."
S3_VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_EXPIRE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)


def base_settings(monkeypatch, **env) -> dict:
    """cms/settings/base.py executed afresh with these S3 variables (and no others)."""
    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE))


def test_the_file_system_without_a_bucket(monkeypatch):
    assert base_settings(monkeypatch)["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_s3_when_a_bucket_is_configured(monkeypatch):
    default = base_settings(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="https://s3.example.fi",
        AWS_S3_REGION_NAME=REGION,
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_LOCATION="media",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://s3.example.fi"
    assert options["region_name"] == REGION
    assert options["addressing_style"] == "path"
    assert options["location"] == "media"
    # Private objects, signed URLs only, no silent overwrite.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False
    # The keys stay in the environment (boto3 reads them), not in the settings.
    assert "not-a-real-secret" not in repr(default)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"AWS_S3_ENDPOINT_URL": "s3.example.fi"}, "AWS_S3_ENDPOINT_URL must be an http"),
        ({"AWS_S3_ADDRESSING_STYLE": "sideways"}, "AWS_S3_ADDRESSING_STYLE must be"),
        ({"AWS_QUERYSTRING_EXPIRE": "0"}, "AWS_QUERYSTRING_EXPIRE must be at least 1"),
        ({"AWS_QUERYSTRING_EXPIRE": "soon"}, "AWS_QUERYSTRING_EXPIRE must be an integer"),
        ({"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"}, "Set both AWS_ACCESS_KEY_ID"),
    ],
)
def test_bad_s3_settings_are_refused(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        base_settings(monkeypatch, AWS_STORAGE_BUCKET_NAME=BUCKET, **env)


# --- against an S3 bucket (moto) ---------------------------------------------------------


@pytest.fixture
def s3(monkeypatch, settings):
    """A private bucket in moto's S3 and the settings' S3 storage pointing at it."""
    default = base_settings(monkeypatch, AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_REGION_NAME=REGION)[
        "STORAGES"
    ]["default"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        # Resets django.core.files.storage.storages and default_storage (setting_changed).
        settings.STORAGES = {**settings.STORAGES, "default": default}
        yield client


def internal_collection():
    return Collection.get_first_root_node().get_children().get(name=INTERNAL_COLLECTION)


def upload(client) -> object:
    """A document uploaded through the admin's add form into the internal collection."""
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Sisäinen ohje",
            "file": SimpleUploadedFile("sisainen-ohje.txt", SECRET, "text/plain"),
            "collection": internal_collection().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title="Sisäinen ohje")


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_a_document_is_stored_in_the_bucket_and_served_only_through_the_view(s3, login, client):
    doc = upload(login("yllapito-maintainer"))
    # In the bucket, not on the file system.
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [doc.file.name]
    assert doc.file.name.startswith("documents/")
    assert s3.get_object(Bucket=BUCKET, Key=doc.file.name)["Body"].read() == SECRET
    assert not (Path(settings.MEDIA_ROOT) / doc.file.name).exists()

    # Nothing public: no public grant on the object or the bucket.
    grants = s3.get_object_acl(Bucket=BUCKET, Key=doc.file.name)["Grants"]
    grants += s3.get_bucket_acl(Bucket=BUCKET)["Grants"]
    assert not [g for g in grants if "URI" in g["Grantee"]], grants

    # The document's URL is the permission-checked serve view, never the bucket's.
    url = doc.url
    assert url == reverse("wagtaildocs_serve", args=[doc.id, doc.filename])
    assert BUCKET not in url and "amazonaws" not in url

    # A municipal expert gets it, streamed from the bucket.
    response = login("helsinki-expert").get(url)
    assert response.status_code == 200
    assert body(response) == SECRET

    # Others do not: anonymous to the login, a provider's editor refused.
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert SECRET not in body(anonymous)
    provider = login(provider_editor()).get(url)
    assert provider.status_code in (302, 403)
    assert SECRET not in body(provider)


def provider_editor() -> str:
    from services.models import ServicePage

    page = (
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    return f"{page.provider.slug}-editor"


def test_a_second_upload_with_the_same_name_does_not_overwrite(s3):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    first = default_storage.save("documents/sama.txt", ContentFile(b"first"))
    second = default_storage.save("documents/sama.txt", ContentFile(b"second"))
    assert first == "documents/sama.txt" and second != first
    assert s3.get_object(Bucket=BUCKET, Key=first)["Body"].read() == b"first"
    # Any URL the storage itself makes is signed and expiring (image renditions).
    url = default_storage.url(first)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url


def test_backup_of_s3_media_notes_the_bucket_or_copies_it(s3, tmp_path):
    """Without --copy-bucket the manifest points at bucket versioning; with it the objects
    are archived, and a restore puts them back into the bucket."""
    import tarfile

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from cms import backup

    default_storage.save("documents/a.txt", ContentFile(b"alpha"))
    default_storage.save("images/b.png", ContentFile(b"\x89PNG beta"))
    noted = backup.backup(tmp_path / "noted")
    assert noted.manifest["media"]["file"] is None
    assert noted.manifest["media"]["bucket"] == BUCKET
    assert "versioning" in noted.manifest["media"]["note"]
    assert "media.tar.gz" not in noted.manifest["files"]

    copied = backup.backup(tmp_path / "copied", copy_bucket=True)
    assert copied.manifest["media"]["files"] == 2
    with tarfile.open(copied.directory / "media.tar.gz") as tar:
        assert sorted(tar.getnames()) == ["documents/a.txt", "images/b.png"]

    with pytest.raises(backup.BackupError, match="already exists"):
        backup._restore_media(copied.directory, copied.manifest["media"], force=False)
    s3.delete_object(Bucket=BUCKET, Key="documents/a.txt")
    s3.put_object(Bucket=BUCKET, Key="images/b.png", Body=b"changed")
    backup._restore_media(copied.directory, copied.manifest["media"], force=True)
    assert s3.get_object(Bucket=BUCKET, Key="documents/a.txt")["Body"].read() == b"alpha"
    assert s3.get_object(Bucket=BUCKET, Key="images/b.png")["Body"].read() == b"\x89PNG beta"
