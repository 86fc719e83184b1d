"""Registrations only: the viewsets live in search/viewsets.py."""

from wagtail import hooks

from .viewsets import SynonymSetViewSet


@hooks.register("register_admin_viewset")
def register_synonyms():
    return SynonymSetViewSet("synonyms")
