"""The results' charts, drawn on the server as inline SVG: no chart script, printable,
and read by screen readers (role="img" with a title and a description that say every
number; the page also shows the same numbers as a plain table). The final report
includes the same markup."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from plenaria.evaluation.selectors import QuestionResult

ROW, LABEL_W, BAR_W, WIDTH = 30, 120, 180, 360
FILL = "#1351b4"  # the gov.br blue: dark enough on white and in grey print


def describe(result: QuestionResult) -> str:
    parts = [f"{bar.value} ({bar.label}): {bar.count}" for bar in result.bars]
    text = "; ".join(parts) + "."
    if result.average is not None:
        text += " " + ngettext(
            "Average %(avg)s from %(n)s answer.",
            "Average %(avg)s from %(n)s answers.",
            result.answers,
        ) % {
            "avg": f"{result.average:.1f}".replace(".", ","),
            "n": result.answers,
        }
    return text


def scale_chart(result: QuestionResult, key: str) -> str:
    """Horizontal bars, one per scale value, each as long as its count relative to the
    most chosen value; ``key`` makes the title's and description's ids unique."""
    top = max((bar.count for bar in result.bars), default=0) or 1
    height = ROW * len(result.bars) + 4
    rows = []
    for n, bar in enumerate(result.bars):
        y = n * ROW
        width = round(BAR_W * bar.count / top)
        rows.append(
            (
                y + 19,
                f"{bar.value} {bar.label}",
                LABEL_W,
                y + 5,
                width,
                FILL,
                LABEL_W + width + 6,
                y + 19,
                bar.count,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}">{}</text><rect x="{}" y="{}" width="{}" height="20" fill="{}"/>'
        '<text x="{}" y="{}">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="plenaria-chart" role="img" aria-labelledby="{key}-t {key}-d" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'font-size="14" fill="#000"><title id="{key}-t">{title}</title>'
        '<desc id="{key}-d">{desc}</desc>{body}</svg>',
        key=key,
        w=WIDTH,
        h=height,
        title=result.text,
        desc=describe(result),
        body=body,
    )
