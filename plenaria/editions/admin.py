from django.contrib import admin

from plenaria.core.admin import AuditedModelAdmin
from plenaria.editions.models import Axis, CalendarWindow, DeliberationRules, Edition


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


class CalendarWindowInline(admin.TabularInline):
    model = CalendarWindow
    extra = 0


@admin.register(Edition)
class EditionAdmin(AuditedModelAdmin):
    list_display = ["number", "year", "nature", "theme"]
    inlines = [AxisInline, CalendarWindowInline]


@admin.register(DeliberationRules)
class DeliberationRulesAdmin(AuditedModelAdmin):
    list_display = ["edition", "state", "max_per_axis_sphere", "motion_signature_share"]
    list_filter = ["edition"]
