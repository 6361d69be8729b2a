"""Aggregates against numbers counted by hand."""

from __future__ import annotations

import pytest

from survey.models import NeedCategory
from survey.services import aggregate as agg
from survey.services.needs import need_profile, wilson_interval
from survey.services.taxonomy import seed_areas, seed_need_categories
from tests.factories import make_survey

from .factory import add_many, add_response


@pytest.fixture
def needs(db):
    seed_need_categories(db)
    seed_areas(db)
    return {c.key: c for c in db.query(NeedCategory)}


@pytest.fixture
def survey(db, needs):
    mobility, info = needs["mobility"].id, needs["information"].id
    return make_survey(
        db,
        "zahlen",
        [
            {"key": "gebiet", "type": "area", "choices": ["altstadt", "nordviertel"]},
            {"key": "alter", "type": "single_choice", "choices": ["jung", "alt"],
             "settings": {"is_group": True}},
            {"key": "probleme", "type": "multiple_choice", "choices": [
                {"key": "bus", "need_category_id": mobility},
                {"key": "stufen", "need_category_id": mobility, "weight": 0.5},
                {"key": "briefe", "need_category_id": info},
                {"key": "keine", "exclusive": True}]},
            {"key": "bus_wie", "type": "rating", "choices": ["1", "2", "3"],
             "condition": {"rules": [{"question": "probleme", "values": ["bus"]}]}},
            {"key": "wichtig", "type": "ranking", "choices": ["a", "b"]},
        ],
    )  # fmt: skip


def _seed(db, survey):
    add_many(
        db,
        survey,
        6,
        {
            "gebiet": "altstadt",
            "alter": "jung",
            "probleme": ["bus", "stufen"],
            "bus_wie": "1",
            "wichtig": {"a": 1, "b": 2},
        },
    )
    add_many(
        db,
        survey,
        4,
        {"gebiet": "altstadt", "alter": "alt", "probleme": ["stufen"], "wichtig": {"a": 2, "b": 1}},
    )
    add_many(
        db,
        survey,
        5,
        {"gebiet": "nordviertel", "alter": "alt", "probleme": ["briefe", "bus"], "bus_wie": "3"},
        channel="paper",
    )
    add_many(db, survey, 3, {"gebiet": "nordviertel", "probleme": ["keine"]})
    # partial responses never count
    add_many(db, survey, 7, {"gebiet": "altstadt", "probleme": ["bus"]}, status="partial")


def _choice(survey, qkey, ckey):
    q = next(q for q in survey.questions if q.key == qkey)
    return q.id, next(c.id for c in q.choices if c.key == ckey)


def test_counts_exclude_partial_responses_and_follow_filters(db, survey):
    _seed(db, survey)
    assert agg.respondent_counts(db, survey, agg.Filters()) == {None: 18}
    assert agg.respondent_counts(db, survey, agg.Filters(area="altstadt")) == {None: 10}
    assert agg.respondent_counts(db, survey, agg.Filters(channel="paper")) == {None: 5}
    assert agg.respondent_counts(db, survey, agg.Filters(group=("alter", "alt"))) == {None: 9}
    by_area = agg.Dimension("area", agg.area_question(survey))
    counts = agg.respondent_counts(db, survey, agg.Filters(), by_area)
    assert counts == {_choice(survey, "gebiet", "altstadt")[1]: 10,
                      _choice(survey, "gebiet", "nordviertel")[1]: 8}  # fmt: skip


def test_multiple_choice_counts_and_conditional_question_base(db, survey):
    _seed(db, survey)
    counts = agg.choice_counts(db, survey, agg.Filters())
    q, bus = _choice(survey, "probleme", "bus")
    assert counts[(None, q, bus)][0] == 11
    assert counts[(None, *_choice(survey, "probleme", "stufen"))][0] == 10
    stats = agg.question_stats(db, survey, agg.Filters())
    assert stats[(None, q)].answered == 18
    # the rating was only shown to people who named the bus: 11 answered, mean (6·1 + 5·3)/11
    rating_q = _choice(survey, "bus_wie", "1")[0]
    assert stats[(None, rating_q)].answered == 11
    assert stats[(None, rating_q)].mean == pytest.approx(21 / 11)


def test_ranking_average_rank(db, survey):
    _seed(db, survey)
    counts = agg.choice_counts(db, survey, agg.Filters())
    q, a = _choice(survey, "wichtig", "a")
    assert counts[(None, q, a)] == (10, pytest.approx((6 * 1 + 4 * 2) / 10))


def test_cross_table_by_area_in_one_statement(db, survey):
    _seed(db, survey)
    by_area = agg.Dimension("area", agg.area_question(survey))
    counts = agg.choice_counts(db, survey, agg.Filters(), by_area)
    q, bus = _choice(survey, "probleme", "bus")
    _aq, alt = _choice(survey, "gebiet", "altstadt")
    _aq, nord = _choice(survey, "gebiet", "nordviertel")
    assert counts[(alt, q, bus)][0] == 6
    assert counts[(nord, q, bus)][0] == 5


def test_need_profile_weights_and_wilson(db, survey, needs):
    _seed(db, survey)
    profile = need_profile(db, survey, agg.Filters(), k=5)
    rows = {r.category.key: r for r in profile.rows}
    mobility = rows["mobility"]
    # bus (1.0) or stairs (0.5), the strongest counts: 6·1 + 4·0.5 + 5·1 = 13 of 18
    assert profile.respondents == 18
    assert mobility.named == 15
    assert mobility.weighted == pytest.approx(13.0)
    assert mobility.share == pytest.approx(13 / 18)
    assert mobility.interval == pytest.approx(wilson_interval(13, 18))
    assert rows["information"].named == 5
    assert not rows["information"].hidden
    assert rows["housing"].named == 0
    assert rows["housing"].hidden
    # 15 named, 3 did not: the complement is below 5, so the number is hidden
    assert mobility.hidden
    assert profile.ranked[0].category.key == "information"


def test_free_text_codes_count_in_the_need_profile(db, needs):
    from survey.models import TextCode

    survey = make_survey(db, "text", [{"key": "idee", "type": "long_text"}])
    answers = [add_response(db, survey, {"idee": f"Rampe fehlt {i}"}).answers[0] for i in range(8)]
    add_many(db, survey, 4, {"idee": "alles gut"})
    for answer in answers[:6]:
        db.add(TextCode(answer_id=answer.id, need_category_id=needs["mobility"].id))
    db.flush()
    row = next(
        r for r in need_profile(db, survey, agg.Filters(), 5).rows if r.category.key == "mobility"
    )
    assert (row.named, row.respondents, row.hidden) == (6, 12, False)


@pytest.mark.parametrize(
    ("successes", "n", "expected"),
    [(0, 10, (0.0, 0.2775)), (5, 10, (0.2366, 0.7634)), (81, 263, (0.2553, 0.3662)),
     (10, 10, (0.7225, 1.0))],
)  # fmt: skip
def test_wilson_interval_known_values(successes, n, expected):
    low, high = wilson_interval(successes, n)
    assert low == pytest.approx(expected[0], abs=5e-5)
    assert high == pytest.approx(expected[1], abs=5e-5)


def test_unknown_filter_value_is_refused(db, survey):
    with pytest.raises(agg.FilterError):
        agg.respondent_counts(db, survey, agg.Filters(area="mond"))


@pytest.mark.parametrize(
    ("filters", "by"),
    [(agg.Filters(), None), (agg.Filters(channel="paper"), None), (agg.Filters(), "area"),
     (agg.Filters(group=("alter", "alt")), "area"), (agg.Filters(), "channel")],
)  # fmt: skip
def test_direct_need_count_equals_once_per_person_count(db, needs, filters, by):
    """The fast statement (one choice per category, nothing coded) gives the same numbers as
    the general one that keeps each person's strongest answer per category."""
    from survey.services import needs as needs_service

    from .conftest import build_survey

    survey = build_survey(db, slug="gleich")
    # unfinished responses never count, also where the counting takes them off afterwards
    add_many(db, survey, 3, {"gebiet": "altstadt", "probleme": ["bus", "briefe"]}, status="partial")
    db.flush()
    dimension = agg.Dimension(by, agg.area_question(survey)) if by else None
    fast = needs_service._named_directly(db, survey, filters, dimension)
    general = [
        (None if by is None else agg._key(k), *rest)  # no breakdown: the key means nothing
        for k, *rest in db.execute(needs_service._named_once_per_person(survey, filters, dimension))
    ]
    assert fast  # the survey names needs: the comparison is not between two empty lists
    assert sorted(fast, key=repr) == sorted(map(tuple, general), key=repr)
    assert not needs_service._has_codes(db, survey)


def test_question_summaries_without_filters_equal_the_joined_statements(db, needs):
    """Without filters the questions page counts from the answer index alone and takes off
    the unfinished responses: the numbers must be those of joining every answer to its
    response, including means, lowest and highest numbers, ranks and multiple choices."""
    survey = make_survey(
        db,
        "gleich-fragen",
        [
            {"key": "gebiet", "type": "area", "choices": ["altstadt", "nordviertel"]},
            {"key": "probleme", "type": "multiple_choice", "choices": ["bus", "stufen", "keine"]},
            {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3"]},
            {"key": "wichtig", "type": "ranking", "choices": ["a", "b", "c"]},
            {"key": "alter", "type": "number"},
            {"key": "idee", "type": "short_text"},
        ],
    )
    add_many(db, survey, 6, {"gebiet": "altstadt", "probleme": ["bus", "stufen"],
                             "zufrieden": "1", "wichtig": {"a": 1, "b": 2}, "alter": 30,
                             "idee": "Bänke"})  # fmt: skip
    add_many(db, survey, 4, {"gebiet": "nordviertel", "probleme": ["stufen"], "zufrieden": "3",
                             "wichtig": {"a": 2, "b": 1, "c": 3}, "alter": 71})  # fmt: skip
    add_response(db, survey, {"probleme": ["keine"], "alter": 45})
    # unfinished responses: the lowest and the highest age, a third choice and rank of their own
    add_many(db, survey, 3, {"gebiet": "altstadt", "probleme": ["bus", "keine"],
                             "zufrieden": "2", "wichtig": {"c": 1}, "alter": 5,
                             "idee": "weg"}, status="partial")  # fmt: skip
    add_response(db, survey, {"alter": 110, "probleme": ["bus"]}, status="partial")
    db.flush()

    nothing = agg.Filters()
    fast = agg.question_summaries(db, survey, nothing)
    assert fast.counts == {
        key: (n, pytest.approx(mean) if mean is not None else None)
        for key, (n, mean) in agg.choice_counts(db, survey, nothing).items()
    }
    joined = agg.question_stats(db, survey, nothing)
    assert fast.stats.keys() == joined.keys()
    for key, stat in joined.items():
        assert fast.stats[key].answered == stat.answered, key
        assert fast.stats[key].mean == pytest.approx(stat.mean), key
        assert (fast.stats[key].minimum, fast.stats[key].maximum) == (stat.minimum, stat.maximum)
    assert fast.numbers == agg.number_distribution(db, survey, nothing)
    # and by hand: 11 people named a problem, 10 the area, ages 30…71
    by_key = {q.key: q.id for q in survey.questions}
    assert fast.stats[(None, by_key["probleme"])].answered == 11
    assert fast.stats[(None, by_key["wichtig"])].answered == 10
    assert fast.stats[(None, by_key["alter"])].minimum == 30
    assert fast.stats[(None, by_key["alter"])].maximum == 71
    assert fast.stats[(None, by_key["alter"])].mean == pytest.approx((6 * 30 + 4 * 71 + 45) / 11)
    _q, c = _choice(survey, "wichtig", "c")
    assert fast.counts[(None, _q, c)] == (4, 3.0)  # the unfinished rank 1 taken off


def test_question_summaries_with_filters_follow_them(db, survey):
    _seed(db, survey)
    altstadt = agg.Filters(area="altstadt")
    summaries = agg.question_summaries(db, survey, altstadt)
    q, bus = _choice(survey, "probleme", "bus")
    assert summaries.counts[(None, q, bus)][0] == 6
    assert summaries.stats[(None, q)].answered == 10
