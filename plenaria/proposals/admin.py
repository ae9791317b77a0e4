from django.contrib import admin

from plenaria.core.admin import AuditedModelAdmin
from plenaria.proposals.models import Motion, Proposal, WorkingGroup


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditedModelAdmin):
    list_display = ["name", "conference", "axis"]
    list_filter = ["axis__edition"]
    search_fields = ["name", "conference__title"]
    raw_id_fields = ["conference", "coordinator", "rapporteur"]


@admin.register(Proposal)
class ProposalAdmin(AuditedModelAdmin):
    list_display = ["__str__", "conference", "sphere", "status", "group_result", "final_status"]
    list_filter = ["sphere", "status", "group_result", "final_status"]
    search_fields = ["text", "conference__title"]
    raw_id_fields = ["conference", "refers_to", "group", "event", "merged_into"]


@admin.register(Motion)
class MotionAdmin(AuditedModelAdmin):
    list_display = ["__str__", "conference", "kind", "final_status"]
    search_fields = ["text", "addressee", "conference__title"]
    raw_id_fields = ["conference", "proposer"]
