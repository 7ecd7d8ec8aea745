from django.contrib import admin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "key"]
    list_filter = ["kind"]
    search_fields = ["key", "user__username"]
    readonly_fields = ["user", "key", "kind", "answer", "created_at"]
