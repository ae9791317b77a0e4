"""Reads about registrations: lists with counts, in a fixed number of queries."""

from django.db.models import Count, Q, QuerySet

from plenaria.participants import rules
from plenaria.participants.models import Category, CheckIn, Registration, Segment


def registrations_of(
    conference, *, search: str = "", category: str = "", status: str = ""
) -> QuerySet[Registration]:
    qs = Registration.objects.filter(conference=conference).select_related(
        "person", "person__municipality"
    )
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    search = search.strip()
    if search:
        code = rules.normalise_code(search)
        number = rules.digits(search)
        condition = Q(person__name_key__contains=rules.name_key(search)) | Q(
            person__social_name__icontains=search
        )
        if len(code) == rules.CODE_LENGTH:
            condition |= Q(code=code)
        if len(number) == 11:
            condition |= Q(person__cpf=number)
        qs = qs.filter(condition)
    return qs.order_by("person__name", "pk")


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
        "by_category": [(label, by_category.get(value, 0)) for value, label in Category.choices],
        "by_segment": [(label, by_segment.get(value, 0)) for value, label in Segment.choices],
    }


def presence_counts(shift) -> dict:
    """Who is present in the shift, by category and segment; delegates present are the
    quorum base."""
    present = CheckIn.objects.filter(shift=shift)
    by_category = dict(
        present.order_by().values_list("registration__category").annotate(n=Count("pk"))
    )
    by_segment = dict(
        present.order_by().values_list("registration__segment").annotate(n=Count("pk"))
    )
    return {
        "total": sum(by_category.values()),
        "delegates": by_category.get(Category.DELEGATE, 0),
        "by_category": [(label, by_category.get(value, 0)) for value, label in Category.choices],
        "by_segment": [(label, by_segment.get(value, 0)) for value, label in Segment.choices],
    }


def current_shift(conference, now):
    """The shift happening now, else the next one today or later, else the last."""
    shifts = list(conference.shifts.all())
    if not shifts:
        return None
    today, time = now.date(), now.time()
    for shift in shifts:
        if shift.date == today and shift.start_time <= time <= shift.end_time:
            return shift
    upcoming = [s for s in shifts if (s.date, s.end_time) >= (today, time)]
    return upcoming[0] if upcoming else shifts[-1]
