"""E-mail to the update pair, in each recipient's language, each keyed message once.

Messages go through the outbox (`cms.outbox`): queued in the caller's transaction, sent
once the mail server accepts them, retried with backoff when it does not.
"""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.admin.utils import get_admin_base_url

from cms import outbox
from cms.members import user_language

from .models import SentNotification


def pair(page):
    """The update pair of a service: provider's responsible updater, municipal responsible."""
    return [u for u in (page.provider_updater, page.municipal_responsible) if u and u.is_active]


def edit_url(page) -> str:
    return get_admin_base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])


def notify(users, template: str, context: dict, *, key: str | None = None) -> int:
    """Queue `services/emails/<template>_subject.txt` / `.txt` to each user once.

    With a `key`, a message already queued for that user under that key is not queued
    again (the daily command can run any number of times): the `SentNotification` row and
    the outbox row are written in one transaction. Returns how many messages were queued.
    """
    queued = 0
    for user in users:
        if not user or not user.email:
            continue
        with transaction.atomic():
            if key is not None:
                try:
                    with transaction.atomic():
                        SentNotification.objects.create(
                            key=f"{key}:{user.pk}", recipient=user.email
                        )
                except IntegrityError:
                    continue
            with translation.override(user_language(user)):
                ctx = {**context, "recipient": user}
                subject = render_to_string(f"services/emails/{template}_subject.txt", ctx).strip()
                body = render_to_string(f"services/emails/{template}.txt", ctx)
            outbox.enqueue(
                user.email, subject, body, key=f"{key}:{user.pk}" if key is not None else None
            )
        queued += 1
    return queued
