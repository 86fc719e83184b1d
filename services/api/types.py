"""The catalogue's small object types: organisations, contacts, references, translations.

Organisations and contacts resolve from `Localised` (cms/api/context.py): their names
follow the locale the caller asked for.
"""

import graphene

from cms.api.context import Localised, node_resolver
from cms.api.pages import LocaleCode

from .terms import Term


class OrganisationType(graphene.ObjectType):
    class Meta:
        name = "Organisation"
        description = "A partner municipality, a service provider or the project organisation."
        default_resolver = node_resolver

    slug = graphene.String(required=True)
    name = graphene.String(required=True, description="In the requested locale when known.")
    kind = graphene.String(required=True)
    business_id = graphene.String(required=True)
    email = graphene.String(required=True)

    def resolve_name(root, info):
        return root.node.localized_name(root.locale)


def organisation(org, locale) -> Localised | None:
    return Localised(org, locale) if org is not None else None


class ContactType(graphene.ObjectType):
    class Meta:
        name = "Contact"
        default_resolver = node_resolver

    name = graphene.String(required=True)
    title = graphene.String(required=True)
    email = graphene.String(required=True)
    phone = graphene.String(required=True)
    info = graphene.String(required=True)
    organisation = graphene.Field(OrganisationType)

    def resolve_organisation(root, info):
        # loaded with the contact (select_related)
        return organisation(root.node.organisation, root.locale)


def contacts_in(contacts, locale) -> list[Localised]:
    return [Localised(contact, locale) for contact in contacts]


class ServiceRef(graphene.ObjectType):
    """A published service another block links to."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)


class Document(graphene.ObjectType):
    title = graphene.String(required=True)
    url = graphene.String(required=True)
    file_extension = graphene.String(required=True)

    def resolve_url(doc, info):
        return doc.url


class Translation(graphene.ObjectType):
    locale = graphene.Field(LocaleCode, required=True)
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)


class ServiceLanguageType(graphene.ObjectType):
    class Meta:
        name = "ServiceLanguage"

    language = graphene.Field(Term, required=True)
    level = graphene.Field(Term)
