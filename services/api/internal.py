"""Internal information: the expert's work and referral instructions.

It is one field, `Service.internal`, whose resolver asks `cms.api.access.can_view_internal`
(`cms.access.may_read_internal`) before calling `internal_information`: aliases,
fragments, nested related services, lists, locales and previews all end there. For
anyone else the optimiser does not even read the `internal` column
(services/api/optimise.py). Its rich text keeps internal links: its readers may open them.
"""

from functools import cache

import graphene
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.rich_text import expand_db_html

from ..blocks import YES_NO, InternalBlock
from .blocks import AttachmentBlock, LinkBlock, shaped
from .terms import Term, term_in
from .types import ContactType, contacts_in


def rich_text(value):
    """Internal information's rich text (its readers may open internal links)."""
    return expand_db_html(value) if value else ""


class Choice(graphene.ObjectType):
    """A stored choice (`value`, the same in every locale) and its label in the
    requested locale."""

    value = graphene.String(required=True)
    label = graphene.String(required=True)


class AnswerWithText(graphene.ObjectType):
    answer = graphene.String(description="yes or no")
    answer_label = graphene.String(description="The answer in the requested locale (Kyllä, Ja).")
    html = graphene.String(required=True)


class ObligationInfo(graphene.ObjectType):
    obligation = graphene.String(description="binding_if_agreed, not_binding or always_binding")
    obligation_label = graphene.String(description="The obligation in the requested locale.")
    html = graphene.String(required=True)


class BenefitNotes(graphene.ObjectType):
    notes = graphene.List(graphene.NonNull(graphene.String), required=True)
    note_labels = graphene.List(
        graphene.NonNull(Choice),
        required=True,
        description="The notes with their labels in the requested locale, in order.",
    )
    html = graphene.String(required=True)


class FlagWithInstructions(graphene.ObjectType):
    applies = graphene.Boolean(required=True)
    applies_label = graphene.String(
        required=True, description="`applies` in the requested locale (Kyllä or Ei)."
    )
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


@cache
def _choices(name: str) -> dict:
    """{value: lazy label} of a choice field of an internal block (the model's labels)."""
    struct = InternalBlock().child_blocks[name]
    return dict(struct.child_blocks[name if name != "benefit_notes" else "notes"].field.choices)


def internal_information(info, root):
    """The `internal` stream of a page (a `Localised`) as `InternalInformation`. Call it
    only for a caller who may read internal information (Service.resolve_internal).
    Choices and answers are labelled in the requested locale (no query: the labels are
    the blocks' own, translated by gettext)."""
    with translation.override(root.locale):
        return _internal_information(info, root)


def _label(labels: dict, value) -> str | None:
    """The label of a stored value in the active language; an unknown value as it is."""
    if value in (None, ""):
        return None
    return str(labels.get(value, value))


def _internal_information(info, root):
    locale = root.locale
    yes_no = dict(YES_NO)
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
                obligation=v.get("obligation"),
                obligation_label=_label(_choices("obligation"), v.get("obligation")),
                html=rich_text(v.get("text")),
            )
        elif kind in ("statement", "job_search_conversation"):
            fields[kind] = AnswerWithText(
                answer=v.get("answer"),
                answer_label=_label(yes_no, v.get("answer")),
                html=rich_text(v.get("text")),
            )
        elif kind == "benefit_notes":
            notes = v.get("notes") or []
            labels = _choices("benefit_notes")
            fields[kind] = BenefitNotes(
                notes=notes,
                note_labels=[Choice(value=n, label=_label(labels, n)) for n in notes if n],
                html=rich_text(v.get("text")),
            )
        elif kind in ("archiving", "client_consent"):
            applies = bool(v.get("required"))
            fields[kind] = FlagWithInstructions(
                applies=applies,
                applies_label=str(yes_no["yes" if applies else "no"]),
                html=rich_text(v.get("instructions")),
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
