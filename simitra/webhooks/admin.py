from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(SimpleHistoryAdmin):
    list_display = ["url", "partnership", "owner", "status", "consecutive_failures"]
    list_filter = ["status"]
    search_fields = ["url", "partnership__code", "owner__username"]
    raw_id_fields = ["partnership", "owner"]
    exclude = ["secret"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_type",
        "subscription",
        "status",
        "attempts",
        "response_code",
        "created_at",
    ]
    list_filter = ["status", "event_type"]
    raw_id_fields = ["subscription", "resent_from"]
    readonly_fields = ["body"]
