import pytest

from plenaria.conferences.models import Conference
from plenaria.records import selectors
from plenaria.records.models import NarrativePart
from plenaria.records.tests.conftest import fill

pytestmark = pytest.mark.django_db


def test_it_counts_participation_by_segment_category_need_and_quota(report_world):
    contents = selectors.report_contents(report_world.conference)
    people = contents.participation
    assert (people.registered, people.credentialed) == (4, 3)  # the cancelled one is out
    # users, workers, entities, government (Segment's order)
    assert [(r.registered, r.credentialed) for r in people.by_segment] == [
        (2, 1),
        (1, 1),
        (0, 0),
        (1, 1),
    ]
    categories = {row.label: (row.registered, row.credentialed) for row in people.by_category}
    assert sorted(categories.values()) == [(1, 0), (3, 3)]
    assert [(r.registered, r.credentialed) for r in people.by_need] == [(1, 1)]
    assert (people.declared_any.registered, people.declared_any.credentialed) == (1, 1)


def test_it_gathers_events_programme_deliberations_motions_and_delegates(report_world):
    contents = selectors.report_contents(report_world.conference)
    assert contents.council  # the municipal council of Montes Claros
    assert contents.act is not None
    assert len(contents.events) == 1 and contents.events_participants == 3
    assert [item.title for item in contents.programme] == ["MOC Abertura"]
    assert len(contents.deliberations) == 6  # the rejected one is out
    first = contents.axes[0]
    # by sphere in the edition's order, then the plenary's priority, unranked last
    assert [s.label for s in first.spheres] == ["Municipal", "Federal"]
    assert [d.priority for d in first.spheres[0].deliberations] == [1, 2]
    assert [m.text for m in contents.motions] == ["MOC moção aprovada"]
    assert (contents.delegates.titulares, contents.delegates.suplentes) == (1, 1)
    assert contents.delegates.in_quota == 1
    assert contents.evaluation is None  # no evaluation section until it is wired


def test_it_never_holds_a_persons_name_nor_another_conferences_data(report_world):
    contents = selectors.report_contents(report_world.conference)
    flat = repr(contents.__dict__) + repr([p.__dict__ for p in contents.participation.by_segment])
    for person in report_world.here.people:
        assert person.name not in flat
    assert "JAN" not in repr(contents.deliberations) + repr(contents.motions)
    assert "Presente" not in flat


def test_the_narrative_parts_come_in_order_and_a_get_writes_nothing(report_world):
    parts = selectors.narrative_of(report_world.conference)
    assert [p.part for p in parts] == ["methodology", "debate", "difficulties", "referrals"]
    assert all(p.pk is None and p.version == 0 for p in parts)
    assert not NarrativePart.objects.exists()


def test_it_reads_in_a_constant_number_of_queries(
    report_world, django_assert_max_num_queries, django_assert_num_queries
):
    def loaded():  # as get_conference_for_user reads it
        return Conference.objects.select_related(
            "edition", "state", "municipality", "association"
        ).get(pk=report_world.conference.pk)

    conference = loaded()
    with django_assert_max_num_queries(20) as small:
        selectors.report_contents(conference)
    fill(report_world.conference, prefix="MAIS", axis_count=5)
    conference = loaded()
    with django_assert_num_queries(len(small.captured_queries)):
        selectors.report_contents(conference)


def test_the_evaluation_shows_only_when_the_conference_has_its_form(report_world):
    from plenaria.evaluation import services as evaluation

    conference = report_world.conference
    assert selectors.report_contents(conference).evaluation is None
    closed = conference.status
    Conference.objects.filter(pk=conference.pk).update(status="in_progress")  # answered then
    conference.refresh_from_db()
    form = evaluation.form_create(actor=None, conference=conference)
    first = form.questions.order_by("position").first()
    for _ in range(4):
        evaluation.paper_answer_add(actor=None, form=form, values={f"q{first.pk}": 4})
    Conference.objects.filter(pk=conference.pk).update(status=closed)
    conference.refresh_from_db()
    # four answers would be those people's own: no section yet
    assert selectors.report_contents(conference).evaluation is None
    Conference.objects.filter(pk=conference.pk).update(status="in_progress")
    conference.refresh_from_db()
    evaluation.paper_answer_add(actor=None, form=form, values={f"q{first.pk}": 5})
    Conference.objects.filter(pk=conference.pk).update(status=closed)
    conference.refresh_from_db()
    results = selectors.report_contents(conference).evaluation
    assert results.answers == 5
    assert results.questions[0].average == pytest.approx(4.2)
