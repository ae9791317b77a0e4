"""The evaluation's pure rules: the scale, the limits of a text, the default
questionnaire of each edition, and when a question may change."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCALE_MIN, SCALE_MAX = 1, 5
SCALE_LABELS = {
    1: gettext_lazy("Very poor"),
    2: gettext_lazy("Poor"),
    3: gettext_lazy("Fair"),
    4: gettext_lazy("Good"),
    5: gettext_lazy("Very good"),
}
QUESTION_MAX = 300
ANSWER_TEXT_MAX = 2000
MAX_QUESTIONS = 40

SCALE, TEXT = "scale", "text"

# The questionnaire a conference starts from, per edition year; an edition without its
# own uses DEFAULT. The questions follow what SUAS conferences usually ask in their
# evaluation sheet (organisation, venue and accessibility, methodology, time for
# debate, food, overall), each on the 1–5 scale, plus what should improve.
DEFAULT = [
    (SCALE, gettext_lazy("How do you rate the organisation of the conference?")),
    (SCALE, gettext_lazy("How do you rate the venue and its accessibility?")),
    (SCALE, gettext_lazy("How do you rate the methodology of the working groups and plenary?")),
    (SCALE, gettext_lazy("Was there enough time for debate?")),
    (SCALE, gettext_lazy("How do you rate the food?")),
    (SCALE, gettext_lazy("Overall, how do you rate the conference?")),
    (TEXT, gettext_lazy("What should improve in the next conference?")),
]
BY_EDITION: dict[int, list] = {
    2025: DEFAULT,
}


def default_questionnaire(year: int) -> list[tuple[str, str]]:
    """(kind, text) of the questions a conference of the edition ``year`` starts with."""
    return [(kind, str(text)) for kind, text in BY_EDITION.get(year, DEFAULT)]


def scale_problem(value) -> str | None:
    """Why ``value`` is not a value of the scale (None: it is, or it was left blank)."""
    if value is None:
        return None
    if not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        return _("Choose a value from %(low)s to %(high)s.") % {"low": SCALE_MIN, "high": SCALE_MAX}
    return None


def text_problem(text: str, limit: int) -> str | None:
    if "\x00" in text:
        return _("Null characters are not allowed.")
    if len(text) > limit:
        return _("Write at most %(limit)s characters (it has %(n)s).") % {
            "limit": limit,
            "n": len(text),
        }
    return None


def kind_change_problem(*, answered: bool, old: str, new: str) -> str | None:
    """A question that has answers keeps its kind: its answers would no longer fit."""
    if answered and old != new:
        return _("This question already has answers: its kind cannot change.")
    return None


def removal_problem(*, answered: bool) -> str | None:
    if answered:
        return _(
            "This question already has answers and is kept in the results: it cannot be "
            "removed. Edit its wording instead."
        )
    return None


def average(counts: dict[int, int]) -> float | None:
    """The mean of the scale values counted (None when none was given)."""
    total = sum(counts.values())
    if not total:
        return None
    return sum(value * n for value, n in counts.items()) / total


# The results are read once the conference has ended, and from RESULTS_MIN_ANSWERS
# answers on: while answers still come in, two readings a moment apart would tell what
# the person just seen answering wrote; and one or two answers are those people's own.
RESULTS_MIN_ANSWERS = 5


def results_hidden_reason(*, ended: bool, answers: int) -> str | None:
    """Why the results cannot be read yet without pointing at someone (None: they can)."""
    if not ended:
        return _(
            "The results show once the conference has ended: while answers still come in, "
            "comparing two readings would tell what one person answered."
        )
    if answers < RESULTS_MIN_ANSWERS:
        return _(
            "The results show from %(n)s answers on: with fewer, they would tell what each "
            "person answered."
        ) % {"n": RESULTS_MIN_ANSWERS}
    return None
