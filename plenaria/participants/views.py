import base64

import segno
from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.models import Conference, Shift
from plenaria.conferences.permissions import get_conference_for_user
from plenaria.core import documents, ratelimit, spreadsheets
from plenaria.core import jobs as core_jobs
from plenaria.core.forms import apply_errors, as_int
from plenaria.core.net import client_address
from plenaria.participants import access, imports, rules, selectors, services
from plenaria.participants.forms import (
    ParticipantLoginForm,
    RegistrationEditForm,
    RegistrationForm,
    StaffRegistrationForm,
)
from plenaria.participants.models import Category, CheckIn, Registration
from plenaria.participants.permissions import (
    can_handle_personal_data,
    can_register_people,
    can_see_personal_data,
    get_conference_for_registration,
    get_registration_for_user,
)


@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    """The public registration form of a conference whose registration is open."""
    conference = get_conference_for_registration(pk)
    open_now = conference.status in services.ONLINE_STATUSES
    categories = selectors.offered_categories(conference, online=True)
    form = RegistrationForm(request.POST or None, conference=conference, categories=categories)
    throttled = None
    if open_now and request.method == "POST" and form.is_valid():
        try:
            # Each registration sends an e-mail: a script must not send hundreds.
            ratelimit.take(ratelimit.REGISTRATION_ADDRESS, client_address(request))
            registration = services.registration_create(
                actor=request.user,
                conference=conference,
                person_data=form.person_data(),
                data=form.registration_data(),
                origin=Registration.Origin.ONLINE,
            )
        except ValidationError as error:
            apply_errors(form, error)
            throttled = error if isinstance(error, ratelimit.Throttled) else None
        else:
            return redirect("participants:confirmation", code=registration.code)
    response = render(
        request,
        "participants/register.html",
        {"conference": conference, "form": form, "open_now": open_now},
        status=200 if open_now or request.method == "GET" else 409,
    )
    return ratelimit.answer(response, throttled)


def _registration_by_code(code: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("conference"),
        code=rules.normalise_code(code),
    )


@require_GET
def confirmation(request, code: str):
    """What the registration code shows: the name, the category and the status. No
    personal data beyond the name, since anyone holding the code sees this page."""
    registration = _registration_by_code(code)
    qr = segno.make(registration.code, error="m").svg_inline(scale=6, border=2)
    return render(
        request,
        "participants/confirmation.html",
        {"registration": registration, "qr": mark_safe(qr)},  # noqa: S308 - our own SVG
    )


@require_GET
def qr_png(request, code: str):
    registration = _registration_by_code(code)
    return HttpResponse(documents.qr_png(registration.code), content_type="image/png")


# --- staff --------------------------------------------------------------------------


@login_required
@require_GET
def registration_list(request, pk: int):
    # Readers of the conference see the list, masked.
    conference = get_conference_for_user(request.user, pk)
    filters = {
        "search": request.GET.get("q", "")[:100],
        "category": request.GET.get("categoria", "")
        if request.GET.get("categoria", "") in Category.values
        else "",
        "status": request.GET.get("situacao", "")
        if request.GET.get("situacao", "") in Registration.Status.values
        else "",
    }
    personal = can_see_personal_data(request.user, conference)
    page = Paginator(
        selectors.registrations_of(conference, **filters, by_cpf=personal), 100
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "participants/registration_list.html",
        {
            "conference": conference,
            "page": page,
            "filters": filters,
            "query": urlencode(
                {
                    "q": filters["search"],
                    "categoria": filters["category"],
                    "situacao": filters["status"],
                }
            ),
            "counts": selectors.registration_counts(conference),
            "personal": personal,
            "can_handle_personal_data": can_handle_personal_data(request.user, conference),
            "can_register": can_register_people(request.user, conference),
            "categories": Category.choices,
            "statuses": Registration.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_new(request, pk: int):
    """On-site registration by staff: the same form, every offered category."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    # Coming from the check-in desk: the new registration is credentialed at once.
    shift_id = as_int(request.GET.get("credenciar"))
    checkin_shift = conference.shifts.filter(pk=shift_id).first() if shift_id else None
    categories = selectors.offered_categories(conference, online=False)
    form = StaffRegistrationForm(request.POST or None, conference=conference, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user,
                conference=conference,
                person_data=form.person_data(),
                data=form.registration_data(),
                origin=Registration.Origin.STAFF,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s registered with code %(code)s (%(status)s).")
                % {
                    "name": registration.display_name,
                    "code": registration.code,
                    "status": registration.get_status_display().lower(),
                },
            )
            if checkin_shift:
                try:
                    services.checkin(
                        actor=request.user, registration=registration, shift=checkin_shift
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("Credentialed in “%s”.") % checkin_shift)
                return redirect(
                    reverse("participants:credentialing", args=[conference.pk])
                    + f"?turno={checkin_shift.pk}"
                )
            return redirect("participants:new", pk=conference.pk)
    return render(
        request,
        "participants/registration_new.html",
        {"conference": conference, "form": form, "checkin_shift": checkin_shift},
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_edit(request, pk: int, registration_pk: int):
    """Staff correct a registration (and the person's data)."""
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_register_people
    )
    conference = registration.conference
    if registration.erased_at:
        messages.error(request, _("This person's data were erased and cannot be edited."))
        return redirect("participants:list", pk=conference.pk)
    form = RegistrationEditForm(
        request.POST or None,
        registration=registration,
        conference=conference,
        categories=selectors.offered_categories(conference, online=False),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(
                actor=request.user,
                registration=registration,
                person_data=form.person_data(),
                data=form.registration_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Registration %s saved.") % registration.code)
            return redirect("participants:list", pk=conference.pk)
    return render(
        request,
        "participants/registration_new.html",
        {"conference": conference, "form": form, "registration": registration},
    )


def _substitution_page(request, substitute, error: str = ""):
    conference = substitute.conference
    return render(
        request,
        "participants/substitution.html",
        {
            "conference": conference,
            "substitute": substitute,
            "titulars": selectors.absent_titulars(conference, segment=substitute.segment),
            "error": error,
            "shift_id": as_int(request.GET.get("turno") or request.POST.get("turno")),
        },
        status=400 if error else 200,
    )


def _after_substitution(request, conference):
    """Back to the check-in desk's shift when the desk sent us, else to the list."""
    back = request.POST.get("turno")
    if as_int(back):
        return redirect(
            reverse("participants:credentialing", args=[conference.pk]) + f"?turno={back}"
        )
    return redirect("participants:list", pk=conference.pk)


@login_required
@require_http_methods(["GET", "POST"])
def substitution(request, pk: int, registration_pk: int):
    """A substitute delegate (suplente) replaces a named absent titular."""
    substitute = get_registration_for_user(
        request.user, pk, registration_pk, action=can_register_people, substitute=True
    )
    conference = substitute.conference
    if request.method == "POST":
        titular = get_object_or_404(
            Registration, pk=as_int(request.POST.get("titular")) or 0, conference=conference
        )
        try:
            services.substitute_replace(actor=request.user, substitute=substitute, titular=titular)
        except ValidationError as problem:
            return _substitution_page(request, substitute, " ".join(problem.messages))
        messages.success(
            request,
            _("%(substitute)s replaces %(titular)s.")
            % {"substitute": substitute.display_name, "titular": titular.display_name},
        )
        return _after_substitution(request, conference)
    return _substitution_page(request, substitute)


@login_required
@require_POST
def substitution_release(request, pk: int, registration_pk: int):
    """The substitute stops replacing the titular (who arrived)."""
    substitute = get_registration_for_user(
        request.user, pk, registration_pk, action=can_register_people, substitute=True
    )
    try:
        services.substitute_release(actor=request.user, substitute=substitute)
    except ValidationError as problem:
        return _substitution_page(request, substitute, " ".join(problem.messages))
    messages.success(request, _("The replacement was undone."))
    return _after_substitution(request, substitute.conference)


@login_required
@require_POST
def registration_cancel(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_register_people
    )
    conference = registration.conference
    try:
        promoted = services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Registration %s cancelled.") % registration.code)
        if promoted:
            messages.info(
                request,
                _("%(name)s left the waiting list and is now confirmed.")
                % {"name": promoted.display_name},
            )
    return redirect("participants:list", pk=conference.pk)


# --- credentialing ------------------------------------------------------------------


def _shift(conference: Conference, value) -> Shift | None:
    shift_id = as_int(value)
    if shift_id:
        found = conference.shifts.filter(pk=shift_id).first()
        if found:
            return found
    return selectors.current_shift(conference, timezone.localtime())


@login_required
@require_GET
def credentialing(request, pk: int):
    """The check-in desk: read a code (USB reader or typed) or search by name or CPF,
    and confirm presence in one action."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    shift = _shift(conference, request.GET.get("turno"))
    search = request.GET.get("q", "")[:100].strip()
    results, present_ids = [], set()
    if shift and search:
        results = list(selectors.registrations_of(conference, search=search, by_cpf=True)[:25])
        present_ids = set(
            CheckIn.objects.filter(shift=shift, registration__in=results).values_list(
                "registration_id", flat=True
            )
        )
    return render(
        request,
        "participants/credentialing.html",
        {
            "conference": conference,
            "shift": shift,
            "shifts": conference.shifts.all(),
            "search": search,
            "results": results,
            "present_ids": present_ids,
            "counts": selectors.presence_counts(shift) if shift else None,
            # Accessibility needs are personal data: the desk shows them to who may see
            # them, so the person gets the interpreter or the seat without asking twice.
            "personal": can_see_personal_data(request.user, conference),
        },
    )


@login_required
@require_GET
def credentialing_counts(request, pk: int):
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    shift = _shift(conference, request.GET.get("turno"))
    return render(
        request,
        "participants/_presence_counts.html",
        {"counts": selectors.presence_counts(shift) if shift else None, "shift": shift},
    )


@login_required
@require_POST
def credentialing_confirm(request, pk: int):
    """Confirm presence by registration id (search results) or by code (reader)."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    shift = _shift(conference, request.POST.get("turno"))
    back = reverse("participants:credentialing", args=[conference.pk])
    if shift is None:
        messages.error(request, _("Register the conference's shifts before credentialing."))
        return redirect(back)
    back += f"?turno={shift.pk}"
    registrations = Registration.objects.filter(conference=conference)
    registration_id = as_int(request.POST.get("registration"))
    if registration_id:
        registration = registrations.filter(pk=registration_id).first()
    else:
        registration = registrations.filter(
            code=rules.normalise_code(request.POST.get("code", ""))
        ).first()
    if registration is None:
        messages.error(request, _("No registration in this conference has this code."))
        return redirect(back)
    try:
        _record, created = services.checkin(
            actor=request.user, registration=registration, shift=shift
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = registration.display_name
        if created:
            messages.success(
                request,
                _("%(name)s credentialed (%(category)s).")
                % {"name": name, "category": registration.get_category_display().lower()},
            )
        else:
            messages.info(
                request, _("%(name)s was already credentialed in this shift.") % {"name": name}
            )
        needs = registration.accessibility_summary
        if needs and can_see_personal_data(request.user, conference):
            messages.warning(
                request,
                _("Accessibility needs of %(name)s: %(needs)s") % {"name": name, "needs": needs},
            )
    return redirect(back)


# --- import -------------------------------------------------------------------------

IMPORT_SESSION_KEY = "registration_import"
IMPORT_JOB = "participants.import"
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportUploadForm(django_forms.Form):
    file = django_forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))
    consent = django_forms.BooleanField(
        label=gettext_lazy("The people on this list were told how their data are used and agreed.")
    )
    # Only a long list uses it (a short one is previewed and the choice made there).
    mode = django_forms.ChoiceField(
        label=gettext_lazy("If a long list has lines with errors"),
        choices=[
            ("valid", gettext_lazy("Import the valid lines")),
            ("all", gettext_lazy("Import nothing: I will fix the file and send it again")),
        ],
        initial="valid",
        required=False,  # "valid" when not sent
        widget=django_forms.RadioSelect,
        help_text=gettext_lazy(
            "A list of hundreds of lines is checked and imported in the background: you "
            "follow it on its page, which then lists every line with errors. A shorter "
            "one shows you its check first, and you choose there."
        ),
    )


@login_required
@require_GET
def import_template(request, pk: int):
    get_conference_for_user(request.user, pk, action=can_register_people)  # 404 / 403
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modelo-inscricoes.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_registrations(request, pk: int):
    """Step 1 uploads and previews every row; step 2 imports the valid rows or, when the
    organiser chose so, all or nothing. The file waits in the session in between."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    categories = selectors.offered_categories(conference, online=False)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and request.POST.get("step") == "import":
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        if stored.get("conference") != conference.pk:
            messages.error(request, _("Send the file again: the preview expired."))
            return redirect("participants:import", pk=conference.pk)
        rows = imports.check_rows(
            conference,
            imports.read_table(base64.b64decode(stored["data"]), stored["name"]),
            categories,
        )
        bad = [row for row in rows if row.errors]
        if bad and request.POST.get("mode") != "valid":
            messages.error(request, _("Nothing was imported: %s lines have errors.") % len(bad))
        else:
            try:
                count = services.registrations_import(
                    actor=request.user, conference=conference, rows=rows
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                del request.session[IMPORT_SESSION_KEY]
                messages.success(request, _("%s registrations imported.") % count)
                return redirect("participants:list", pk=conference.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 2 MB; split it."))
        else:
            data = upload.read()
            try:
                raw = imports.read_table(data, upload.name)
                imports.check_format(raw)
            except ValueError as error:
                form.add_error("file", str(error))
            else:
                if len(raw) > services.IMPORT_CHUNK:
                    return _import_in_background(request, conference, form, data, len(raw))
                rows = imports.check_rows(conference, raw, categories)
                request.session[IMPORT_SESSION_KEY] = {
                    "conference": conference.pk,
                    "name": upload.name,
                    "data": base64.b64encode(data).decode(),
                }
    return render(
        request,
        "participants/import.html",
        {
            "conference": conference,
            "form": form,
            "rows": rows,
            "bad": [row for row in rows if row.errors] if rows is not None else [],
            "good": sum(1 for row in rows if not row.errors) if rows is not None else 0,
            "columns": imports.COLUMNS,
            "jobs": core_jobs.recent_of(request.user, conference.pk, kind=IMPORT_JOB),
        },
    )


def _import_in_background(request, conference, form, data: bytes, lines: int):
    """A long list: its rows are checked and imported by the worker (core.jobs), the
    organiser follows the job's page. A short one stays a preview in the request: it is
    checked in well under a second and nothing is saved before the organiser chooses."""
    upload = form.cleaned_data["file"]
    job = core_jobs.start(
        owner=request.user,
        kind=IMPORT_JOB,
        label=_("Import of a list into %(conference)s") % {"conference": conference.title},
        params={
            "conference": conference.pk,
            "actor": request.user.pk,
            "format": "xlsx" if upload.name.lower().endswith(".xlsx") else "csv",
            "mode": form.cleaned_data["mode"] or "valid",
        },
        conference_key=conference.pk,
        total=2 * lines,
        upload=data,
    )
    request.session.pop(IMPORT_SESSION_KEY, None)
    return redirect("job", pk=job.pk)


# --- statistics ---------------------------------------------------------------------


@login_required
@require_GET
def statistics(request, pk: int):
    """Counts only, no personal data: every reader of the conference sees them."""
    conference = get_conference_for_user(request.user, pk)
    stats = selectors.statistics(conference)
    if request.GET.get("formato") == "csv":
        return _statistics_csv(conference, stats)
    return render(
        request, "participants/statistics.html", {"conference": conference, "stats": stats}
    )


def _statistics_csv(conference, stats) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="estatisticas-conferencia-{conference.pk}.csv"'
    )
    response.write("\ufeff")  # lets spreadsheet programs read the accents
    writer = spreadsheets.CsvWriter(response)
    writer.writerow([_("Group"), _("Item"), _("Registered"), _("Present")])
    for title, rows in ((_("Segment"), stats["by_segment"]), (_("Category"), stats["by_category"])):
        for label, registered, present, _pct in rows:
            writer.writerow([title, label, registered, present])
    for label, n in stats["by_municipality"]:
        writer.writerow([_("Municipality of residence"), label, n, ""])
    for label, n in stats["by_need"]:
        writer.writerow([_("Accessibility needs"), label, n, ""])
    return response


# --- personal data (LGPD) -----------------------------------------------------------


@login_required
@require_GET
def person_export(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_handle_personal_data
    )
    data = services.person_data_export(actor=request.user, registration=registration)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="dados-pessoais-{registration.code}.json"'
    )
    return response


@login_required
@require_POST
def person_erase(request, pk: int, registration_pk: int):
    registration = get_registration_for_user(
        request.user, pk, registration_pk, action=can_handle_personal_data
    )
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation to erase the personal data."))
        return redirect("participants:list", pk=pk)
    try:
        erased = services.person_erase(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Personal data of registration %(old)s erased: it is now the anonymous "
                "registration %(new)s."
            )
            % {"old": registration.code, "new": erased.code},
        )
    return redirect("participants:list", pk=pk)


@require_http_methods(["GET", "POST"])
def participant_login(request):
    """A participant opens their page on a phone with the code and PIN of the badge."""
    form = ParticipantLoginForm(request.POST or None)
    throttled = None
    if request.method == "POST" and form.is_valid():
        try:
            registration = access.participant_login(
                request, code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
            )
        except ValidationError as error:
            apply_errors(form, error)
            throttled = error if isinstance(error, ratelimit.Throttled) else None
        else:
            return redirect("proposals:participant", code=registration.code)
    response = render(
        request,
        "participants/participant_login.html",
        {"form": form, "opened": access.opened_registrations(request)},
    )
    return ratelimit.answer(response, throttled)


@require_POST
def participant_logout(request):
    access.participant_logout(request)
    messages.success(request, _("You left the participant's page on this device."))
    return redirect("participants:participant_login")
