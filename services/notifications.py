"""E-mail to the update pair, in each recipient's language, each keyed message once."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.admin.utils import get_admin_base_url

from cms.members import user_language

from .models import SentNotification


def pair(page):
    """The update pair of a service: provider's responsible updater, municipal responsible."""
    return [u for u in (page.provider_updater, page.municipal_responsible) if u and u.is_active]


def edit_url(page) -> str:
    return get_admin_base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])


def notify(users, template: str, context: dict, *, key: str | None = None) -> int:
    """Send `services/emails/<template>_subject.txt` / `.txt` to each user once.

    With a `key`, a message already sent to that address under that key is not
    sent again (the daily command can run any number of times). Returns how many
    messages were sent.
    """
    sent = 0
    for user in users:
        if not user or not user.email:
            continue
        if key is not None:
            try:
                with transaction.atomic():
                    SentNotification.objects.create(key=f"{key}:{user.pk}", recipient=user.email)
            except IntegrityError:
                continue
        with translation.override(user_language(user)):
            ctx = {**context, "recipient": user}
            subject = render_to_string(f"services/emails/{template}_subject.txt", ctx).strip()
            body = render_to_string(f"services/emails/{template}.txt", ctx)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
