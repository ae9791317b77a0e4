from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenaria.core.admin import AuditedModelAdmin
from plenaria.territory import services
from plenaria.territory.models import (
    Association,
    AssociationMember,
    Council,
    CouncilMember,
    Municipality,
    State,
)


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))


class CsvImportMixin:
    """An admin page that previews a CSV import with every bad row and applies it
    only when the whole file is valid."""

    import_title = ""
    import_help = ""

    def parse(self, data: bytes) -> services.ImportResult:
        raise NotImplementedError

    def apply(self, request, result: services.ImportResult) -> int:
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 5 * 1024 * 1024:
                form.add_error("file", _("The file is larger than 5 MB."))
            else:
                result = self.parse(upload.read())
                if result.ok:
                    count = self.apply(request, result)
                    messages.success(request, _("Import done: %s records changed.") % count)
                    opts = self.model._meta
                    return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.import_title,
            "help": self.import_help,
            "form": form,
            "result": result,
        }
        return render(request, "admin/territory/csv_import.html", context)


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "ibge_code", "region"]
    search_fields = ["name", "abbreviation"]


@admin.register(Municipality)
class MunicipalityAdmin(CsvImportMixin, AuditedModelAdmin):
    list_display = ["name", "state", "ibge_code", "population", "population_source", "porte_label"]
    list_filter = ["state"]
    search_fields = ["name", "ibge_code"]
    readonly_fields = ["ibge_code", "state"]
    fields = [
        "name",
        "ibge_code",
        "state",
        "population",
        "population_year",
        "population_date",
        "population_source",
        "latitude",
        "longitude",
    ]
    list_select_related = ["state"]
    change_list_template = "admin/territory/municipality_changelist.html"
    import_title = gettext_lazy("Import population")
    import_help = gettext_lazy(
        "CSV with the columns ibge_code and population (optionally year), separated by "
        "comma or semicolon. Every line is checked first; nothing is changed while any "
        "line has an error."
    )

    @admin.display(description=gettext_lazy("size class"))
    def porte_label(self, obj):
        return obj.get_porte_display()

    def has_add_permission(self, request):
        return False  # municipalities come from the IBGE reference file

    def has_delete_permission(self, request, obj=None):
        return False

    def parse(self, data):
        return services.parse_population_csv(data)

    def apply(self, request, result):
        return services.population_import(actor=request.user, result=result)


@admin.register(Association)
class AssociationAdmin(CsvImportMixin, AuditedModelAdmin):
    list_display = ["name", "acronym", "kind", "state", "member_count"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["members"]
    change_list_template = "admin/territory/association_changelist.html"
    import_title = gettext_lazy("Import associations and regions")
    import_help = gettext_lazy(
        "CSV with one line per member municipality and the columns association, acronym, "
        "kind (association or region), state (UF) and ibge_code. Associations are created "
        "when new; members are added. Nothing is changed while any line has an error."
    )

    @admin.display(description=gettext_lazy("members"))
    def member_count(self, obj):
        return obj.members.count()

    def parse(self, data):
        return services.parse_association_csv(data)

    def apply(self, request, result):
        return services.association_import(actor=request.user, result=result)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["name", "level", "state"]
    list_filter = ["level", "state"]
    search_fields = ["name", "municipality__name"]
    readonly_fields = ["level", "state", "municipality"]
    inlines = [CouncilMemberInline]

    def has_add_permission(self, request):
        return False  # one council per territory, created with the reference data


@admin.register(CouncilMember)
class CouncilMemberAdmin(AuditedModelAdmin):
    list_display = ["name", "council", "role", "sector", "is_organiser", "term_start", "term_end"]
    list_filter = ["role", "sector", "is_organiser", "council__level"]
    search_fields = ["name", "council__name", "user__username"]
    autocomplete_fields = ["council", "user"]


@admin.register(AssociationMember)
class AssociationMemberAdmin(AuditedModelAdmin):
    list_display = ["user", "association", "is_organiser"]
    autocomplete_fields = ["association", "user"]
