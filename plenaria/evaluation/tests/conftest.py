import pytest

from plenaria.evaluation import services

# The conference in progress and its credentialed participants, as in deliberation.
from plenaria.proposals.tests.conftest import conference, enrol, shift  # noqa: F401


@pytest.fixture
def form(conference, organiser):  # noqa: F811
    """The conference's form, from the default questionnaire (6 scales, 1 text)."""
    return services.form_create(actor=organiser, conference=conference)


def values(form, scale=4, text=""):
    """An answer giving every scale question ``scale`` and every text one ``text``."""
    return {
        f"q{q.pk}": (scale if q.kind == "scale" else text)
        for q in form.questions.order_by("position")
    }
