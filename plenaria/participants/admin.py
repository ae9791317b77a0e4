from django.contrib import admin

from plenaria.core.admin import AuditedModelAdmin
from plenaria.participants.models import CategoryOption, CheckIn, Person, Registration


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


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "social_name", "municipality"]
    search_fields = ["name_key", "social_name"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["code", "person", "conference", "category", "segment", "status", "origin"]
    list_filter = ["category", "segment", "status", "origin"]
    search_fields = ["code", "person__name_key"]
    list_select_related = ["person", "conference"]
    exclude = ["pin"]  # shown only on the check-in desk's slip, which is audited


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["registration", "shift", "at", "by"]
    list_select_related = ["registration__person", "shift"]
