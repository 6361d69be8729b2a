"""Done when: a coordinator builds the needs survey from scratch in the browser, in German with
easy-read and Arabic, publishes it, exports it as XLSForm and imports it again unchanged."""

from __future__ import annotations

import io

from sqlalchemy import select

from survey.models import NeedCategory, SurveyStatus
from survey.services import taxonomy
from survey.services.surveys import find_survey

from ..pages import check_page

B = "/builder/bedarf-neu"


def post(client, url, data, expect=302, **kw):
    response = client.post(url, data=data, **kw)
    assert response.status_code == expect, (url, response.get_data(as_text=True)[:2000])
    return response


def add_question(client, type_, key, label):
    post(client, f"{B}/questions", {"type": type_, "key": key, "label": label})


def add_choices(client, key, labels):
    for choice_key, label in labels:
        post(
            client,
            f"{B}/questions/{key}/choices",
            {"choice-key": choice_key, "choice-label": label},
        )


def texts(client, key, lang, label, easy="", choices=(), hint=""):
    data = {"t-label": label, "t-label_easy": easy, "t-hint": hint}
    for choice_key, text, choice_easy in choices:
        data[f"c-{choice_key}-label"] = text
        data[f"c-{choice_key}-label_easy"] = choice_easy
    post(client, f"{B}/questions/{key}/texts/{lang}", data)


def test_coordinator_builds_publishes_exports_and_reimports_the_needs_survey(
    app, client, db, coordinator
):
    taxonomy.seed_need_categories(db)
    taxonomy.seed_areas(db)
    db.commit()
    needs = {n.key: n.id for n in db.scalars(select(NeedCategory))}

    # create, then add Arabic
    post(client, "/builder/new", {"title": "Bedarfserhebung Inklusion im Stadtteil", "kind": "questionnaire",
                                  "language": "de", "slug": "bedarf-neu"})  # fmt: skip
    post(client, f"{B}/settings", {"slug": "bedarf-neu", "languages": ["de", "ar"], "default_language": "de",
                                  "anonymous": "y", "min_cell": "5"})  # fmt: skip
    post(client, f"{B}/texts/de", {"t-title": "Bedarfserhebung Inklusion im Stadtteil",
                                   "t-title_easy": "Was brauchen Sie im Stadt·teil?",
                                   "t-intro": "Wir möchten wissen, was Sie brauchen.",
                                   "t-intro_easy": "Wir fragen Sie nach Ihrer Meinung.",
                                   "t-consent": "Ich bin einverstanden, dass meine Antworten ohne Namen ausgewertet werden.",
                                   "t-consent_easy": "Wir schreiben Ihren Namen nicht auf.",
                                   "t-thanks": "Vielen Dank für Ihre Antworten!",
                                   "t-thanks_easy": "Danke!"})  # fmt: skip

    # questions of the needs survey
    add_question(client, "area", "wohngebiet", "In welchem Teil der Stadt wohnen Sie?")
    add_question(
        client,
        "multiple_choice",
        "unterwegs",
        "Was ist für Sie schwierig, wenn Sie unterwegs sind?",
    )
    add_choices(
        client, "unterwegs", [("bordsteine", "Hohe Bordsteine"), ("licht", "Schlechte Beleuchtung")]
    )
    post(client, f"{B}/questions/unterwegs/", {"key": "unterwegs", "allow_none": "y", "pictogram": "wheelchair",
                                               "need_category": ""})  # fmt: skip
    post(
        client,
        f"{B}/questions/unterwegs/choices/bordsteine",
        {"key": "bordsteine", "need_category": str(needs["mobility"]), "weight": "1"},
    )
    post(
        client,
        f"{B}/questions/unterwegs/choices/licht",
        {"key": "licht", "need_category": str(needs["safety"]), "weight": "0,5"},
    )
    add_question(client, "rating", "wege", "Wie gut kommen Sie im Stadtteil voran?")
    add_question(
        client,
        "yes_no",
        "freizeit",
        "Möchten Sie bei Freizeitangeboten mitmachen und können es nicht?",
    )
    add_question(client, "multiple_choice", "hindernis", "Was hindert Sie daran?")
    add_choices(
        client,
        "hindernis",
        [("kosten", "Es kostet zu viel"), ("zugang", "Der Ort ist nicht barrierefrei")],
    )
    check_page(client.get(f"{B}/questions/hindernis/condition?on=freizeit&lang=en"))
    post(
        client,
        f"{B}/questions/hindernis/condition",
        {"action": "add", "on": "freizeit", "values": ["yes"]},
    )
    add_question(client, "ranking", "wichtig", "Was ist Ihnen am wichtigsten?")
    add_choices(client, "wichtig", [("wege", "Wege"), ("wohnen", "Wohnen")])
    add_question(client, "long_text", "idee", "Was würde Ihnen das Leben leichter machen?")
    add_question(client, "single_choice", "alter", "Wie alt sind Sie?")
    add_choices(client, "alter", [("unter_65", "Unter 65 Jahre"), ("ab_65", "65 Jahre oder älter")])
    post(
        client,
        f"{B}/questions/alter/",
        {"key": "alter", "is_group": "y", "pictogram": "", "need_category": ""},
    )
    post(client, f"{B}/questions/alter/move", {"to": "up"})  # reorder with a plain button
    post(client, f"{B}/questions/alter/move", {"to": "down"})
    # a note, a number, a date and a short text; required flags, a need category per question
    add_question(client, "note", "hinweis", "Zum Schluss: ein paar Fragen zu Ihnen")
    add_question(client, "number", "personen", "Wie viele Menschen leben in Ihrem Haushalt?")
    post(client, f"{B}/questions/personen/", {"key": "personen", "required": "y", "min": "1", "max": "20",
                                              "pictogram": "house", "need_category": str(needs["housing"])})  # fmt: skip
    add_question(client, "date", "seit", "Seit wann wohnen Sie hier?")
    add_question(client, "short_text", "strasse", "In welcher Straße wohnen Sie?")
    post(client, f"{B}/questions/wohngebiet/", {"key": "wohngebiet", "required": "y", "pictogram": "",
                                                "need_category": ""})  # fmt: skip
    post(client, f"{B}/questions/wege/", {"key": "wege", "required": "y", "allow_dont_know": "y",
                                          "pictogram": "", "need_category": str(needs["mobility"])})  # fmt: skip

    # publishing is refused while Arabic is missing, with a list naming what is missing
    refused = client.post(f"{B}/publish?lang=en")
    assert refused.status_code == 409
    soup = check_page(refused)
    assert "wohngebiet" in soup.get_text()
    assert "is missing in Arabic." in soup.get_text()  # the language named, not "ar"
    grid = check_page(client.get(f"{B}/translations?lang=en"))
    assert grid.find_all(class_="cell--missing")

    # German easy-read and Arabic texts, written per question
    post(
        client,
        f"{B}/texts/ar",
        {"t-title": "استبيان الاحتياجات", "t-intro": "نريد أن نعرف ما تحتاجه.",
         "t-consent": "أوافق على تقييم إجاباتي دون ذكر اسمي.", "t-thanks": "شكرًا على إجاباتك!"},
    )  # fmt: skip
    texts(client, "wohngebiet", "ar", "في أي جزء من المدينة تسكن؟")
    texts(client, "wohngebiet", "de", "In welchem Teil der Stadt wohnen Sie?", "Wo wohnen Sie?")
    texts(client, "unterwegs", "de", "Was ist für Sie schwierig, wenn Sie unterwegs sind?",
          "Was ist schwer für Sie?", [("bordsteine", "Hohe Bordsteine", "Hohe Kanten"),
                                      ("licht", "Schlechte Beleuchtung", "Es ist zu dunkel."),
                                      ("none", "Nichts davon", "")])  # fmt: skip
    texts(
        client,
        "unterwegs",
        "ar",
        "ما الذي يصعب عليك عندما تتنقل؟",
        "",
        [
            ("bordsteine", "أرصفة عالية", ""),
            ("licht", "إضاءة سيئة", ""),
            ("none", "لا شيء مما سبق", ""),
        ],
    )
    scale_de = ["Sehr schlecht", "Schlecht", "Mittel", "Gut", "Sehr gut"]
    scale_ar = ["سيئ جدًا", "سيئ", "متوسط", "جيد", "جيد جدًا"]
    dont_know = {"de": "Weiß ich nicht", "ar": "لا أعرف"}
    for lang, label, scale in [("de", "Wie gut kommen Sie im Stadtteil voran?", scale_de),
                               ("ar", "إلى أي حد تتنقل بسهولة في الحي؟", scale_ar)]:  # fmt: skip
        choices = [(str(i + 1), t, "") for i, t in enumerate(scale)]
        texts(client, "wege", lang, label, choices=[*choices, ("dont_know", dont_know[lang], "")])
    texts(
        client,
        "freizeit",
        "de",
        "Möchten Sie bei Freizeitangeboten mitmachen und können es nicht?",
        "Wollen Sie bei etwas mit·machen?",
        [("yes", "Ja", ""), ("no", "Nein", "")],
    )
    texts(
        client,
        "freizeit",
        "ar",
        "هل تريد المشاركة في أنشطة ولا تستطيع؟",
        choices=[("yes", "نعم", ""), ("no", "لا", "")],
    )
    texts(
        client,
        "hindernis",
        "ar",
        "ما الذي يمنعك؟",
        choices=[("kosten", "التكلفة مرتفعة", ""), ("zugang", "المكان غير مهيأ", "")],
    )
    texts(
        client,
        "wichtig",
        "ar",
        "ما الأهم بالنسبة لك؟",
        choices=[("wege", "الطرق", ""), ("wohnen", "السكن", "")],
    )
    texts(client, "idee", "de", "Was würde Ihnen das Leben leichter machen?",
          hint="Sie können auch Stichworte schreiben.")  # fmt: skip
    texts(client, "idee", "ar", "ما الذي سيجعل حياتك أسهل؟", hint="يمكنك كتابة كلمات مفتاحية.")
    texts(client, "hinweis", "ar", "أخيرًا: بعض الأسئلة عنك")
    texts(client, "personen", "ar", "كم عدد الأشخاص في أسرتك؟")
    texts(client, "seit", "ar", "منذ متى تسكن هنا؟")
    texts(client, "strasse", "ar", "في أي شارع تسكن؟")
    texts(
        client,
        "alter",
        "ar",
        "كم عمرك؟",
        choices=[("unter_65", "أقل من 65 سنة", ""), ("ab_65", "65 سنة أو أكثر", "")],
    )

    # preview as a phone, in Arabic and in German easy-read
    phone = check_page(client.get(f"{B}/preview/ar?page=2&lang=en")).find(class_="phone")
    assert phone["dir"] == "rtl"
    assert "أرصفة عالية" in phone.get_text()
    easy = check_page(client.get(f"{B}/preview/de/easy?page=2&lang=en")).find(class_="phone")
    assert "Hohe Kanten" in easy.get_text()

    page = client.post(f"{B}/publish?lang=en")
    assert page.status_code == 302, [
        li.get_text() for li in check_page(page).select(".problem-list li")
    ]
    built = load(db, "bedarf-neu")
    assert built.status is SurveyStatus.OPEN
    assert [q.key for q in built.questions] == ["wohngebiet", "unterwegs", "wege", "freizeit", "hindernis",
                                                "wichtig", "idee", "alter", "hinweis", "personen",
                                                "seit", "strasse"]  # fmt: skip
    personen = built.questions[9]
    assert (personen.required, personen.settings["min"], personen.settings["max"]) == (True, 1, 20)
    assert personen.need_category_id == needs["housing"]
    assert built.questions[0].required
    assert built.questions[6].texts["hint"] == {"de": "Sie können auch Stichworte schreiben.",
                                                "ar": "يمكنك كتابة كلمات مفتاحية."}  # fmt: skip
    assert built.texts["consent_easy"] == {"de": "Wir schreiben Ihren Namen nicht auf."}

    # export as XLSForm, import it again: the same structure
    xlsx = client.get(f"{B}/export.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.data[:2] == b"PK"
    response = client.post("/builder/import", data={"file": (io.BytesIO(xlsx.data), "bedarf.xlsx")},
                           content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    copy = load(db, "bedarf-neu-2")
    assert copy.status is SurveyStatus.DRAFT
    assert shape(copy) == shape(built)
    assert copy.texts == built.texts


def load(db, slug):
    db.expire_all()
    return find_survey(db, slug)


def shape(survey):
    """Everything the survey is made of, apart from its web address and lifecycle."""
    return (
        survey.kind, survey.languages, survey.default_language, survey.anonymous,
        survey.min_cell, survey.public_results, survey.estimated_minutes, survey.texts,
        [(q.key, q.type, q.position, q.page, q.required, q.condition, q.settings, q.texts,
          q.need_category_id,
          [(c.key, c.position, c.texts, c.need_category_id, c.weight, c.exclusive,
            c.observation_kind) for c in q.choices])
         for q in survey.questions],
    )  # fmt: skip
