"""Preparatory events (pré-conferências) of a conference and regional meetings of an
association: the event, its attendance list, the delegates it elects, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenaria.conferences.forms import PreparatoryEventForm
from plenaria.conferences.permissions import (
    can_write_event,
    get_conference_for_user,
    get_event_for_user,
)
from plenaria.conferences.services import preparatory_event_save
from plenaria.core import documents as core_documents
from plenaria.core import jobs as core_jobs
from plenaria.core.audit import entries_for_context
from plenaria.core.collation import by
from plenaria.core.forms import apply_errors, as_int, as_key
from plenaria.participants import documents, selectors, services
from plenaria.participants.forms import AttendanceForm
from plenaria.participants.models import Attendance, Category, Segment
from plenaria.participants.permissions import (
    can_change_attendance,
    can_create_events,
    can_register_people,
    get_association_for_user,
    get_attendance_for_user,
)


@login_required
@require_http_methods(["GET", "POST"])
def event_list(request, pk: int, owner: str):
    """The events of a conference (pré-conferências) or of an association (regional
    meetings), with the form to create one."""
    action = can_create_events if request.method == "POST" else None
    if owner == "conference":
        conference = get_conference_for_user(request.user, pk, action=action)
        association = None
        events = conference.preparatory_events.all()
    else:
        association = get_association_for_user(request.user, pk, action=action)
        conference = None
        events = association.events.all()
    form = PreparatoryEventForm(request.POST or None, for_conference=conference is not None)
    if request.method == "POST" and form.is_valid():
        try:
            event = preparatory_event_save(
                actor=request.user,
                data=form.cleaned_data,
                conference=conference,
                association=association,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Event “%s” created.") % event.title)
            return redirect("participants:event", pk=event.pk)
    return render(
        request,
        "participants/event_list.html",
        {
            "conference": conference,
            "association": association,
            "events": events.annotate(
                present=Count("attendances", distinct=True),
                elected_count=Count("elected", distinct=True),
            ),
            "form": form,
            "can_create": can_create_events(request.user, conference or association),
            "can_register": conference is not None
            and can_register_people(request.user, conference),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request, pk: int):
    """The event's page: its data, the attendance list (add people), the delegates it
    elected and the documents."""
    event = get_event_for_user(
        request.user, pk, action=can_change_attendance if request.method == "POST" else None
    )
    can_write = can_write_event(request.user, event)
    state_id = event.conference.state_id if event.conference_id else event.association.state_id
    municipality_id = event.conference.municipality_id if event.conference_id else None
    form = AttendanceForm(request.POST or None, state_id=state_id, municipality_id=municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.attendance_add(
                actor=request.user,
                event=event,
                person_data=form.person_data(),
                data=form.registration_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is on the attendance list (code %(code)s).")
                % {"name": attendance.display_name, "code": attendance.code},
            )
            return redirect("participants:event", pk=event.pk)
    attendances = event.attendances.all()
    return render(
        request,
        "participants/event_detail.html",
        {
            "event": event,
            "form": form,
            "attendances": attendances,
            "elected": event.elected.order_by(by("name")),
            "elected_person_ids": set(event.elected.values_list("person_id", flat=True)),
            "can_write": can_write,
            "personal": can_write,
            "over": event.date <= timezone.localdate(),
            "history": entries_for_context(f"event:{event.pk}")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = get_event_for_user(request.user, pk, action=can_write_event)
    form = PreparatoryEventForm(
        request.POST or None, instance=event, for_conference=bool(event.conference_id)
    )
    if request.method == "POST" and form.is_valid():
        try:
            preparatory_event_save(actor=request.user, data=form.cleaned_data, event=event)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Event saved."))
            return redirect("participants:event", pk=event.pk)
    return render(request, "participants/event_edit.html", {"event": event, "form": form})


@login_required
@require_POST
def event_elect(request, pk: int):
    """Record the delegates (titulares or suplentes) the event elected: they become
    delegate registrations of the conference."""
    event = get_event_for_user(request.user, pk, action=can_write_event)
    ids = [i for i in (as_int(v) for v in request.POST.getlist("attendance")) if i]
    chosen = list(Attendance.objects.filter(event=event, pk__in=ids))
    if not chosen:
        messages.error(request, _("Tick the people the event elected."))
        return redirect("participants:event", pk=event.pk)
    try:
        elected = services.delegates_elect(
            actor=request.user,
            event=event,
            attendances=chosen,
            substitute=request.POST.get("role") == "substitute",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%s delegates registered in the conference.") % len(elected),
        )
    return redirect("participants:event", pk=event.pk)


@login_required
@require_GET
def event_attendance_pdf(request, pk: int):
    event = get_event_for_user(request.user, pk, action=can_write_event)
    attendances = list(event.attendances.all())
    services.export_record(
        actor=request.user,
        obj=event,
        document="attendance-pdf",
        count=len(attendances),
    )
    return core_documents.pdf_response(
        documents.event_attendance_pdf(event, attendances), f"lista-presenca-evento-{event.pk}.pdf"
    )


@login_required
@require_GET
def event_certificates(request, pk: int):
    event = get_event_for_user(request.user, pk, action=can_write_event)
    if event.date > timezone.localdate():
        messages.error(request, _("Certificates are issued after the event."))
        return redirect("participants:event", pk=event.pk)
    issued = [
        services.certificate_issue(actor=request.user, subject=a)
        for a in event.attendances.select_related("event")
    ]
    if not issued:
        messages.error(request, _("The attendance list is empty: there are no certificates."))
        return redirect("participants:event", pk=event.pk)
    services.export_record(
        actor=request.user,
        obj=event,
        document="certificates",
        count=len(issued),
    )
    return core_documents.pdf_response(
        documents.certificates_pdf(issued), f"certificados-evento-{event.pk}.pdf"
    )


# --- personal data of who attended (LGPD) -------------------------------------------


@login_required
@require_GET
def attendance_export(request, pk: int, attendance_pk: int):
    attendance = get_attendance_for_user(request.user, pk, attendance_pk, action=can_write_event)
    data = services.attendance_data_export(actor=request.user, attendance=attendance)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="dados-pessoais-{attendance.code}.json"'
    )
    return response


@login_required
@require_POST
def attendance_erase(request, pk: int, attendance_pk: int):
    attendance = get_attendance_for_user(request.user, pk, attendance_pk, action=can_write_event)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation to erase the personal data."))
        return redirect("participants:event", pk=pk)
    try:
        erased = services.attendance_erase(actor=request.user, attendance=attendance)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Personal data of registration %(old)s erased: it is now the anonymous "
                "registration %(new)s."
            )
            % {"old": attendance.code, "new": erased.code},
        )
    return redirect("participants:event", pk=pk)


# --- pre-conference attendees become registrations ------------------------------------

# Up to this many ticked people are registered in the request (about a second); more
# go to the background worker, with a progress bar (about 40 ms a person, audit included).
ATTENDEES_IN_REQUEST = 50
FROM_ATTENDANCE_JOB = "participants.from_attendance"
# A POST naming more people than a conference's lists could hold is cut there.
MAX_CHOICES = 5000


@login_required
@require_GET
def from_attendance(request, pk: int):
    """The attendance lists of the conference's pre-conferences, each person with a box
    to tick, their segment and a category to choose; who is registered already is
    marked and has no box. ``?marcar=<event>`` (or ``todos``) ticks a whole list."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    categories = selectors.attendee_categories(conference)
    tick = request.GET.get("marcar", "")
    lists = selectors.pre_conference_attendees(conference)
    for item in lists:
        item["ticked"] = tick == "todos" or tick == str(item["event"].pk)
        item["open"] = sum(
            1 for a in item["attendances"] if a.registration is None and not a.erased_at
        )
    return render(
        request,
        "participants/from_attendance.html",
        {
            "conference": conference,
            "lists": lists,
            "categories": [(c, Category(c).label) for c in categories],
            "segments": Segment.choices,
            "default_category": selectors.default_category(categories),
            "open": conference.status in services.STAFF_STATUSES,
            "jobs": core_jobs.recent_of(request.user, conference.pk, kind=FROM_ATTENDANCE_JOB),
        },
    )


@login_required
@require_POST
def from_attendance_register(request, pk: int):
    """Register the ticked people: in the request, or by the worker for a long choice.
    The page that answers says who was registered and who was left aside, and why."""
    conference = get_conference_for_user(request.user, pk, action=can_register_people)
    ids = list(dict.fromkeys(i for i in map(as_int, request.POST.getlist("attendance")) if i))
    choices = [
        services.AttendeeChoice(
            attendance=i,
            category=as_key(request.POST.get(f"category-{i}")),
            segment=as_key(request.POST.get(f"segment-{i}")),
        )
        for i in ids[:MAX_CHOICES]
    ]
    if not choices:
        messages.error(request, _("Tick the people to register."))
        return redirect("participants:from_attendance", pk=conference.pk)
    if len(ids) > MAX_CHOICES:
        messages.error(
            request,
            _("At most %(n)s people at a time: tick fewer, and the rest afterwards.")
            % {"n": MAX_CHOICES},
        )
        return redirect("participants:from_attendance", pk=conference.pk)
    if len(choices) > ATTENDEES_IN_REQUEST:
        job = core_jobs.start(
            owner=request.user,
            kind=FROM_ATTENDANCE_JOB,
            label=_("Pre-conference attendees registered in %(conference)s")
            % {"conference": conference.title},
            params={
                "conference": conference.pk,
                "actor": request.user.pk,
                "choices": [[c.attendance, c.category, c.segment] for c in choices],
            },
            conference_key=conference.pk,
            total=len(choices),
        )
        return redirect("job", pk=job.pk)
    try:
        result = services.registrations_from_attendance(
            actor=request.user, conference=conference, choices=choices
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:from_attendance", pk=conference.pk)
    return render(
        request,
        "participants/from_attendance_result.html",
        {"conference": conference, "result": result.report(conference.pk, names=True)},
    )
