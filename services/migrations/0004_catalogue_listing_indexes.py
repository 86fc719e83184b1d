"""Indexes for the API's catalogue listing on Wagtail's page table: the live pages of a
locale in title order, and the count of a page type's live pages in a locale. Partial
(`WHERE live`) indexes, the same SQL on SQLite and PostgreSQL; the table is Wagtail's,
hence raw SQL (see tests/benchmarks/api.py for the effect at 20,000 services)."""

from django.db import migrations

INDEXES = {
    "services_page_live_locale_title": "(locale_id, title, id)",
    "services_page_live_type_locale": "(content_type_id, locale_id)",
    "services_page_live_locale_published": "(locale_id, last_published_at)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_service_list_admin"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page {columns} WHERE live",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
