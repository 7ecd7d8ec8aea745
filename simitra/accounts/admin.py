from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class SimitraUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "language",
        "is_staff",
        "is_demo",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "is_demo", "language"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Simitra"), {"fields": ["language", "position", "phone", "is_demo"]}),
    ]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "is_admin", "position", "created_at"]
    list_filter = ["is_admin", "organisation__sector"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
