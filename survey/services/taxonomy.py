"""The default need taxonomy and demo areas, seeded once and then owned by the network."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, NeedCategory

# Paul Tol's "muted" scheme: distinguishable with the common colour-vision deficiencies.
PALETTE = [
    "#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77",
    "#CC6677", "#AA4499", "#882255", "#999933", "#6D6D6D",
]  # fmt: skip

# key, dimension (Index for Inclusion), German, German easy-read, English
NEED_CATEGORIES = [
    ("mobility", "structure", "Mobilität und Wege", "Unterwegs sein", "Mobility and getting around"),
    ("information", "structure", "Information und Kommunikation", "Informationen verstehen",
     "Information and communication"),
    ("participation", "practice", "Teilhabe und Freizeit", "Frei·zeit und mit·machen",
     "Participation and leisure"),
    ("housing", "structure", "Wohnen", "Wohnen", "Housing"),
    ("work", "structure", "Arbeit", "Arbeit", "Work"),
    ("education", "structure", "Bildung", "Lernen", "Education"),
    ("health", "structure", "Gesundheit und Pflege", "Gesundheit und Pflege", "Health and care"),
    ("safety", "structure", "Sicherheit", "Sicher sein", "Safety"),
    ("social", "practice", "Soziale Kontakte", "Kontakt zu anderen Menschen", "Social contacts"),
    ("attitudes", "culture", "Haltung und Diskriminierung", "Wie andere mit mir umgehen",
     "Attitudes and discrimination"),
]  # fmt: skip

DEMO_AREAS = [
    ("altstadt", "Altstadt", "Old town"),
    ("nordviertel", "Nordviertel", "North quarter"),
    ("bahnhof", "Am Bahnhof", "Station quarter"),
    ("suedpark", "Südpark", "South park"),
]


def seed_need_categories(session: Session) -> int:
    """Add the default categories that are not there yet; returns how many were added."""
    existing = set(session.scalars(select(NeedCategory.key)))
    added = 0
    for position, (key, dimension, de, de_easy, en) in enumerate(NEED_CATEGORIES):
        if key in existing:
            continue
        session.add(
            NeedCategory(
                key=key,
                position=position,
                colour=PALETTE[position % len(PALETTE)],
                dimension=dimension,
                texts={"label": {"de": de, "en": en}, "label_easy": {"de": de_easy}},
            )
        )
        added += 1
    session.flush()
    return added


def seed_areas(session: Session) -> int:
    existing = set(session.scalars(select(Area.key)))
    added = 0
    for position, (key, de, en) in enumerate(DEMO_AREAS):
        if key not in existing:
            session.add(Area(key=key, position=position, texts={"label": {"de": de, "en": en}}))
            added += 1
    session.flush()
    return added
