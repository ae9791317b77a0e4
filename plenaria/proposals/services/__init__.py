"""Every write of working groups, proposals, highlights and motions.

Who writes is an ``Author``: a staff account (organiser, table, rapporteur role) or a
participant who opened their page with code + PIN (the group's rapporteur, a delegate
raising a highlight or signing a motion). Texts keep their history in ``Revision``.

One module per concept; this package re-exports their public names, so callers write
``services.proposal_write`` whatever module holds it. Reads are in
``proposals.selectors``, pure functions in ``proposals.rules``.
"""

from plenaria.proposals.services._common import Author, Result, StaleEdit
from plenaria.proposals.services.group_votes import group_vote_record
from plenaria.proposals.services.groups import group_save, member_join, members_balance
from plenaria.proposals.services.highlights import (
    en_bloc_record,
    en_bloc_record_all,
    highlight_decide,
    highlight_register,
    highlights_close,
    highlights_open,
)
from plenaria.proposals.services.motions import (
    motion_decide,
    motion_sign,
    motion_submit,
    motions_close,
    motions_deadline_set,
)
from plenaria.proposals.services.proposals import (
    priority_set,
    proposal_adopt,
    proposal_drop,
    proposal_edit,
    proposal_merge,
    proposal_submit,
    proposal_write,
)

__all__ = [
    "Author",
    "Result",
    "StaleEdit",
    "en_bloc_record",
    "en_bloc_record_all",
    "group_save",
    "group_vote_record",
    "highlight_decide",
    "highlight_register",
    "highlights_close",
    "highlights_open",
    "member_join",
    "members_balance",
    "motion_decide",
    "motion_sign",
    "motion_submit",
    "motions_close",
    "motions_deadline_set",
    "priority_set",
    "proposal_adopt",
    "proposal_drop",
    "proposal_edit",
    "proposal_merge",
    "proposal_submit",
    "proposal_write",
]
