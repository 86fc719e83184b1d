"""Internal attachment downloads: Wagtail's document view (/documents/) sends
`document_served` after its view-restriction checks passed; a document of a restricted
collection (the internal attachments, cms.group_sync) is an internal read."""

from wagtail.documents.models import document_served

from .log import record


def log_internal_download(sender, instance, request, **kwargs):
    document = instance
    if request is None or not document.collection.get_view_restrictions().exists():
        return
    record(
        request,
        "download_internal_attachment",
        object_type="attachment",
        object_id=document.pk,
        object_label=document.title,
        field=document.filename,
    )


def connect():
    document_served.connect(log_internal_download, dispatch_uid="userlog_internal_download")
