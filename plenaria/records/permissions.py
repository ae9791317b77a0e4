"""Who reads and who writes a conference's report. The report belongs to the conference:
its readers read the report (counts, never names of participants), its organisers write
the narrative."""

from plenaria.conferences.models import Conference
from plenaria.conferences.permissions import (
    can_read_conference,
    can_write_conference,
    get_conference_for_user,
)


def can_read_report(user, conference: Conference) -> bool:
    return can_read_conference(user, conference)


def can_write_report(user, conference: Conference) -> bool:
    """The narrative is written by who may manage the conference."""
    return can_write_conference(user, conference)


def get_report_conference_for_user(user, pk, *, action=None) -> Conference:
    """The conference whose report a URL names: 404 for who may not read it, 403 when
    the user reads it but may not do ``action`` (``can_write_report``)."""
    return get_conference_for_user(user, pk, action=action)
