from django.contrib import admin
from django.db import transaction

from plenaria.core import audit
from plenaria.core.models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin writes leave audit entries too, inlines included: the audit log has no
    back door."""

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                actor=request.user,
                action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
                obj=obj,
                before=before,
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                actor=request.user,
                action=AuditEntry.Action.DELETE,
                obj=obj,
                before=audit.snapshot(obj),
                after={},
            )
            super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            befores = {
                f.instance.pk: audit.snapshot(type(f.instance).objects.get(pk=f.instance.pk))
                for f in formset.forms
                if f.instance.pk and f.has_changed()
            }
            for obj in formset.deleted_objects if hasattr(formset, "deleted_objects") else []:
                audit.record(
                    actor=request.user,
                    action=AuditEntry.Action.DELETE,
                    obj=obj,
                    before=audit.snapshot(obj),
                    after={},
                )
            instances = formset.save()
            for obj in instances:
                audit.record(
                    actor=request.user,
                    action=AuditEntry.Action.UPDATE
                    if obj.pk in befores
                    else AuditEntry.Action.CREATE,
                    obj=obj,
                    before=befores.get(obj.pk, {}),
                )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read-only, for everyone."""

    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username", "context"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
