from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delivery, Pledge


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ["delivered_on", "amount", "quantity", "evidence_url", "note"]


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "partner", "category", "estimated_value", "currency", "status"]
    list_filter = ["category", "status", "valuation_method"]
    search_fields = ["description", "partnership__code", "partner__organisation__name"]
    raw_id_fields = ["partnership", "partner", "paid_to", "created_by"]
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(SimpleHistoryAdmin):
    list_display = ["pledge", "delivered_on", "amount"]
    raw_id_fields = ["pledge", "recorded_by"]
    exclude = ["evidence_file"]
