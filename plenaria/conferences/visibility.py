"""What anyone, without logging in, sees of a conference: the one place that decides it.

Every view or template tag that shows a conference's data to the public asks here (the
public page, the act, the registration form, the home page's list, the public results
that the proposals and delegates apps render on the public page). Pure rules: no query.

The sources: a conference is public once convoked (the act is published in the official
gazette, DOMAIN.md §3); after it, "the council publishes the deliberations and the
delegates in a resolution in the official gazette" (DOMAIN.md §8). The delegates' list
that is published carries name, segment and seat; contacts, accessibility needs and
quota declarations are personal data (LGPD) and go to the next conference only.
"""

from dataclasses import dataclass

from django.db.models import Q

from plenaria.conferences.models import Status

# Convoked onwards: the act is public, so is the page that announces the conference.
PUBLIC_STATUSES = frozenset(s.value for s in Status) - {Status.DRAFT}
# The final plenary has ended: its deliberations are final (DOMAIN.md §5, §8).
CONCLUDED_STATUSES = frozenset({Status.CLOSED, Status.REPORT_SUBMITTED})

# What the public list of delegates shows of each, and nothing else: the social name is
# the only name shown (Decreto 8.727/2016), never the civil name, contacts or needs.
PUBLIC_DELEGATE_FIELDS = ("name", "segment", "seat")


def page_is_public(conference) -> bool:
    """The page, the programme, the commission and the convocation act."""
    return conference.status in PUBLIC_STATUSES


def public_page_q() -> Q:
    """:func:`page_is_public` as a query condition on conferences."""
    return Q(status__in=PUBLIC_STATUSES)


def is_concluded(conference) -> bool:
    return conference.status in CONCLUDED_STATUSES


def deliberations_are_public(conference) -> bool:
    """The approved deliberations and motions, once the conference has ended: before,
    they are drafts of the groups and the plenary, not the conference's word."""
    return is_concluded(conference)


def delegates_are_public(conference, *, list_confirmed: bool) -> bool:
    """The elected delegates, once the conference has ended and the presiding table
    has confirmed the list (a list changed after the confirmation is no longer
    confirmed, so it leaves the public page until confirmed again)."""
    return is_concluded(conference) and list_confirmed


@dataclass(frozen=True)
class PublicDelegate:
    """A delegate as the public sees them: :data:`PUBLIC_DELEGATE_FIELDS`, nothing more."""

    name: str
    segment: str
    seat: str


def public_delegate(*, social_name: str, segment: str, seat: str) -> PublicDelegate:
    """Build the public record from the display name (social name first) and labels."""
    return PublicDelegate(name=social_name, segment=str(segment), seat=str(seat))
