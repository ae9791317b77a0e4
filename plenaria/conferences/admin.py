from django.contrib import admin

from plenaria.conferences.models import (
    CommissionMember,
    Conference,
    ConferenceRole,
    ConvocationAct,
    ProgrammeItem,
    Shift,
)
from plenaria.core.admin import AuditedModelAdmin


class ConvocationActInline(admin.StackedInline):
    model = ConvocationAct
    extra = 0


class CommissionInline(admin.TabularInline):
    model = CommissionMember
    extra = 0


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class RoleInline(admin.TabularInline):
    model = ConferenceRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    """Read-only: conferences are written through their own pages, whose services
    validate and audit every change (administrators may write any conference there)."""

    list_display = ["title", "level", "edition", "state", "status", "start_date"]
    list_filter = ["edition", "level", "status", "state"]
    search_fields = ["title", "municipality__name"]
    readonly_fields = ["status", "created_by"]
    autocomplete_fields = ["municipality", "association", "parent"]
    list_select_related = ["edition", "state"]
    inlines = [ConvocationActInline, CommissionInline, ShiftInline, ProgrammeInline, RoleInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConferenceRole)
class ConferenceRoleAdmin(AuditedModelAdmin):
    """Grant a person a role in one conference (organiser, rapporteur, table, check-in)."""

    list_display = ["conference", "user", "role"]
    list_filter = ["role"]
    search_fields = ["conference__title", "user__username"]
    autocomplete_fields = ["conference", "user"]
