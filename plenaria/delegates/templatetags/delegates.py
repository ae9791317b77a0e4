"""The state's page of lists received rendered in Python: its 853 rows (Minas Gerais)
through the template engine took most of the page's time (bench/delegates.py). Every
value that reaches the HTML passes through `escape` first."""

from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from plenaria.delegates import selectors
from plenaria.delegates.models import DelegateKind
from plenaria.delegates.selectors import ReceivedRow, seats_for

register = template.Library()


@register.simple_tag
def conference_seats(conference):
    """The seats a conference fills at its parent's, for the conference's own page: the
    page is the conferences app's and the seats are this app's, which sits above it, so
    the page asks here rather than the conferences app importing delegates."""
    return seats_for(conference)


@register.simple_tag
def received_rows(receiver_pk: int, rows: list[ReceivedRow]) -> SafeString:
    """One <tr> per conference: the list it sent (a link to it) or "not sent yet"."""
    detail = reverse("delegates:received_detail", args=[receiver_pk, 0])[: -len("0/")]
    not_sent, meets = escape(_("not sent yet")), escape(_("meets the rules"))
    justified = escape(_("confirmed with justification"))
    html = []
    for row in rows:
        name, sent = escape(row.name), row.sent
        if sent is None:
            html.append(f'<tr><th scope="row">{name}</th><td colspan="5">{not_sent}</td></tr>')
            continue
        check = f"{justified}: {escape('; '.join(sent.problems))}" if sent.problems else meets
        when = date_format(timezone.localtime(sent.sent_at), "SHORT_DATETIME_FORMAT")
        html.append(
            f'<tr><th scope="row"><a href="{detail}{sent.pk}/">{name}</a></th>'
            f"<td>{sent.version}</td><td>{when}</td><td>{sent.titulares}</td>"
            f"<td>{sent.suplentes}</td><td>{check}</td></tr>"
        )
    if not html:
        html.append(f'<tr><td colspan="6">{escape(_("No conference found."))}</td></tr>')
    return mark_safe("".join(html))  # noqa: S308 — every value above is escaped


@register.simple_tag
def public_delegates(conference):
    """The elected delegates for the conference's public page (None: not public yet;
    `conferences.visibility` decides)."""
    return selectors.public_delegates(conference)


@register.simple_tag
def public_how_chosen(conference):
    """How each segment chose its delegates (elected here, in its forum, appointed by the
    manager), for the public page: None while the delegates are not public."""
    return selectors.public_how_chosen(conference)


@register.simple_tag
def kind_label(kind: str) -> str:
    """The label of a kind of delegate at the national conference."""
    return str(dict(DelegateKind.choices).get(kind, kind))
