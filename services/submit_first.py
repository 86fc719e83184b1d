"""The page editor's main button for those who submit rather than publish.

Wagtail makes the first item of the action menu its button, in its items' order: save
draft first, "Submit to Kunnan tarkastus" last, under "More actions". A provider's editor
cannot publish: their work ends in submitting the service to the municipal review, so that
is their main button and "Save draft" moves into the menu. Whoever may publish keeps
their own first action (publish, or the review's approve: services.action_menu).

Registered in wagtail_hooks.py as `construct_page_action_menu`; the rule is
`submit_is_primary`.
"""

SUBMIT = "action-submit"
PUBLISH = "action-publish"


def submit_is_primary(menu_items) -> bool:
    """Submitting is the main action when it is offered and publishing is not."""
    names = {item.name for item in menu_items}
    return SUBMIT in names and PUBLISH not in names


def submit_first(menu_items, request, context):
    """construct_page_action_menu: move the submit item to the front (in place), so it
    becomes the default button. Other items keep their order."""
    if not submit_is_primary(menu_items):
        return
    submit = next(item for item in menu_items if item.name == SUBMIT)
    menu_items.remove(submit)
    menu_items.insert(0, submit)
