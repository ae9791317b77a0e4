from django.contrib import admin

from plenaria.conferences.models import (
    CommissionMember,
    Conference,
    ConferenceRole,
    ConvocationAct,
    ProgrammeItem,
    Shift,
)


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
    """Read and fix data; status changes go through the conference pages (audited)."""

    list_display = ["title", "level", "edition", "state", "status", "start_date"]
    list_filter = ["edition", "level", "status", "state"]
    search_fields = ["title", "municipality__name"]
    readonly_fields = ["status", "created_by"]
    autocomplete_fields = ["municipality", "association", "parent"]
    list_select_related = ["edition", "state"]
    inlines = [ConvocationActInline, CommissionInline, ShiftInline, ProgrammeInline, RoleInline]
