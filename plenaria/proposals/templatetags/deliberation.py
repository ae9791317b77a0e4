"""The consolidated list rendered in Python: 2,000 items through the template engine
(or through format_html, which escapes lazily per argument) took most of the page's
time. Every value that reaches the HTML below passes through `escape` first."""

from html import escape

from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from plenaria.conferences import visibility
from plenaria.proposals.models import Proposal
from plenaria.proposals.selectors import SphereBlock, final_deliberations

register = template.Library()


@register.simple_tag(takes_context=True)
def consolidated_items(context, block: SphereBlock, may_write: bool) -> SafeString:
    """The <li>s of one sphere of the consolidated list; where the sphere passes the cap
    and the user may write, each item carries the form for the plenary's priority."""
    with_priority = bool(block.over_by and may_write)
    if with_priority:
        csrf = escape(get_token(context["request"]))
        priority_label = _("Priority of %(label)s")
        save = escape(_("Save the priority"))
    items = []
    for p in block.proposals:
        label = p.label
        meta = f"<strong>{escape(label)}</strong> · {escape(str(p.kind_label))}"
        if p.origin != Proposal.Origin.GROUP:
            meta += f" · {escape(str(p.origin_label))}"
            if p.event_title:
                meta += f" ({escape(p.event_title)})"
        if p.group_result:  # none with the plenary method: no group counted it
            meta += (
                f' · <span class="plenaria-result r-{escape(p.group_result)}">'
                f"{escape(str(p.result_label))}</span>"
            )
        if p.refers_year:
            meta += f" ({int(p.refers_year)})"
        form = ""
        if with_priority:
            value = "" if p.priority is None else int(p.priority)
            form = (
                '<form method="post" class="plenaria-votes">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
                f'<input type="hidden" name="proposal" value="{int(p.pk)}">'
                f'<div class="plenaria-field br-input"><label for="pr{int(p.pk)}">'
                f"{escape(priority_label % {'label': label})}</label>"
                f'<input id="pr{int(p.pk)}" name="priority" type="number" min="1" '
                f'value="{value}"></div>'
                f'<button type="submit" class="br-button secondary small">{save}</button></form>'
            )
        items.append(
            f'<li class="plenaria-proposal" id="p{int(p.pk)}"><p class="meta">{meta}</p>'
            f'<p class="text">{escape(p.text)}</p>{form}</li>'
        )
    return mark_safe("".join(items))  # noqa: S308 — every value above is escaped


_MARKS = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>"), "equal": ("", "")}


@register.filter
def diff_html(diff: list[tuple[str, str]]) -> SafeString:
    """A word-level diff (rules.word_diff) as text with <del> and <ins>; 200 highlights
    on the table's console, so no include per piece."""
    parts = []
    for op, piece in diff:
        opening, closing = _MARKS[op]
        parts.append(f"{opening}{escape(piece)}{closing}")
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped


@register.simple_tag
def public_deliberations(conference):
    """The approved deliberations and motions for the conference's public page (None:
    not public yet; `conferences.visibility` decides)."""
    if not visibility.deliberations_are_public(conference):
        return None
    return final_deliberations(conference)
