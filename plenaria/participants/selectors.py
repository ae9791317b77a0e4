"""Reads about registrations: lists with counts, in a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import npgettext

from plenaria.conferences.selectors import regimento_rules
from plenaria.core.collation import by, sort_key
from plenaria.participants import rules
from plenaria.participants.models import (
    NO_SEGMENT_LABEL,
    SEGMENT_CATEGORIES,
    AccessibilityNeed,
    Attendance,
    Category,
    CheckIn,
    Registration,
    Segment,
)


def registrations_of(
    conference,
    *,
    search: str = "",
    category: str = "",
    status: str = "",
    by_cpf: bool = False,
) -> QuerySet[Registration]:
    """The conference's registrations, filtered. ``by_cpf``: the search also matches a
    CPF — only for who may see personal data, or the search would tell a reader whose
    CPF is registered."""
    qs = (
        Registration.objects.filter(conference=conference)
        .select_related("municipality", "replaces", "preparatory_event")
        # delegates sent by a municipal (state) conference show where they come from
        .prefetch_related(
            "delegations__handover__conference__municipality",
            "delegations__handover__conference__state",
        )
    )
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    search = search.strip()
    if search:
        code = rules.normalise_code(search)
        number = rules.digits(search)
        # The civil name is searched only by who may see it, or where it is the name
        # shown: otherwise typing it would pair it with a social name.
        civil = Q(name_key__contains=rules.name_key(search))
        condition = Q(social_name__icontains=search) | (
            civil if by_cpf else civil & Q(social_name="")
        )
        if len(code) == rules.CODE_LENGTH:
            condition |= Q(code=code)
        if by_cpf and len(number) == 11:
            condition |= Q(person__cpf=number)
        qs = qs.filter(condition)
    return qs.annotate(shown=Coalesce(NullIf("social_name", Value("")), "name")).order_by(
        by("shown"), "pk"
    )


def registration_counts(conference) -> dict:
    """Counts by category and by segment of the registrations that are not cancelled,
    and how many are waiting."""
    active = Registration.objects.filter(conference=conference).exclude(
        status=Registration.Status.CANCELLED
    )
    by_category = dict(active.order_by().values_list("category").annotate(n=Count("pk")))
    by_segment = dict(active.order_by().values_list("segment").annotate(n=Count("pk")))
    waiting = active.filter(status=Registration.Status.WAITLISTED).count()
    return {
        "total": sum(by_category.values()),
        "waiting": waiting,
        "by_category": category_rows(by_category),
        "by_segment": segment_rows(by_segment),
    }


def category_rows(counts: dict) -> list[tuple[str, int]]:
    """(label, n) per category, the label in the number's form ("1 Delegado(a)",
    "12 Delegados(as)"); speakers, authorities and staff only when there are any."""
    return [
        (counted_category(value, counts.get(value, 0)), counts.get(value, 0))
        for value in Category.values
        if value in SEGMENT_CATEGORIES or counts.get(value)
    ]


def counted_category(value: str, n: int) -> str:
    """A category's name beside a count, singular or plural as the language says
    (each call literal, so makemessages finds it)."""
    c = "counted registrations"
    forms = {
        Category.DELEGATE: lambda: npgettext(c, "Delegate", "Delegates", n),
        Category.GUEST: lambda: npgettext(c, "Guest", "Guests", n),
        Category.OBSERVER: lambda: npgettext(c, "Observer", "Observers", n),
        Category.SPEAKER: lambda: npgettext(c, "Speaker", "Speakers", n),
        Category.AUTHORITY: lambda: npgettext(
            c, "Authority (opening panel)", "Authorities (opening panel)", n
        ),
        Category.STAFF: lambda: npgettext(
            c, "Support and organising staff", "Support and organising staff", n
        ),
    }
    return forms[value]()


def segment_rows(counts: dict) -> list[tuple[str, int]]:
    """(label, n) per segment, and a last row for the people without one when there are
    any: they are counted, but never inside a segment (issue 23)."""
    rows = [(label, counts.get(value, 0)) for value, label in Segment.choices]
    if counts.get(""):
        rows.append((NO_SEGMENT_LABEL, counts[""]))
    return rows


def presence_counts(shift) -> dict:
    """Who is present in the shift, by category and segment, and the quorum base: the
    delegates credentialed in the shift (or in any shift, where the regimento says so),
    the same count a poll opened now takes as its entitled voters."""
    present = CheckIn.objects.filter(shift=shift)
    by_category = dict(
        present.order_by().values_list("registration__category").annotate(n=Count("pk"))
    )
    by_segment = dict(
        present.order_by().values_list("registration__segment").annotate(n=Count("pk"))
    )
    counted = quorum_shift(shift.conference, shift)
    return {
        "total": sum(by_category.values()),
        "delegates": credentialed_delegates(shift.conference_id, shift=counted).count(),
        "any_shift": counted is None,
        "by_category": category_rows(by_category),
        "by_segment": segment_rows(by_segment),
    }


def current_shift(conference, now):
    """The shift the desk and the plenary are in: the one whose time includes now, else
    the next one today, else the last one already over (the day's or an earlier day's:
    after the morning, between days), else the first (a conference still to come).
    Never a later day's shift while an earlier one has ended: at 19h the desk still
    counts the afternoon, not tomorrow's morning with its zeros."""
    shifts = list(conference.shifts.all())
    if not shifts:
        return None
    return shift_at(shifts, now)


def shift_at(shifts, now):
    """current_shift's choice among ``shifts`` (ordered by date and start), without the
    database, so the rule is tested on its own."""
    if not shifts:
        return None
    today, time = now.date(), now.time()
    for shift in shifts:
        if shift.date == today and shift.start_time <= time <= shift.end_time:
            return shift
    for shift in shifts:
        if shift.date == today and shift.start_time > time:
            return shift
    past = [s for s in shifts if (s.date, s.end_time) < (today, time)]
    return past[-1] if past else shifts[0]


def statistics(conference) -> dict:
    """Registrations (not cancelled) and attendance (present in at least one shift) by
    segment, category, municipality of residence and accessibility need. A fixed
    number of queries: aggregates in the database, accessibility needs in one pass
    over a single column."""
    active = Registration.objects.filter(conference=conference).exclude(
        status=Registration.Status.CANCELLED
    )
    attended = active.filter(checkins__isnull=False).distinct()

    def grouped(field, choices=None, qs=None):
        counts = dict(
            (qs if qs is not None else active)
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk", distinct=True))
        )
        if choices is None:
            return sorted(
                ((k or "—", v) for k, v in counts.items()), key=lambda kv: (-kv[1], sort_key(kv[0]))
            )
        return [(label, counts.get(value, 0)) for value, label in choices]

    needs = {}
    for values in active.values_list("accessibility_needs", flat=True):
        for need in values or []:
            needs[need] = needs.get(need, 0) + 1
    return {
        "registered": active.count(),
        "attended": attended.count(),
        "by_segment": _pair(
            grouped("segment", SEGMENT_OR_NONE), grouped("segment", SEGMENT_OR_NONE, attended)
        ),
        "by_category": _pair(
            grouped("category", Category.choices), grouped("category", Category.choices, attended)
        ),
        "by_municipality": grouped("municipality__name")[:20],
        "by_need": [(label, needs.get(value, 0)) for value, label in AccessibilityNeed.choices],
    }


SEGMENT_OR_NONE = [*Segment.choices, ("", NO_SEGMENT_LABEL)]


def _pair(registered, attended):
    """[(label, registered, attended, percent of the largest)] for side-by-side bars."""
    present = dict(attended)
    top = max([n for _label, n in registered] + [1])
    return [(label, n, present.get(label, 0), round(100 * n / top)) for label, n in registered]


def absent_titulars(conference, *, segment: str):
    """Titular delegates of the segment who were credentialed in no shift and whom no
    substitute replaces yet: the ones a substitute may replace."""
    return Registration.objects.filter(
        conference=conference,
        category=Category.DELEGATE,
        is_substitute=False,
        status=Registration.Status.CONFIRMED,
        segment=segment,
        checkins__isnull=True,
        replaced_by__isnull=True,
    ).order_by(by("name"))


def credentialed_delegates(conference, *, shift=None):
    """Delegates with vote right credentialed in ``shift`` (None: in at least one shift):
    titulars and the substitutes replacing one (DOMAIN.md §6). With a shift, the quorum
    base and the entitled voters of a poll run in it, on the credentialing page and in the
    poll alike (``quorum_shift`` says which shift counts); without, the base of motion
    signatures and who may stand or sign."""
    checkins = CheckIn.objects.filter(registration=OuterRef("pk"))
    if shift is not None:
        checkins = checkins.filter(shift=shift)
    return (
        Registration.objects.filter(
            conference=conference,
            category=Category.DELEGATE,
            status=Registration.Status.CONFIRMED,
        )
        .filter(Q(is_substitute=False) | Q(replaces__isnull=False))
        .filter(Exists(checkins))
    )


def quorum_shift(conference, shift):
    """The shift whose credentialing makes the quorum base while ``shift`` runs: ``shift``
    itself, or None (credentialed in any shift) where the regimento says so (its own
    rule, else the state's or the edition's; when none sets it, the shift's)."""
    return None if regimento_rules(conference).quorum_any_shift.value else shift


def offered_categories(conference, *, online: bool) -> list[str]:
    """Categories a person may ask for. Without configuration, staff register in any
    category and the public form offers the three with a segment (delegate, guest,
    observer): speakers, authorities and staff are registered by the organisers, unless
    the conference opens their category online."""
    options = list(conference.category_options.all())
    if not options:
        return [c.value for c in (SEGMENT_CATEGORIES if online else Category)]
    return [o.category for o in options if o.online or not online]


def attendee_categories(conference) -> list[str]:
    """The categories a pre-conference attendee may be registered in: those the staff
    may choose that have a segment (an attendee took part through theirs)."""
    return [c for c in offered_categories(conference, online=False) if c in SEGMENT_CATEGORIES]


def existing_registration(conference, data: dict) -> Registration | None:
    """The person's registration in this conference: by CPF; without one, the same
    name, birth date and phone."""
    qs = Registration.objects.filter(conference=conference)
    if data.get("cpf"):
        return qs.filter(person__cpf=data["cpf"]).first()
    if not (data.get("birth_date") and data.get("phone")):
        return None
    return qs.filter(
        name_key=rules.name_key(data["name"]),
        birth_date=data["birth_date"],
        phone=data["phone"],
    ).first()


def attendee_registration(conference, attendance) -> Registration | None:
    """The registration a pre-conference attendee already has in this conference: the
    same Person (so the same CPF), or without a CPF the same name, birth date and phone
    (as ``existing_registration``; ``pre_conference_attendees`` matches a whole list)."""
    same = Q(person_id=attendance.person_id)
    if attendance.birth_date and attendance.phone:
        same |= Q(
            name_key=attendance.name_key, birth_date=attendance.birth_date, phone=attendance.phone
        )
    return Registration.objects.filter(conference=conference).filter(same).first()


def status_for_new(conference, category: str) -> str:
    """The status a new registration in ``category`` gets: confirmed while the
    category has places, waitlisted beyond them."""
    option = conference.category_options.filter(category=category).first()
    if option is None or option.capacity is None:
        return Registration.Status.CONFIRMED
    taken = Registration.objects.filter(
        conference=conference, category=category, status=Registration.Status.CONFIRMED
    ).count()
    return (
        Registration.Status.CONFIRMED if taken < option.capacity else Registration.Status.WAITLISTED
    )


def held_here(person_id: int, conference_id: int):
    """The attendances at this conference's own events of the same person: with the
    registration, what this conference's council holds about them."""
    return Attendance.objects.filter(person_id=person_id, event__conference_id=conference_id)


def pre_conference_attendees(conference) -> list[dict]:
    """The attendance lists of the conference's own pre-conferences, each attendance
    with the registration the same person already has in the conference (same Person,
    so same CPF; without CPF, same name, birth date and phone), if any. Events of other
    conferences and associations' meetings are never read. Three queries."""
    from plenaria.conferences.models import PreparatoryEvent

    events = list(
        conference.preparatory_events.filter(kind=PreparatoryEvent.Kind.PRE_CONFERENCE).order_by(
            "date", "start_time", "title"
        )
    )
    attendances = list(
        Attendance.objects.filter(event__in=events).order_by("event_id", "name_key", "pk")
    )
    registered = Registration.objects.filter(conference=conference).filter(
        Q(person_id__in={a.person_id for a in attendances})
        | Q(name_key__in={a.name_key for a in attendances if a.birth_date and a.phone})
    )
    by_person, by_identity = {}, {}
    for registration in registered.only(
        "pk",
        "person_id",
        "name_key",
        "birth_date",
        "phone",
        "code",
        "category",
        "status",
        "is_substitute",
        "origin",
        "segment",
        "conference_id",
    ):
        by_person[registration.person_id] = registration
        if registration.birth_date and registration.phone:
            key = (registration.name_key, registration.birth_date, registration.phone)
            by_identity[key] = registration
    lists = {event.pk: {"event": event, "attendances": []} for event in events}
    for attendance in attendances:
        attendance.registration = by_person.get(attendance.person_id) or (
            by_identity.get((attendance.name_key, attendance.birth_date, attendance.phone))
            if attendance.birth_date and attendance.phone
            else None
        )
        lists[attendance.event_id]["attendances"].append(attendance)
    return list(lists.values())


def default_category(categories: list[str]) -> str:
    """The category an attendee not elected at a pre-conference is offered first: guest,
    else observer, else the first the conference offers (staff change it per row)."""
    for category in (Category.GUEST, Category.OBSERVER):
        if category in categories:
            return category
    return categories[0] if categories else ""
