from django import forms
from django.contrib import admin

from plenaria.conferences.rules import is_locked
from plenaria.conferences.services import check_not_locked
from plenaria.core.admin import AuditedModelAdmin
from plenaria.proposals.models import Motion, Proposal, WorkingGroup


class OpenConferenceForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        conference = data.get("conference")
        if conference is not None:
            check_not_locked(conference)
        return data


class ConferenceRecordAdmin(AuditedModelAdmin):
    """Groups, proposals and motions are the record of their conference: once it is
    closed, the admin shows them read-only too (the services' rule, conference_for_write)."""

    form = OpenConferenceForm

    def has_change_permission(self, request, obj=None):
        if obj is not None and is_locked(obj.conference):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and is_locked(obj.conference):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ConferenceRecordAdmin):
    list_display = ["name", "conference", "axis"]
    list_filter = ["axis__edition"]
    search_fields = ["name", "conference__title"]
    raw_id_fields = ["conference", "coordinator", "rapporteur"]


@admin.register(Proposal)
class ProposalAdmin(ConferenceRecordAdmin):
    list_display = ["__str__", "conference", "sphere", "status", "group_result", "final_status"]
    list_filter = ["sphere", "status", "group_result", "final_status"]
    search_fields = ["text", "conference__title"]
    raw_id_fields = ["conference", "refers_to", "group", "event", "merged_into"]


@admin.register(Motion)
class MotionAdmin(ConferenceRecordAdmin):
    list_display = ["__str__", "conference", "kind", "final_status"]
    search_fields = ["text", "addressee", "conference__title"]
    raw_id_fields = ["conference", "proposer"]
