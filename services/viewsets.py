"""Admin screens of the service catalogue's snippets."""

from collections import Counter

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_views import ScopedObjectViewsMixin
from cms.ids import parse_id
from cms.people import person_name as cms_person_name

from .change_requests import (
    assignee_candidates,
    may_handle_change_request,
    update_change_request,
)
from .choosers import ContactChooserViewSet
from .models import (
    ChangeRequest,
    Contact,
    HolidayPeriod,
    ServiceList,
    ServicePage,
)
from .sharing import colleagues, labelled_by_name
from .sharing import label as sharing_label
from .vocabularies import VOCABULARIES


def taxonomy_viewset(taxonomy_model):
    return type(
        f"{taxonomy_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": taxonomy_model,
            "icon": "tag",
            "list_display": ["name", "slug", "sort_order"],
            "search_fields": ["name", "slug"],
            "ordering": ["sort_order", "name"],
        },
    )


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = [taxonomy_viewset(vocabulary.model) for vocabulary in VOCABULARIES]
    menu_icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"
    menu_order = 300


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", "title", "organisation", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "title"]
    chooser_viewset_class = ContactChooserViewSet


class HolidayPeriodViewSet(ModelViewSet):
    """Maintainers' holiday periods: their days do not count towards the pipeline targets."""

    model = HolidayPeriod
    icon = "date"
    menu_label = _("Holiday periods")
    add_to_settings_menu = True
    form_fields = ["name", "start", "end", "notice"]
    list_display = ["name", "start", "end"]


def change_requests_for(user):
    """Requests the user sent, and requests on services the user may edit (the pair)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        ChangeRequest.objects.filter(Q(sender=user) | Q(page__in=editable.type(ServicePage)))
        .select_related("page", "sender", "assignee")
        .distinct()
    )


class ChangeRequestPermissionPolicy(ModelPermissionPolicy):
    """Created from the service card (municipal users); handled by whoever may edit the service."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            return may_handle_change_request(user, instance)
        return action == "view" and change_requests_for(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return change_requests_for(user)


class ChangeRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = change_requests_for(self.request.user)
        # ?service=<page id>: the requests of one service (linked from its edit page).
        service = parse_id(self.request.GET.get("service"))
        if service is not None:
            queryset = queryset.filter(page_id=service)
        return queryset


def person_name(user) -> str:
    """A person by name; the e-mail address or username only when the name is empty."""
    return cms_person_name(user, empty="—")


class ChangeRequestEditForm(WagtailAdminModelForm):
    comment = forms.CharField(label=_("comment"), widget=forms.Textarea, required=False)

    class Meta:
        model = ChangeRequest
        fields = ["status", "assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The assignee is someone of the update pair's organisations who may handle the
        # request (services.change_requests), shown by name; the e-mail address only tells
        # namesakes apart. The current assignee stays a valid choice.
        choices = (
            get_user_model()
            .objects.filter(
                Q(pk__in=assignee_candidates(self.instance).values("pk"))
                | Q(pk=self.instance.assignee_id)
            )
            .order_by("first_name", "last_name", "username")
        )
        self.fields["assignee"].queryset = choices
        self.fields["assignee"].label_from_instance = labelled_by_name(choices)

    def save(self, commit=True):
        return update_change_request(
            ChangeRequest.objects.get(pk=self.instance.pk),
            self.for_user,
            status=self.cleaned_data["status"],
            assignee=self.cleaned_data["assignee"],
            comment=self.cleaned_data["comment"],
        )


class ChangeRequestEditView(generic.EditView):
    template_name = "services/change_request_edit.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may_handle_change_request(self.request.user, obj):
            raise PermissionDenied
        return obj

    def get_page_subtitle(self):
        return f"{self.object.page.title} · {person_name(self.object.sender)}"

    def get_context_data(self, **kwargs):
        # What was asked and the history, people by name (one query for the events).
        context = super().get_context_data(**kwargs)
        events = list(self.object.events.select_related("user", "assignee"))
        for event in events:
            event.who = person_name(event.user)
            event.assignee_name = person_name(event.assignee) if event.assignee_id else ""
        context["sender_name"] = person_name(self.object.sender)
        context["events"] = events
        return context


class ChangeRequestViewSet(ScopedObjectViewsMixin, ModelViewSet):
    model = ChangeRequest
    icon = "mail"
    menu_label = _("Change requests")
    menu_order = 280
    add_to_admin_menu = True
    index_view_class = ChangeRequestIndexView
    edit_view_class = ChangeRequestEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    # People by name, not by username (an e-mail address for invited accounts).
    list_display = [
        "page",
        Column("sender", label=capfirst(_("sender")), accessor=lambda r: person_name(r.sender)),
        "section",
        "status",
        Column(
            "assignee", label=capfirst(_("assignee")), accessor=lambda r: person_name(r.assignee)
        ),
        "created_at",
    ]
    list_filter = ["status", "section"]
    search_fields = ["message", "page__title"]

    @property
    def permission_policy(self):
        return ChangeRequestPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return ChangeRequestEditForm


# --- Favourites and shareable lists ("Omat palvelut") -----------------------------------------
class ServiceListPermissionPolicy(ModelPermissionPolicy):
    """Every admin user keeps lists; only the owner changes or deletes one, and the
    colleagues it is shared with may view it."""

    def user_has_permission(self, user, action):
        return (
            user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return ServiceList.visible_to(user).filter(pk=instance.pk).exists()
        return instance.is_owned_by(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return ServiceList.visible_to(user)


class ServiceListForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The services: only what the owner may pick (their own subtree and live public
        # services, services.permissions); a forged id is an invalid choice, never named.
        from .admin_visibility import limit_page_choices

        for form in getattr(self, "formsets", {}).get("items", ()):
            limit_page_choices(form.fields["page"], self.for_user, [form.instance.page_id])
        if "shared_with" in self.fields and self.for_user is not None:
            # Only whom the owner may share with (services.sharing); a forged id of anyone
            # else is an invalid choice. The e-mail address only tells namesakes apart.
            choices = colleagues(self.for_user)
            names = Counter(sharing_label(u) for u in choices)
            self.fields["shared_with"].queryset = choices
            self.fields["shared_with"].label_from_instance = lambda u: (
                f"{sharing_label(u)} ({u.email})"
                if names[sharing_label(u)] > 1
                else sharing_label(u)
            )


class OwnListMixin:
    """Edit and delete answer only to the list's owner; nothing is revealed otherwise."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not obj.is_owned_by(self.request.user):
            raise PermissionDenied
        return obj


class ServiceListIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            ServiceList.visible_to(self.request.user)
            .select_related("owner")
            .annotate(service_count=Count("items"))
        )

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if instance.is_owned_by(self.request.user) else None

    def get_delete_url(self, instance):
        if instance.is_owned_by(self.request.user):
            return super().get_delete_url(instance)
        return None


class ServiceListCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.owner = self.request.user
        instance.save()
        self.form.save_m2m()
        return instance


class ServiceListEditView(OwnListMixin, generic.EditView):
    pass


class ServiceListDeleteView(OwnListMixin, generic.DeleteView):
    pass


class ServiceListInspectView(generic.InspectView):
    template_name = "services/service_list_inspect.html"
    fields = ["name", "description", "owner", "shared_with"]

    def get_object(self, queryset=None):
        return get_object_or_404(ServiceList.visible_to(self.request.user), pk=self.pk)

    def get_edit_url(self):
        return super().get_edit_url() if self.object.is_owned_by(self.request.user) else None

    def get_delete_url(self):
        return super().get_delete_url() if self.object.is_owned_by(self.request.user) else None

    def get_owner_display_value(self):
        return sharing_label(self.object.owner)

    def get_shared_with_display_value(self):
        # Whom the owner still may share with (services.sharing), by name.
        recipients = self.object.shared_with.filter(pk__in=colleagues(self.object.owner))
        return ", ".join(sharing_label(u) for u in recipients) or "-"

    def get_fields_context(self):
        fields = self.fields
        if not self.object.is_owned_by(self.request.user):
            # As in GraphQL: only the owner sees whom a list is shared with; the services
            # are listed below, published ones only.
            fields = [name for name in fields if name not in ("shared_with", "pages")]
        return [self.get_context_for_field(name) for name in fields]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.object.items.select_related(
            "page", "page__provider", "page__responsible_municipality"
        )
        if not self.object.is_owned_by(self.request.user):
            # The owner may have chosen a draft they can see; a colleague sees the list's
            # published public services only, as in GraphQL.
            items = items.filter(page__in=ServicePage.objects.live().public())
        context["items"] = items
        return context


class ServiceListViewSet(ScopedObjectViewsMixin, ModelViewSet):
    model = ServiceList
    icon = "list-ul"
    menu_label = _("Service lists")
    index_view_class = ServiceListIndexView
    add_view_class = ServiceListCreateView
    edit_view_class = ServiceListEditView
    delete_view_class = ServiceListDeleteView
    inspect_view_class = ServiceListInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "owner",
        Column("service_count", label=_("Services"), sort_key="service_count"),
        "updated_at",
    ]
    search_fields = ["name", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            InlinePanel(
                "items",
                heading=_("Services"),
                label=_("Service"),
                panels=[PageChooserPanel("page", "services.ServicePage")],
            ),
            FieldPanel("shared_with", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=ServiceListForm,
    )

    @property
    def permission_policy(self):
        return ServiceListPermissionPolicy(self.model)


class FavouritesViewSet(ViewSet):
    """The user's favourites: one screen, listed in the "My services" menu."""

    icon = "star"
    menu_label = _("Favourites")

    def get_urlpatterns(self):
        from .views import favourites

        return [path("", favourites, name="index")]


class MyServicesGroup(ViewSetGroup):
    menu_label = _("My services")
    menu_icon = "star"
    menu_order = 270
    items = [FavouritesViewSet("favourites"), ServiceListViewSet("service-lists")]
