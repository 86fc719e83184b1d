"""The catalogue's admin stylesheet (services/static/services/admin.css), registered in
wagtail_hooks.py as insert_global_admin_css."""

from django.templatetags.static import static
from django.utils.html import format_html


def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("services/admin.css"))
