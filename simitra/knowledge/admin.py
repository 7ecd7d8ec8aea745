from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from simitra.lib.stemming import index_text

from .models import Lesson, PartnershipIndex, Practice, SustainabilityPlan, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SustainabilityPlan)
class SustainabilityPlanAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "updated_at"]
    raw_id_fields = ["partnership", "updated_by"]


class KnowledgeItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "visibility", "published_at"]
    list_filter = ["visibility"]
    search_fields = ["title", "partnership__code"]
    raw_id_fields = ["partnership", "created_by"]
    filter_horizontal = ["tags"]

    def save_related(self, request, form, formsets, change):
        # Keep the search stems in step with edits made here too.
        super().save_related(request, form, formsets, change)
        item = form.instance
        item.assign_slug()
        item.search_stems = index_text(*item.index_texts([t.name for t in item.tags.all()]))
        item.save(update_fields=["slug", "search_stems"])


admin.site.register(Lesson, KnowledgeItemAdmin)
admin.site.register(Practice, KnowledgeItemAdmin)


@admin.register(PartnershipIndex)
class PartnershipIndexAdmin(admin.ModelAdmin):
    list_display = ["partnership", "source_updated_at"]
    raw_id_fields = ["partnership"]
