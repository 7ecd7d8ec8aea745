"""Tags saved as `[]bank sampah` or `['UMKM']` (the lesson and practice forms once pre-filled the
tag field with `[]`) lose their brackets and quotes; a tag left with no name is removed, and one
whose clean name another tag already has is merged into it, history included."""

from django.db import migrations
from django.db.models import Q
from django.utils.text import slugify

# As in knowledge.models.NAME_WRAPPERS when this was written.
WRAPPERS = "[]\"' \t"


def clean_name(name: str) -> str:
    return " ".join(name.strip(WRAPPERS).split())[:60].strip(WRAPPERS)


def clean_tag_names(apps, schema_editor):
    Tag = apps.get_model("knowledge", "Tag")
    through = {
        "lesson": (apps.get_model("knowledge", "Lesson").tags.through, "lesson_id"),
        "practice": (apps.get_model("knowledge", "Practice").tags.through, "practice_id"),
    }
    histories = [
        apps.get_model("knowledge", "HistoricalLesson_tags"),
        apps.get_model("knowledge", "HistoricalPractice_tags"),
    ]
    for tag in Tag.objects.order_by("pk"):
        name = clean_name(tag.name)
        if name == tag.name:
            continue
        slug = slugify(name)[:70]
        keeper = (
            Tag.objects.exclude(pk=tag.pk).filter(Q(slug=slug) | Q(name=name)).first()
            if slug
            else None
        )
        if slug and keeper is None:
            tag.name, tag.slug = name, slug
            tag.save(update_fields=["name", "slug"])
            continue
        for model, item_field in through.values():
            rows = model.objects.filter(tag_id=tag.pk)
            if keeper is not None:
                already = model.objects.filter(tag_id=keeper.pk).values(item_field)
                rows.exclude(**{f"{item_field}__in": already}).update(tag_id=keeper.pk)
            rows.delete()
        for history in histories:
            rows = history.objects.filter(tag_id=tag.pk)
            if keeper is not None:
                rows.update(tag_id=keeper.pk)
            else:
                rows.delete()
        tag.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(clean_tag_names, migrations.RunPython.noop, elidable=True),
    ]
