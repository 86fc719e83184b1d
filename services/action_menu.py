"""The page editor's action menu (the footer's publish button and its drop-up).

Registered in wagtail_hooks.py as `construct_page_action_menu`. Wagtail sorts the menu by
its items' `order` (save draft, unpublish, publish, cancel/restart workflow, submit, then
the review actions) and makes the first one the default button. For a producer reviewing a
service that put "Piilota" (unpublish) beside "Julkaise", the review actions last, and the
approve action read "Hyväksy ja julkaise ja julkaise": Wagtail appends "and Publish" to
every approve action of a workflow's last task, and ours already says so.

The rule, in one place: the review's approve action is the default (the reviewer's main
action), the other review actions follow, then the rest in Wagtail's order, and the
destructive actions (unpublish, delete) come last.
"""

from wagtail.admin.action_menu import WorkflowMenuItem

from .models.workflows import REVIEW_ACTIONS

# Review actions by (name, opens a dialog): the label the task gives them.
REVIEW_LABELS = {(name, modal): label for name, label, modal in REVIEW_ACTIONS}

DESTRUCTIVE = ("action-unpublish", "action-delete")


def rank(item) -> int:
    """0: approve (the default), 1: other review actions, 2: the rest, 3: destructive."""
    if isinstance(item, WorkflowMenuItem):
        return 0 if item.name == "approve" and not item.launch_modal else 1
    if item.name in DESTRUCTIVE:
        return 3
    return 2


def review_label(item):
    """The task's own label of a review action (Wagtail's "%(label)s and Publish" undone)."""
    if isinstance(item, WorkflowMenuItem):
        return REVIEW_LABELS.get((item.name, item.launch_modal), item.label)
    return item.label


def order_action_menu(menu_items, request, context):
    """construct_page_action_menu: labels and order as the module docstring says (in place;
    the sort is stable, so items of one rank keep Wagtail's order)."""
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem):  # made per request; the others are shared
            item.label = review_label(item)
    menu_items.sort(key=rank)
