import pytest

# Fixtures shared with deliberation: the conference in progress and its delegates.
from plenaria.proposals.tests.conftest import axis, conference, enrol, shift  # noqa: F401
from plenaria.voting import services


@pytest.fixture
def delegates(enrol):  # noqa: F811
    """Three credentialed delegates with vote right."""
    return [enrol(f"Delegada {n}") for n in ("Ana", "Bia", "Cida")]


@pytest.fixture
def make_poll(conference, organiser):  # noqa: F811
    def make(mode="open", **extra):
        extra.setdefault("item", "free")
        extra.setdefault("question", "Aprovar o regimento interno?")
        return services.poll_create(actor=organiser, conference=conference, mode=mode, **extra)

    return make


@pytest.fixture
def open_poll(make_poll, organiser):
    def make(mode="open", **extra):
        return services.poll_open(actor=organiser, poll=make_poll(mode, **extra))

    return make
