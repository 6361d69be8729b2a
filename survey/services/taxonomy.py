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

# The default need taxonomy: key, Index for Inclusion dimension, label per language and the
# easy-read label (Leichte Sprache for German). Stored as content, so a network may edit it.
NEED_CATEGORIES = [
    ("mobility", "structure", {
        "de": "Mobilität und Wege", "en": "Mobility and getting around",
        "tr": "Hareketlilik ve ulaşım", "ar": "التنقل والحركة",
        "uk": "Мобільність і пересування", "ru": "Мобильность и передвижение",
        "fa": "جابه‌جایی و رفت‌وآمد", "pl": "Mobilność i poruszanie się",
    }, {"de": "Unterwegs sein"}),
    ("information", "structure", {
        "de": "Information und Kommunikation", "en": "Information and communication",
        "tr": "Bilgi ve iletişim", "ar": "المعلومات والتواصل",
        "uk": "Інформація та комунікація", "ru": "Информация и коммуникация",
        "fa": "اطلاعات و ارتباطات", "pl": "Informacja i komunikacja",
    }, {"de": "Informationen verstehen"}),
    ("participation", "practice", {
        "de": "Teilhabe und Freizeit", "en": "Participation and leisure",
        "tr": "Katılım ve boş zaman", "ar": "المشاركة وأوقات الفراغ",
        "uk": "Участь і дозвілля", "ru": "Участие и досуг",
        "fa": "مشارکت و اوقات فراغت", "pl": "Uczestnictwo i czas wolny",
    }, {"de": "Frei·zeit und mit·machen"}),
    ("housing", "structure", {
        "de": "Wohnen", "en": "Housing", "tr": "Konut", "ar": "السكن",
        "uk": "Житло", "ru": "Жильё", "fa": "مسکن", "pl": "Mieszkanie",
    }, {"de": "Wohnen"}),
    ("work", "structure", {
        "de": "Arbeit", "en": "Work", "tr": "Çalışma hayatı", "ar": "العمل",
        "uk": "Робота", "ru": "Работа", "fa": "کار", "pl": "Praca",
    }, {"de": "Arbeit"}),
    ("education", "structure", {
        "de": "Bildung", "en": "Education", "tr": "Eğitim", "ar": "التعليم",
        "uk": "Освіта", "ru": "Образование", "fa": "آموزش", "pl": "Edukacja",
    }, {"de": "Lernen"}),
    ("health", "structure", {
        "de": "Gesundheit und Pflege", "en": "Health and care",
        "tr": "Sağlık ve bakım", "ar": "الصحة والرعاية",
        "uk": "Здоров’я та догляд", "ru": "Здоровье и уход",
        "fa": "سلامت و مراقبت", "pl": "Zdrowie i opieka",
    }, {"de": "Gesundheit und Pflege"}),
    ("safety", "structure", {
        "de": "Sicherheit", "en": "Safety", "tr": "Güvenlik", "ar": "الأمان",
        "uk": "Безпека", "ru": "Безопасность", "fa": "امنیت", "pl": "Bezpieczeństwo",
    }, {"de": "Sicher sein"}),
    ("social", "practice", {
        "de": "Soziale Kontakte", "en": "Social contacts",
        "tr": "Sosyal ilişkiler", "ar": "العلاقات الاجتماعية",
        "uk": "Соціальні контакти", "ru": "Социальные контакты",
        "fa": "ارتباطات اجتماعی", "pl": "Kontakty społeczne",
    }, {"de": "Kontakt zu anderen Menschen"}),
    ("attitudes", "culture", {
        "de": "Haltung und Diskriminierung", "en": "Attitudes and discrimination",
        "tr": "Tutumlar ve ayrımcılık", "ar": "المواقف والتمييز",
        "uk": "Ставлення та дискримінація", "ru": "Отношение и дискриминация",
        "fa": "نگرش‌ها و تبعیض", "pl": "Postawy i dyskryminacja",
    }, {"de": "Wie andere mit mir umgehen"}),
]  # fmt: skip

DEMO_AREAS = [
    ("altstadt", "Altstadt", "Old town"),
    ("nordviertel", "Nordviertel", "North quarter"),
    ("bahnhof", "Am Bahnhof", "Station quarter"),
    ("suedpark", "Südpark", "South park"),
]


def seed_need_categories(session: Session) -> int:
    """Add the default categories that are not there yet; returns how many were added.

    Categories that exist keep every text the network wrote; only languages they have no
    label for yet get the default one (so a new interface language reaches old data)."""
    existing = {c.key: c for c in session.scalars(select(NeedCategory))}
    added = 0
    for position, (key, dimension, labels, easy) in enumerate(NEED_CATEGORIES):
        category = existing.get(key)
        if category is not None:
            _add_missing_languages(category, {"label": labels, "label_easy": easy})
            continue
        session.add(
            NeedCategory(
                key=key,
                position=position,
                colour=PALETTE[position % len(PALETTE)],
                dimension=dimension,
                texts={"label": dict(labels), "label_easy": dict(easy)},
            )
        )
        added += 1
    session.flush()
    return added


def _add_missing_languages(category: NeedCategory, defaults: dict[str, dict[str, str]]) -> None:
    texts = {field: dict(values) for field, values in (category.texts or {}).items()}
    for field, values in defaults.items():
        current = texts.setdefault(field, {})
        for lang, text in values.items():
            if not (current.get(lang) or "").strip():
                current[lang] = text
    if texts != category.texts:
        category.texts = texts  # a new object, so SQLAlchemy sees the change


def seed_areas(session: Session) -> int:
    existing = set(session.scalars(select(Area.key)))
    added = 0
    for position, (key, de, en) in enumerate(DEMO_AREAS):
        if key not in existing:
            session.add(Area(key=key, position=position, texts={"label": {"de": de, "en": en}}))
            added += 1
    session.flush()
    return added
