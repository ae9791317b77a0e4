import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from plenaria.conferences.models import Conference, Status
from plenaria.core.models import AuditEntry
from plenaria.demo.world import load_demo

pytestmark = pytest.mark.django_db


def mg_state():
    from plenaria.territory.models import State

    return State.objects.get(abbreviation="MG")


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_demo_world_has_what_the_issue_asks():
    logins = load_demo()
    assert {u for u, _p, _w in logins} >= {"admin", "organizador.moc", "conselho.mg", "amams"}
    assert Conference.objects.filter(level="state", state__abbreviation="MG").exists()
    from plenaria.delegates.models import SeatCount

    # one row per porte, no municipality's own seats: the porte comes from IBGE's figures
    assert SeatCount.objects.filter(table__state__abbreviation="MG").count() == 5
    from plenaria.delegates.models import Candidacy

    standing = set(
        Candidacy.objects.filter(conference__municipality__name="Montes Claros").values_list(
            "segment", flat=True
        )
    )
    assert standing == {"users", "workers", "entities"}  # the elections are the user's to run
    # A small municipality without working groups: its proposals are in the plenary's list.
    from plenaria.proposals.selectors import plenary_list

    bocaiuva = Conference.objects.get(edition__year=2025, municipality__name="Bocaiúva")
    assert plenary_list(bocaiuva).count() == 4
    assert not bocaiuva.working_groups.exists()
    # its users elected at the conference, workers and entities by their forums, the
    # government appointed: confirmed without any justification
    from plenaria.delegates.models import DelegateList

    kinds = set(bocaiuva.candidacies.values_list("segment", "kind"))
    assert kinds == {
        ("users", "candidate"),
        ("workers", "forum"),
        ("entities", "forum"),
        ("government", "nominated"),
    }
    listed = DelegateList.objects.get(conference=bocaiuva)
    assert listed.confirmed_at and listed.problems == [] and not listed.justification
    # its day: four pre-conferences with their attendance lists, a keynote speaker without
    # a segment, two shifts, one delegate fewer in the afternoon
    from plenaria.participants.selectors import credentialed_delegates

    events = bocaiuva.preparatory_events.all()
    assert events.count() == 4 and all(e.attendances.exists() for e in events)
    assert bocaiuva.registrations.filter(category="speaker", segment="").count() == 1
    morning, afternoon = bocaiuva.shifts.order_by("date", "start_time")
    assert (morning.name, afternoon.name) == ("Manhã", "Tarde")
    assert credentialed_delegates(bocaiuva.pk, shift=afternoon).count() == (
        credentialed_delegates(bocaiuva.pk, shift=morning).count() - 1
    )
    statuses = set(
        Conference.objects.filter(level="municipal", edition__year=2025).values_list(
            "status", flat=True
        )
    )
    assert statuses == {s.value for s in Status}
    from plenaria.territory.models import Association

    amams = Association.objects.get(acronym="AMAMS")
    assert amams.members.count() >= 10
    assert amams.members.filter(name="Montes Claros").exists()

    # A long list checked in the background: its report, nothing imported.
    from plenaria.core.models import Job

    job = Job.objects.get(kind="participants.import")
    assert job.status == Job.Status.DONE, job.error
    assert [row["line"] for row in job.result["bad"]] == [19, 90, 205]
    assert job.result["created"] == [] and "upload" not in job.params

    # The national tables by kind: 2023's federal delegates and natos as published.
    from plenaria.delegates.models import NationalShare

    assert NationalShare.objects.get(table__edition__year=2023, kind="federal").titulares == 60
    assert NationalShare.objects.filter(table__edition__year=2025, state=mg_state()).count() == 2

    # MG's own 2025 windows; Januária (closed) shows its results to anyone.
    from plenaria.editions.models import StateCalendar

    assert StateCalendar.objects.get(state__abbreviation="MG").municipal_start.month == 4
    januaria = Conference.objects.get(edition__year=2025, municipality__name="Januária")
    public = Client().get(reverse("conferences:public", args=[januaria.pk])).content.decode()
    assert "CRAS volante" in public and "Josefa Pereira Santos" in public
    # Its list was sent to the state conference: the state's monitoring says so.
    from plenaria.delegates.models import HandOver

    assert HandOver.objects.filter(conference=januaria, current=True).exists()

    # Montes Claros's first day in two shifts: the afternoon's quorum base is its own.
    from plenaria.participants.selectors import presence_counts

    moc = Conference.objects.get(edition__year=2025, municipality__name="Montes Claros")
    morning, afternoon = moc.shifts.all()[:2]
    assert afternoon.name == "Tarde" and afternoon.date == morning.date
    assert (presence_counts(morning)["delegates"], presence_counts(afternoon)["delegates"]) == (
        7,
        6,
    )

    # People without a segment, credentialed but never voting (issue 23).
    from plenaria.participants.models import Registration

    unsegmented = Registration.objects.filter(
        conference__municipality__name="Montes Claros", segment=""
    )
    assert set(unsegmented.values_list("category", flat=True)) == {"speaker", "staff"}
    assert unsegmented.filter(checkins__isnull=False).distinct().count() == 2

    # A highlight voted by voting badges, waiting for its counts: "approve" first (issue 23).
    from plenaria.voting.models import Poll

    poll = Poll.objects.get(conference__municipality__name="Montes Claros", item="highlight")
    assert poll.state == Poll.State.CLOSED
    assert [o.key for o in poll.options.all()] == ["proposed", "original", "abstention"]

    # Names in Portuguese order (core.collation): Ângela between Ana and Antônio.
    from plenaria.participants.selectors import registrations_of

    moc = Conference.objects.get(edition__year=2025, municipality__name="Montes Claros")
    shown = [r.display_name for r in registrations_of(moc)]
    assert shown.index("Ana Cláudia Ferreira") + 1 == shown.index("Ângela Maria Dias")

    # The rapporteur's code and PIN, as printed, open the participant's page.
    code, pin, _what = next(login for login in logins if "relator" in login[2])
    client = Client()
    response = client.post(reverse("participants:participant_login"), {"code": code, "pin": pin})
    assert response["Location"] == reverse("proposals:participant", args=[code])
    assert client.get(response["Location"]).status_code == 200

    # Montes Claros's final report has its narrative written: the preview is full.
    from plenaria.records.selectors import report_contents

    assert report_contents(moc).narrative_filled


def test_running_twice_changes_nothing(capsys):
    call_command("load_demo")
    before = _counts()
    audit_before = AuditEntry.objects.count()
    call_command("load_demo")
    assert _counts() == before
    assert AuditEntry.objects.count() == audit_before
    assert "organizador.moc" in capsys.readouterr().out


def test_every_municipal_conference_of_minas_gerais_sees_its_seats():
    """Issue 17, item 1: "the demo shows seats for every municipal conference of Minas
    Gerais without any override" (porte from IBGE's 2025 estimates, PNAS 2004)."""
    from plenaria.delegates.models import SeatCount
    from plenaria.delegates.selectors import seats_for

    load_demo()
    assert not SeatCount.objects.filter(municipality__isnull=False).exists()
    conferences = Conference.objects.filter(
        level="municipal", state__abbreviation="MG", edition__year=2025
    ).select_related("municipality", "edition", "state")
    assert conferences.exists()
    for conference in conferences:
        seats = seats_for(conference)
        assert seats is not None and seats.titulares >= 2, conference


def test_bocaiuva_elected_its_councils_civil_society_at_the_conference():
    from plenaria.territory.models import CouncilMember

    load_demo()
    members = CouncilMember.objects.filter(
        council__municipality__name="Bocaiúva", source__startswith="council-election:"
    )
    seats = sorted((m.segment, m.seat, m.name) for m in members)
    # users: Lúcia and Geralda tie on 2 votes; the older is the first titular
    assert seats == [
        ("entities", "titular", "Irmã Aparecida Costa"),
        ("users", "suplente", "Nilza Moreira"),
        ("users", "suplente", "Sebastião Alves Neto"),
        ("users", "titular", "Geralda Pereira dos Santos"),
        ("users", "titular", "Lúcia Helena Rocha"),
        ("workers", "suplente", "Wellington Dias"),
        ("workers", "titular", "Cleide Fonseca"),
    ]
    load_demo()  # again: nobody twice
    assert members.count() == 7


def test_montes_claros_has_its_evaluation_with_charts():
    load_demo()
    from plenaria.evaluation.selectors import results

    moc = Conference.objects.get(edition__year=2025, municipality__name="Montes Claros")
    found = results(moc)
    assert found.answers == 40 and found.by_phone == 12 and found.on_paper == 28
    assert all(q.answers for q in found.questions)
    organiser = apps.get_model("auth", "User").objects.get(username="organizador.moc")
    client = Client()
    client.force_login(organiser)
    page = client.get(reverse("evaluation:results", args=[moc.pk])).content.decode()
    assert page.count('role="img"') == 6
