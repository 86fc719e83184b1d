"""Build admin form submissions the way the page editor sends them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def _pks(manager):
    return [str(pk) for pk in manager.values_list("pk", flat=True)]


def service_form_data(page, *, internal=(), action=None, **overrides):
    """POST data for the edit view of `page`, keeping its public values.

    StreamFields other than `internal` are sent empty; `internal` is sent as given
    (a list of (block_type, value) pairs; empty by default). For a user without the
    internal panel it is a forged field, which the form must ignore.
    """
    data = {
        "title": page.title,
        "slug": page.slug,
        "short_description": page.short_description,
        "service_category": page.service_category_id or "",
        "audiences": _pks(page.audiences),
        "client_situations": _pks(page.client_situations),
        "target_groups": _pks(page.target_groups),
        "target_group_description": rich_text(page.target_group_description or ""),
        "employment_statuses": _pks(page.employment_statuses),
        "age_min": page.age_min if page.age_min is not None else "",
        "age_max": page.age_max if page.age_max is not None else "",
        "participating_municipalities": _pks(page.participating_municipalities),
        "implementation_types": _pks(page.implementation_types),
        "implementation_text": page.implementation_text,
        "participation": rich_text(page.participation or ""),
        "requirements": rich_text(page.requirements or ""),
        "benefits": rich_text(page.benefits or ""),
        "price": page.price if page.price is not None else "",
        "price_description": page.price_description,
        "accessibility": _pks(page.accessibility),
        "public_contacts": _pks(page.public_contacts),
        "provider_updater": page.provider_updater_id or "",
        "municipal_responsible": page.municipal_responsible_id or "",
        # The municipal side's fields (a provider's form has no such fields: ignored there).
        "responsibility_basis": page.responsibility_basis,
        "involved_partners": _pks(page.involved_partners),
        "search_boost": page.search_boost,
        "seo_title": "",
        "search_description": "",
    }
    for flag in ("all_working_age", "residence_irrelevant", "is_free"):
        if getattr(page, flag):
            data[flag] = "on"
    data.update(overrides)
    for key in [k for k, v in data.items() if v is None]:
        del data[key]
    nested = {
        "time_and_place": streamfield([]),
        "description": streamfield([]),
        "resources": streamfield([]),
        "languages": inline_formset([]),
        "related_services": inline_formset([]),
        "comments": inline_formset([]),
    }
    nested["internal"] = streamfield(list(internal))
    data.update(nested_form_data(nested))
    if action:
        data[f"action-{action}"] = action
    return data


__all__ = ["rich_text", "service_form_data"]
