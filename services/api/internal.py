"""Internal information: the expert's work and referral instructions.

It is one field, `Service.internal`, whose resolver asks `cms.api.access.can_view_internal`
(`cms.access.may_read_internal`) before calling `internal_information`: aliases,
fragments, nested related services, lists, locales and previews all end there. For
anyone else the optimiser does not even read the `internal` column
(services/api/optimise.py). Its rich text keeps internal links: its readers may open them.
"""

import graphene
from django.contrib.auth import get_user_model
from wagtail.rich_text import expand_db_html

from ..blocks import InternalBlock
from .blocks import AttachmentBlock, LinkBlock, shaped
from .terms import Term, term_in
from .types import ContactType, contacts_in


def rich_text(value):
    """Internal information's rich text (its readers may open internal links)."""
    return expand_db_html(value) if value else ""


class AnswerWithText(graphene.ObjectType):
    answer = graphene.String(description="yes or no")
    html = graphene.String(required=True)


class ObligationInfo(graphene.ObjectType):
    obligation = graphene.String()
    html = graphene.String(required=True)


class BenefitNotes(graphene.ObjectType):
    notes = graphene.List(graphene.NonNull(graphene.String), required=True)
    html = graphene.String(required=True)


class FlagWithInstructions(graphene.ObjectType):
    applies = graphene.Boolean(required=True)
    html = graphene.String(required=True)


class MunicipalityText(graphene.ObjectType):
    municipality = graphene.Field(Term)
    html = graphene.String(required=True)


class InternalInformation(graphene.ObjectType):
    """The expert's work and referral instructions: only for municipal users."""

    referral = graphene.String(description="HTML")
    specialist_prerequisites = graphene.String(description="HTML")
    obligation = graphene.Field(ObligationInfo)
    statement = graphene.Field(AnswerWithText)
    benefit_notes = graphene.Field(BenefitNotes)
    client_system_entries = graphene.String(description="HTML")
    measures = graphene.String(description="HTML")
    exceptions = graphene.String(description="HTML")
    municipality_guidance = graphene.List(graphene.NonNull(MunicipalityText), required=True)
    municipality_exceptions = graphene.List(graphene.NonNull(MunicipalityText), required=True)
    job_search_conversation = graphene.Field(AnswerWithText)
    archiving = graphene.Field(FlagWithInstructions)
    client_consent = graphene.Field(FlagWithInstructions)
    contacts = graphene.List(graphene.NonNull(ContactType), required=True)
    links = graphene.List(graphene.NonNull(LinkBlock), required=True)
    attachments = graphene.List(graphene.NonNull(AttachmentBlock), required=True)
    provider_updater = graphene.String(description="Name of the provider's responsible updater.")
    municipal_responsible = graphene.String(description="Name of the municipal responsible person.")


TEXT_KINDS = {
    "referral",
    "specialist_prerequisites",
    "client_system_entries",
    "measures",
    "exceptions",
}


def internal_information(info, root):
    """The `internal` stream of a page (a `Localised`) as `InternalInformation`. Call it
    only for a caller who may read internal information (Service.resolve_internal)."""
    locale = root.locale
    fields = {
        "municipality_guidance": [],
        "municipality_exceptions": [],
        "contacts": [],
        "links": [],
        "attachments": [],
    }
    for child in shaped(info, root, "internal", InternalBlock()):
        kind, v = child["type"], child["value"]
        if kind in TEXT_KINDS:
            fields[kind] = rich_text(v)
        elif kind == "obligation":
            fields[kind] = ObligationInfo(
                obligation=v.get("obligation"), html=rich_text(v.get("text"))
            )
        elif kind in ("statement", "job_search_conversation"):
            fields[kind] = AnswerWithText(answer=v.get("answer"), html=rich_text(v.get("text")))
        elif kind == "benefit_notes":
            fields[kind] = BenefitNotes(notes=v.get("notes") or [], html=rich_text(v.get("text")))
        elif kind in ("archiving", "client_consent"):
            fields[kind] = FlagWithInstructions(
                applies=bool(v.get("required")), html=rich_text(v.get("instructions"))
            )
        elif kind in ("municipality_guidance", "municipality_exception"):
            key = (
                "municipality_guidance"
                if kind == "municipality_guidance"
                else "municipality_exceptions"
            )
            fields[key].append(
                MunicipalityText(
                    municipality=term_in(info, v.get("municipality"), locale),
                    html=rich_text(v.get("text")),
                )
            )
        elif kind == "contacts":
            fields["contacts"].extend(contacts_in((c for c in v if c is not None), locale))
        elif kind == "links":
            fields["links"].extend(v)
        elif kind == "files":
            fields["attachments"].extend(a for a in v if a.get("document") is not None)
    page = root.node
    users = root.batch.load("update_pair", _update_pair_names)
    fields["provider_updater"] = users.get(page.provider_updater_id)
    fields["municipal_responsible"] = users.get(page.municipal_responsible_id)
    return InternalInformation(**fields)


def _update_pair_names(rows):
    """{user pk: display name} of the update pairs of a list's pages (one query)."""
    ids = {r.provider_updater_id for r in rows} | {r.municipal_responsible_id for r in rows}
    users = get_user_model().objects.filter(pk__in=ids - {None})
    return {u.pk: u.get_full_name() or u.username for u in users}
