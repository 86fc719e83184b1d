"""Admin screens of the service catalogue's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import TAXONOMY_MODELS, Contact


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
    items = [taxonomy_viewset(model) for model in TAXONOMY_MODELS]
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
