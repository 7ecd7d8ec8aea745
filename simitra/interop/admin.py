from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IatiProfile


@admin.register(IatiProfile)
class IatiProfileAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "iati_identifier", "title_en"]
    search_fields = ["iati_identifier", "partnership__code", "partnership__title", "title_en"]
    autocomplete_fields = ["partnership"]
