"""The publication pipeline's own records: holiday periods, change requests, favourites."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class HolidayPeriod(models.Model):
    """A period when reviews are slower: its days do not count towards the SLA targets."""

    name = models.CharField(_("name"), max_length=120)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    notice = models.TextField(
        _("notice to providers"),
        blank=True,
        help_text=_("Shown in the admin during the period, e.g. longer processing times."),
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("holiday period")
        verbose_name_plural = _("holiday periods")

    def __str__(self):
        return f"{self.name} ({self.start:%d.%m.%Y}–{self.end:%d.%m.%Y})"

    def clean(self):
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"end": _("The period ends before it starts.")})

    @classmethod
    def current(cls, today=None):
        today = today or timezone.localdate()
        return cls.objects.filter(start__lte=today, end__gte=today)


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def open_values(cls) -> tuple[str, ...]:
        """The statuses of a request that still waits for the update pair."""
        return (cls.OPEN.value, cls.IN_PROGRESS.value)


class ChangeRequestSection(models.TextChoices):
    PUBLIC = "public", _("Public information")
    TIME_AND_PLACE = "time_and_place", _("Time and place")
    INTERNAL = "internal", _("Internal instructions")
    OTHER = "other", _("Other")


class ChangeRequest(models.Model):
    """A municipal user's request to correct a service ("Lähetä muutospyyntö")."""

    page = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("service"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_change_requests",
        verbose_name=_("sender"),
    )
    message = models.TextField(_("message"))
    section = models.CharField(
        _("section"), max_length=20, choices=ChangeRequestSection.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.OPEN,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_change_requests",
        verbose_name=_("assignee"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return f"{self.page} · {self.get_status_display()}"


class ChangeRequestEvent(models.Model):
    """History of a change request: every status or assignee change, with who and when."""

    request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    status = models.CharField(_("status"), max_length=20, choices=ChangeRequestStatus.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    page = models.ForeignKey(
        "services.ServicePage", on_delete=models.CASCADE, related_name="favourited_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_favourite_per_service")
        ]


class ServiceList(ClusterableModel):
    """A named list of services that its owner keeps and can share with colleagues, who
    then see it (read-only) in their own list of lists."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="service_lists",
        verbose_name=_("owner"),
        editable=False,
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    pages = models.ManyToManyField(
        "services.ServicePage", through="ServiceListItem", related_name="+", blank=True
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_service_lists",
        verbose_name=_("shared with"),
        help_text=_("Colleagues who may see this list. Only you can change it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service list")
        verbose_name_plural = _("service lists")

    def __str__(self):
        return self.name

    @classmethod
    def visible_to(cls, user):
        """The user's own lists and the lists shared with the user, while the owner may still
        share with them (`services.sharing`)."""
        from services.sharing import may_share

        if not user.is_authenticated:
            return cls.objects.none()
        shared = cls.shared_with.through.objects.filter(user=user).values("servicelist_id")
        shared_lists = cls.objects.filter(pk__in=shared).filter(
            may_share(models.OuterRef("owner"), user.pk)
        )
        return cls.objects.filter(models.Q(owner=user) | models.Q(pk__in=shared_lists.values("pk")))

    def is_owned_by(self, user) -> bool:
        return user.is_authenticated and self.owner_id == user.pk

    def add(self, page) -> bool:
        """Append a service; False when it is already on the list."""
        if self.items.filter(page=page).exists():
            return False
        last = self.items.aggregate(models.Max("sort_order"))["sort_order__max"]
        ServiceListItem.objects.create(service_list=self, page=page, sort_order=(last or 0) + 1)
        return True


class ServiceListItem(Orderable):
    service_list = ParentalKey(ServiceList, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service"),
    )

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["service_list", "page"], name="service_once_per_list")
        ]


class SentNotification(models.Model):
    """What the daily command has queued for sending (cms/outbox.py delivers it), so running
    it twice queues nothing twice."""

    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
