from django.contrib import admin

from plenaria.core.admin import AuditedModelAdmin
from plenaria.editions.models import Axis, CalendarWindow, Edition


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
