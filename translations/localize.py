"""Create translations through wagtail-localize's own objects, so they show in its editor."""

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def translate(instance, locale, strings: dict[str, str] | None = None, *, user=None, publish=True):
    """Translate `instance` into `locale` with wagtail-localize and save the target.

    `strings` maps source texts to their translations; segments without one fall
    back to the source text (wagtail-localize shows them as untranslated).
    Returns the translated instance.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if strings:
        add_string_translations(translation, strings, user=user)
    translation.save_target(user=user, publish=publish)
    target = translation.get_target_instance()
    return target.specific if isinstance(target, Page) else target


def add_string_translations(translation, strings: dict[str, str], user=None) -> int:
    """Record translations of the source's string segments found in `strings`."""
    created = 0
    segments = translation.source.stringsegment_set.select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if not text:
            continue
        _obj, was_created = StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        created += int(was_created)
    return created


__all__ = ["translate", "add_string_translations"]
