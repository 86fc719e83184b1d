"""The admin in Finnish and Swedish where Wagtail and wagtail-localize fall short (issue 17,
"English left in the Finnish and Swedish admin").

1. Upstream messages without a Finnish or Swedish translation (or with a wrong one, "Mallin
   jäsenyys … luotu"). Our catalogue (translations/locale, settings.LOCALE_PATHS) comes first
   for every gettext call, Wagtail's own included, so these msgids are translated there. They
   are listed here, with gettext_noop, only so that `make makemessages` keeps them in our
   catalogue (it drops what the source does not use) and `make messages-check` checks them;
   nothing calls UPSTREAM_MESSAGES. The English text must stay exactly Wagtail's msgid.
   The screens are swept for English left over by tests/translations/test_admin_english.py;
   what it finds in an upstream message goes here. Wagtail's scripts translate through
   Django's JavaScript catalogue, which reads translations/locale/<language>/LC_MESSAGES/
   djangojs.po (kept by hand: makemessages extracts only the django domain).
2. `segment_comment`: a translated segment's note ("Translated manually on {date}") with the
   date in the active language's format ("1.12.2026", "1 december 2026"), not strftime's
   English month ("Manuellt översatt på 1 December 2026").
3. `editor_heading_script`: wagtail-localize writes its editor's heading ("Suomi to Svenska
   translation") into its script in English; a small script replaces it with ours.
4. Snippet choosers' texts ("Edit this municipality") are formatted once, when the form is
   defined, in English: `install` makes them lazy, formatted in the request's language.

`install()` runs from TranslationsConfig.ready.
"""

from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

UPSTREAM_MESSAGES = [
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("Go to the first error"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Search all pages…"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Actions (footer)"),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("Close dialog"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Snug"),
    gettext_noop("Source title"),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    gettext_noop("Toggle section"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Any"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("By task"),
    gettext_noop("By workflow"),
    gettext_noop("Checks"),
    gettext_noop("Content metrics"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Is commenting action"),
    gettext_noop("Maximum"),
    gettext_noop("Minimum"),
    gettext_noop("Readability"),
    gettext_noop("Saved"),
    gettext_noop("Show issue"),
    gettext_noop("Sort menu order"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle status"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Usage count"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("This data explained"),
    gettext_noop("Translation of %(instance)s into %(locale)s"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop(
        "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."
    ),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Copied for translation from %(title)s (%(locale)s)"),
    gettext_noop("Application"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Add or show comments"),
    gettext_noop("Text editing"),
    gettext_noop("Section"),
    gettext_noop("account"),
    gettext_noop(
        "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
    ),
    gettext_noop(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_noop("View latest version"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_noop("How we calculate our metrics"),
    gettext_noop("A network error occurred"),
]


def segment_comment(string_translation) -> str | None:
    """StringTranslation.get_comment, its date in the active language's format."""
    from wagtail_localize.models import StringTranslation

    date = formats.date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name:
        return gettext("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return gettext("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return gettext("Machine translated on {date}").format(date=date)
    return None


def editor_heading_script() -> str:
    """insert_editor_js: the translation editor's heading in the admin's language
    (translations/static/translations/editor-heading.js)."""
    return format_html(
        '<script src="{}" data-heading="{}" defer></script>',
        static("translations/editor-heading.js"),
        # Translators: the heading of wagtail-localize's editor, e.g. "Suomi → Svenska".
        gettext("Translation: %(source)s → %(target)s"),
    )


def _formatted(message, name):
    return gettext(message) % {"object": name}


_lazy_formatted = lazy(_formatted, str)


def _snippet_chooser_init(original):
    def __init__(self, model, **kwargs):
        original(self, model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = _lazy_formatted("Choose %(object)s", name)
        self.choose_another_text = _lazy_formatted("Choose another %(object)s", name)
        self.link_to_chosen_text = _lazy_formatted("Edit this %(object)s", name)

    return __init__


_INSTALLED = False


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    from wagtail.snippets.widgets import AdminSnippetChooser
    from wagtail_localize.models import StringTranslation

    StringTranslation.get_comment = segment_comment
    AdminSnippetChooser.__init__ = _snippet_chooser_init(AdminSnippetChooser.__init__)
    _INSTALLED = True
