"""Shared fixtures: the personas of the test suite and a conference factory.

The reference data (27 states, 5,571 municipalities with their IBGE 2025 population,
councils, the 2021/2023/2025 editions) comes from the migrations, so every test database
has the real country.
"""

import contextlib
import datetime as dt
import itertools
import os
import shutil
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from plenaria.conferences import rules as conference_rules
from plenaria.conferences import services as conference_services
from plenaria.conferences.models import STATUS_ORDER, ConvocationAct
from plenaria.editions.models import Edition
from plenaria.territory.models import (
    Association,
    AssociationMember,
    Council,
    CouncilMember,
    Level,
    Municipality,
    State,
)

MONTES_CLAROS = 3143302
JANAUBA = 3135100
BELO_HORIZONTE = 3106200
SAO_PAULO = 3550308

_usernames = itertools.count(1)


@pytest.fixture
def edition(db) -> Edition:
    return Edition.objects.get(year=2025)


@pytest.fixture
def mg(db) -> State:
    return State.objects.get(abbreviation="MG")


@pytest.fixture
def montes_claros(db) -> Municipality:
    return Municipality.objects.get(ibge_code=MONTES_CLAROS)


@pytest.fixture
def janauba(db) -> Municipality:
    return Municipality.objects.get(ibge_code=JANAUBA)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Tests create many accounts; the production hasher spends ~0.4 s on each."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _memory_cache():
    """Tests count the limits in this process's memory, which DESIGN.md allows only in
    tests (servers use the database cache or Redis; core/tests/test_ratelimit.py runs
    the limits on the database cache too)."""
    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=memory):
        yield


@pytest.fixture(autouse=True)
def _no_counted_failures():
    """Each test starts with empty limits (failed PINs, sign-ins, registrations)."""
    from django.core.cache import cache

    cache.clear()


def make_user(name: str = "", **extra):
    username = f"{name or 'user'}{next(_usernames)}"
    return get_user_model().objects.create_user(username=username, password="pw-123456", **extra)


def make_council_member(council: Council, *, organiser: bool, user=None):
    user = user or make_user("member")
    CouncilMember.objects.create(
        council=council,
        user=user,
        name=user.username,
        role=CouncilMember.Role.COUNCILLOR,
        sector="government",
        term_start=dt.date(2024, 1, 1),
        is_organiser=organiser,
    )
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def organiser(montes_claros):
    """Organiser of the Montes Claros council (CMAS)."""
    return make_council_member(montes_claros.council, organiser=True)


@pytest.fixture
def outsider(janauba):
    """Organiser of another municipality (Janaúba) of the same state."""
    return make_council_member(janauba.council, organiser=True)


@pytest.fixture
def state_member(mg):
    """A member of the state council (CEAS/MG) without the organiser role."""
    return make_council_member(Council.objects.get(level=Level.STATE, state=mg), organiser=False)


@pytest.fixture
def state_organiser(mg):
    return make_council_member(Council.objects.get(level=Level.STATE, state=mg), organiser=True)


@pytest.fixture
def national_member(db):
    return make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=False)


@pytest.fixture
def amams(mg, montes_claros, janauba) -> Association:
    association = Association.objects.create(
        name="Associação dos Municípios da Área Mineira da SUDENE",
        acronym="AMAMS",
        kind=Association.Kind.ASSOCIATION,
        state=mg,
    )
    association.members.add(montes_claros, janauba)
    return association


@pytest.fixture
def association_member(amams):
    user = make_user("assoc")
    AssociationMember.objects.create(association=amams, user=user)
    return user


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(username="root", password="pw-123456")


def record_act(conference, *, actor) -> None:
    """The convocation act a conference needs before it is convoked."""
    conference_services.convocation_act_save(
        actor=actor,
        conference=conference,
        data={
            "kind": ConvocationAct.Kind.RESOLUTION,
            "number": "1/2025",
            "date": dt.date(2025, 4, 1),
            "signatories": "Presidente do CMAS",
            "publication_url": "https://example.org/diario",
        },
    )


def conference_to(conference, status: str, *, actor):
    """Move a conference forward to ``status`` one step at a time, as the organiser does:
    each transition's checks apply and each is audited (the act is recorded if missing).
    The instance given is refreshed and returned."""
    assert STATUS_ORDER.index(status) >= STATUS_ORDER.index(conference.status), "forward only"
    current = conference
    if status != current.status and not ConvocationAct.objects.filter(conference=current).exists():
        record_act(current, actor=actor)
    while current.status != status:
        current = conference_services.conference_advance(
            actor=actor,
            conference=current,
            to_status=conference_rules.next_status(current.status),
        )
    conference.refresh_from_db()
    return conference


@pytest.fixture
def make_conference(edition, organiser, montes_claros):
    """Create a conference through the service, as an organiser would."""

    def make(*, actor=None, municipality=None, with_act=False, status=None, **data):
        defaults = {
            "title": "XV Conferência Municipal de Assistência Social",
            "start_date": dt.date(2025, 6, 10),
            "end_date": dt.date(2025, 6, 11),
        }
        defaults.update(data)
        conference = conference_services.conference_create(
            actor=actor or organiser,
            edition=defaults.pop("edition", edition),
            level=Level.MUNICIPAL,
            municipality=municipality or montes_claros,
            data=defaults,
        )
        if with_act:
            record_act(conference, actor=actor or organiser)
        if status:
            conference = conference_to(conference, status, actor=actor or organiser)
        return conference

    return make


# --- browser tests -------------------------------------------------------------------

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "test-output" / "screenshots"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def find_chromium() -> str | None:
    """$CHROMIUM, Debian's /usr/bin/chromium, or Playwright's own download."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if Path(path).exists() else None
    except Exception:  # noqa: BLE001 - any failure means "no browser here"
        return None


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        message = (
            "no Chromium found ($CHROMIUM, /usr/bin/chromium or Playwright's): "
            "browser tests cannot run"
        )
        if os.environ.get("PLENARIA_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(f"!!! SKIPPED: {message} !!!")
    return path


@contextlib.contextmanager
def browser_session(chromium_path: str):
    """A running Chromium, and Django's async guard lifted only while it runs.

    Playwright's sync API keeps an event loop marked as running in this thread until it
    stops; the ORM calls the tests make alongside it are still synchronous and safe, but
    Django refuses them unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Both end together, so the
    tests that come after see neither the loop nor the variable.
    """
    from playwright.sync_api import expect, sync_playwright

    # expect() waits 5 s by default, an action 20 s (new_page): on a loaded CI machine a
    # whole page load after a click can take longer than 5 s.
    expect.set_options(timeout=15_000)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
            try:
                yield browser
            finally:
                browser.close()


# One Chromium per module, not per session: a session-wide one would keep its event loop
# (and the variable above) alive through every test after the first browser test.
@pytest.fixture(scope="module")
def browser(chromium_path):
    with browser_session(chromium_path) as browser:
        yield browser


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh context, optionally logged in as ``user``."""
    contexts = []

    def make(user=None, *, width=1280, height=900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="pt-BR", base_url=live_server.url
        )
        context.set_default_timeout(20_000)
        context.add_init_script(CSP_WATCH)
        if user is not None:
            client = client_for(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookie.value,
                        "url": live_server.url,
                    }
                ]
            )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


# What the Content-Security-Policy refused on the page (an inline script or style, a
# resource from elsewhere): check_accessibility fails on any.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def check_accessibility(page, name: str) -> None:
    """Run axe-core on the page, save a screenshot, and fail on any violation (and on
    anything the Content-Security-Policy refused)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, timeout=60_000)
    assert csp_violations(page) == [], f"CSP on {name}"
    # Evaluated, not added as a <script>: the page's CSP refuses inline scripts.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert violations == [], f"axe-core on {name}:\n" + "\n".join(violations)


# DOMAIN.md §5's example regulation, typed into a conference's regimento as its staff
# would: the suite's conferences deliberate by it (nothing ships these numbers).
EXAMPLE_REGIMENTO = {
    "source": "Regimento interno, arts. 14 e 15",
    "max_per_axis_sphere": 3,
    "direct_approval_share": Decimal("0.70"),
    "plenary_share": Decimal("0.50"),
    "abstentions_count": True,
    "motion_signature_share": Decimal("0.20"),
}


def set_regimento(conference, **values):
    from plenaria.conferences.models import ConferenceRules

    ConferenceRules.objects.update_or_create(
        conference=conference, defaults={**EXAMPLE_REGIMENTO, **values}
    )


def assert_no_horizontal_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (the browser ones) flush the database after each test,
    reference data included; load it again when it is gone."""
    from plenaria.editions.models import Axis, CalendarWindow, DeliberationRules
    from plenaria.editions.presets import (
        load_deliberation_rules,
        load_diversity_quotas,
        load_editions,
    )
    from plenaria.territory.services import load_reference_data, load_reference_figures

    if not Municipality.objects.exists():
        load_reference_data(State, Municipality, Council)
        load_reference_figures(Municipality)
    if not Edition.objects.exists():
        load_editions(Edition, Axis, CalendarWindow)
        load_deliberation_rules(Edition, DeliberationRules)
        load_diversity_quotas(Edition)


def run_queued_tasks() -> int:
    """Runs every queued background task with the real database worker, as
    `manage.py db_worker --batch` does, and returns how many it ran. The suite needs no
    worker process: a test calls this where the worker would have run."""
    from unittest import mock

    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker closes stale connections between tasks; inside a test's transaction that
    # would close the test's own connection (PostgreSQL's pool refuses a new one there).
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
    return worker._run_tasks


@pytest.fixture
def worker(settings, tmp_path):
    """Runs the queued tasks on call; the jobs' files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return run_queued_tasks


def job_file(client: Client, response, worker) -> bytes:
    """The file of the job a response started (a redirect to its page), once the worker
    has run it, downloaded by the same client."""
    from django.urls import resolve

    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "job", response["Location"]
    assert worker() >= 1
    download = client.get(reverse("job_file", args=[match.kwargs["pk"]]))
    assert download.status_code == 200, download.status_code
    return b"".join(download.streaming_content)


def choose_poll_item(page, label: str) -> None:
    """The console's "O que se vota": htmx swaps in that item's fields (voting
    console, issue 21 item 12); wait for the new form before typing into it, or the swap
    would undo what was typed."""
    page.locator("#new-poll form").evaluate("form => { form.dataset.stale = '1'; }")
    page.get_by_label("O que se vota").select_option(label=label)
    page.locator("#new-poll form:not([data-stale])").wait_for()
