"""The contact chooser: internal contacts are for users who may read internal information.

Wagtail's snippet chooser lists every contact to every admin user; a provider must not
see (or resolve by id) the internal ones. `ContactViewSet` (services/viewsets.py) uses
`ContactChooserViewSet`.
"""

from django.shortcuts import get_object_or_404
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from cms.access import may_read_internal

from .models import ContactVisibility


def visible_contacts(user, queryset):
    """The contacts of `queryset` that `user` may see in the admin."""
    if may_read_internal(user):
        return queryset
    return queryset.filter(visibility=ContactVisibility.PUBLIC)


class VisibleContactsMixin:
    def get_object_list(self):
        return visible_contacts(self.request.user, super().get_object_list())


class ContactChooseView(VisibleContactsMixin, ChooseView):
    pass


class ContactChooseResultsView(VisibleContactsMixin, ChooseResultsView):
    pass


class ContactChosenView(SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(
            visible_contacts(self.request.user, self.model_class.objects), pk=pk
        )


class ContactChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_contacts(self.request.user, super().get_objects(pks))


class ContactChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    chosen_view_class = ContactChosenView
    chosen_multiple_view_class = ContactChosenMultipleView
