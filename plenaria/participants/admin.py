from django.contrib import admin

from plenaria.core.admin import AuditedModelAdmin
from plenaria.participants.models import CategoryOption, CheckIn, Registration
from plenaria.participants.rules import PERSONAL_FIELDS


@admin.register(CategoryOption)
class CategoryOptionAdmin(AuditedModelAdmin):
    """Which categories a conference offers online, and their places."""

    list_display = ["conference", "category", "online", "capacity"]
    list_filter = ["category", "online"]
    search_fields = ["conference__title"]
    autocomplete_fields = ["conference"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """People and registrations change through their services (validated, audited)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    # No names or contacts here: those are seen on the conference's own pages by its
    # organisers, where every view and export is audited.
    list_display = ["code", "conference", "category", "segment", "status", "origin"]
    list_filter = ["category", "segment", "status", "origin"]
    search_fields = ["code"]
    list_select_related = ["conference"]
    # the PIN is shown only on the check-in desk's slip, which is audited
    exclude = [
        *PERSONAL_FIELDS,
        "accessibility_needs",
        "accessibility_other",
        "self_declarations",
        "pin",
    ]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["registration", "shift", "at", "by"]
    list_select_related = ["registration", "shift"]
