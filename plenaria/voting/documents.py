"""Results of the plenary's polls as PDF and the named votes as XLSX."""

from django.utils.translation import gettext as _

from plenaria.conferences.models import Conference
from plenaria.core import spreadsheets
from plenaria.core.collation import by
from plenaria.core.documents import xlsx_bytes
from plenaria.voting import selectors
from plenaria.voting.models import Mode, Poll, Voter


def published_polls(conference: Conference) -> list[Poll]:
    polls = list(
        conference.polls.filter(state=Poll.State.PUBLISHED)
        .select_related("shift")
        .prefetch_related("options")
    )
    for poll in polls:
        poll.bars = selectors.results(poll)
    return polls


def named_votes_xlsx(conference: Conference) -> tuple[bytes, int]:
    """One row per named ballot of the open electronic polls (never a secret one)."""
    sheet = spreadsheets.XlsxSheet(_("Named votes"))
    sheet.append([conference.title])
    sheet.append([_("Poll"), _("Question"), _("Name"), _("Code"), _("Vote"), _("Voted at")])
    voters = (
        Voter.objects.filter(poll__conference=conference, poll__mode=Mode.OPEN)
        .select_related("poll", "registration", "option")
        .order_by("poll__number", by("registration__name"))
    )
    rows = 0
    for voter in voters.iterator(chunk_size=1000):
        sheet.append(
            [
                voter.poll.number,
                voter.poll.question,
                voter.registration.display_name,
                voter.registration.code,
                voter.option.label if voter.option else "",
                voter.voted_at.replace(tzinfo=None),
            ]
        )
        rows += 1
    return xlsx_bytes(sheet.book), rows
