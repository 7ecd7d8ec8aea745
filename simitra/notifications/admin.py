from django.contrib import admin

from .models import Digest, Notification, Preference, Reminder


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "partnership", "delivery", "read_at"]
    list_filter = ["kind", "delivery"]
    raw_id_fields = ["recipient", "partnership", "digest"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    raw_id_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "frequency", "count", "sent_at"]
    raw_id_fields = ["recipient"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "item", "item_pk", "due_date", "step"]
