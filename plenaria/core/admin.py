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
            audit.record_deletion(actor=request.user, obj=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record_deletion(actor=request.user, obj=obj)
            super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        """Many-to-many fields (e.g. an association's members) are saved here, after
        save_model: record their before/after as lists of ids."""
        names = [f.name for f in form.instance._meta.many_to_many if f.name in form.fields]
        before = {n: _ids(form.instance, n) for n in names} if change else {}
        super().save_related(request, form, formsets, change)
        after = {n: _ids(form.instance, n) for n in names}
        if names and before != after:
            audit.record(
                actor=request.user,
                action=AuditEntry.Action.UPDATE,
                obj=form.instance,
                before=before,
                after=after,
            )

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            for deleted in formset.deleted_forms:
                obj = deleted.instance
                if obj.pk:
                    audit.record_deletion(actor=request.user, obj=obj)
            befores = {
                f.instance.pk: audit.snapshot(type(f.instance).objects.get(pk=f.instance.pk))
                for f in formset.forms
                if f.instance.pk and f.has_changed() and f not in formset.deleted_forms
            }
            for obj in formset.save():
                audit.record(
                    actor=request.user,
                    action=AuditEntry.Action.UPDATE
                    if obj.pk in befores
                    else AuditEntry.Action.CREATE,
                    obj=obj,
                    before=befores.get(obj.pk, {}),
                )


def _ids(obj, name: str) -> list[int]:
    return sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []


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
