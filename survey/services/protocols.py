"""Walk protocols: surveys of kind `walk_protocol` whose `category` question is the checklist.

Each choice of the `category` question is one checklist entry; it points at a need
category (and weight) and may say it is a good place or an idea rather than a barrier.
The builder edits protocols like any other survey, so this module only reads that shape
and seeds the ready German protocol.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Choice, NeedCategory, Question, Survey, SurveyKind, SurveyStatus
from . import taxonomy

CATEGORY_KEY = "category"
DEFAULT_SLUG = "rundgangsprotokoll-barrieren"

# key, need, observation kind, German, English, German easy-read
DEFAULT_CATEGORIES = [
    ("kerb", "mobility", None, "Bordstein ohne Absenkung", "Kerb without lowering",
     "Der Bord·stein ist zu hoch."),
    ("steps", "mobility", None, "Stufen ohne Rampe", "Steps without a ramp",
     "Hier sind Stufen. Es gibt keine Rampe."),
    ("pavement", "mobility", None, "Gehweg zu schmal oder zugestellt",
     "Narrow or blocked pavement", "Der Geh·weg ist zu eng. Oder etwas steht im Weg."),
    ("tactile", "mobility", None, "Fehlendes Blindenleitsystem",
     "Missing tactile paving", "Es fehlen Rillen·platten für blinde Menschen."),
    ("lighting", "safety", None, "Schlechte Beleuchtung", "Poor lighting",
     "Hier ist es zu dunkel."),
    ("bench", "health", None, "Keine Bank, kein Schatten", "No bench or shade",
     "Hier kann man sich nicht aus·ruhen."),
    ("toilet", "participation", None, "Toilette nicht barrierefrei", "Toilet not accessible",
     "Es gibt keine Toilette für alle."),
    ("signage", "information", None, "Schilder schwer lesbar", "Signage hard to read",
     "Die Schilder sind schwer zu lesen."),
    ("crossing", "safety", None, "Unsichere Querung", "Unsafe crossing",
     "Über die Straße gehen ist hier gefährlich."),
    ("noise", "health", None, "Lärm", "Noise", "Hier ist es zu laut."),
    ("good_place", "participation", "good_place", "Guter Ort", "Good place",
     "Das ist ein guter Ort."),
    ("idea", "participation", "idea", "Idee", "Idea", "Wir haben eine Idee."),
]  # fmt: skip

TEXTS = {
    "title": {
        "de": "Rundgangsprotokoll Barrieren im Stadtteil",
        "en": "Walk protocol: barriers in the neighbourhood",
    },
    "title_easy": {"de": "Rundgang: Was ist schwer im Stadt·teil?"},
    "intro": {
        "de": "Notiert auf dem Rundgang, was Menschen im Stadtteil behindert, was gut "
        "funktioniert und welche Ideen die Teilnehmenden haben.",
        "en": "Note on the walk what hinders people in the neighbourhood, what works well "
        "and which ideas the participants have.",
    },
    "intro_easy": {
        "de": "Wir gehen zusammen durch den Stadt·teil. Wir schreiben auf: Was ist schwer? "
        "Was ist gut? Welche Ideen haben wir?"
    },
}


def checklist(session: Session, protocol: Survey) -> list[Choice]:
    """The protocol's categories in order (the choices of its `category` question)."""
    return list(
        session.scalars(
            select(Choice)
            .join(Question)
            .where(Question.survey_id == protocol.id, Question.key == CATEGORY_KEY)
            .order_by(Choice.position, Choice.id)
        )
    )


def usable_protocols(session: Session) -> list[Survey]:
    """Walk protocols a leader may choose for a new walk: open and not archived."""
    return list(
        session.scalars(
            select(Survey)
            .where(
                Survey.kind == SurveyKind.WALK_PROTOCOL,
                Survey.status == SurveyStatus.OPEN,
                Survey.archived.is_(False),
            )
            .order_by(Survey.id)
        )
    )


def create_default_walk_protocol(session: Session) -> Survey:
    """Seed the ready German walk protocol (once; returns the existing one afterwards)."""
    existing = session.scalar(select(Survey).where(Survey.slug == DEFAULT_SLUG))
    if existing is not None:
        return existing
    taxonomy.seed_need_categories(session)
    needs = {n.key: n.id for n in session.scalars(select(NeedCategory))}
    protocol = Survey(
        slug=DEFAULT_SLUG,
        kind=SurveyKind.WALK_PROTOCOL,
        status=SurveyStatus.DRAFT,
        languages=["de", "en"],
        default_language="de",
        texts=TEXTS,
    )
    question = Question(
        key=CATEGORY_KEY,
        type="single_choice",
        position=0,
        required=True,
        texts={
            "label": {"de": "Was habt ihr gefunden?", "en": "What did you find?"},
            "label_easy": {"de": "Was habt ihr gesehen?"},
        },
    )
    for position, (key, need, kind, de, en, de_easy) in enumerate(DEFAULT_CATEGORIES):
        question.choices.append(
            Choice(
                key=key,
                position=position,
                need_category_id=needs.get(need),
                weight=1.0,
                observation_kind=kind,
                texts={"label": {"de": de, "en": en}, "label_easy": {"de": de_easy}},
            )
        )
    protocol.questions.append(question)
    protocol.publish()
    session.add(protocol)
    session.flush()
    return protocol


def ensure_walk_protocol(session: Session) -> bool:
    """A fresh installation gets the default protocol, so walks can be planned at once.

    `mitsprache init-db` calls it; True when it was added now."""
    exists = session.scalar(
        select(Survey.id).where(Survey.kind == SurveyKind.WALK_PROTOCOL).limit(1)
    )
    if exists is None:
        create_default_walk_protocol(session)
    return exists is None
