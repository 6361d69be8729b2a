"""The plain-language check on known sentences, offline."""

from __future__ import annotations

import socket

import pytest

from survey.services import plain_language
from survey.services.plain_language import check_text

LONG_PASSIVE = (
    "Die Anträge werden von der zuständigen Behörde nach Eingang der vollständigen Unterlagen, "
    "die von den Antragstellern einzureichen sind, innerhalb von sechs Wochen geprüft und "
    "beschieden."
)


def codes(report) -> set[str]:
    return {hint.code for hint in report.hints}


def test_a_long_passive_german_sentence_is_flagged():
    report = check_text(LONG_PASSIVE, "de")
    assert {"sentence", "passive", "score"} <= codes(report)
    assert report.score < 50


def test_an_easy_read_sentence_is_not_flagged():
    report = check_text("Wir fragen Sie nach Ihrer Meinung.", "de", easy=True)
    assert report.hints == []
    assert report.score > 70


def test_easy_read_limits_are_stricter_than_standard_ones():
    text = "Bitte wählen Sie alle Antworten aus, die für Ihren Alltag im Stadtteil wichtig sind."
    assert "sentence" not in codes(check_text(text, "de"))
    assert {"sentence", "clause"} <= codes(check_text(text, "de", easy=True))


def test_negations_abbreviations_and_long_compounds_are_explained():
    report = check_text("Es gibt z. B. keine Behindertenparkplätze.", "de", easy=True)
    assert {"negation", "abbreviation", "compound"} <= codes(report)
    messages = " ".join(str(h.message) for h in report.hints)
    assert "z. B." in messages
    assert "Behindertenparkplätze" in messages
    split = check_text("Es gibt Behinderten·park·plätze.", "de", easy=True)
    assert "compound" not in codes(split)


def test_hints_are_translated_whole_sentences():
    from survey.i18n import force_locale

    report = check_text("This form is not checked by anyone.", "en")
    with force_locale("en"):
        messages = [str(h.message) for h in report.hints]
    assert any("passive" in m for m in messages)
    assert any("“not”" in m for m in messages)


def test_english_check_runs_offline_without_fetching_nltk_data(monkeypatch):
    import nltk

    def no_network(*args, **kwargs):
        raise AssertionError("the plain-language check tried to reach the network")

    monkeypatch.setattr(nltk, "download", no_network)
    monkeypatch.setattr(nltk.data, "find", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    # start from empty caches, so nothing earlier hides a download attempt
    plain_language._stats.cache_clear()
    plain_language._syllables.count_syllables.cache_clear()
    report = check_text("We ask you about the buses and the pavements in your street.", "en")
    assert report.score is not None
    assert report.score > 60
    hard = check_text("Accessibility information is unavailable.", "en", easy=True)
    assert "word" in codes(hard)


@pytest.mark.parametrize("lang", ["tr", "ar", "uk"])
def test_other_languages_get_the_sentence_length_check_only(lang):
    long = " ".join(["kelime"] * 25) + "."
    report = check_text(long, lang)
    assert codes(report) == {"sentence"}
    assert report.checked is False


def test_live_check_endpoint_returns_the_same_hints(client, coordinator):
    response = client.post(
        "/builder/plain-language?lang=en", json={"text": LONG_PASSIVE, "lang": "de", "easy": False}
    )
    data = response.get_json()
    assert {h["code"] for h in data["hints"]} >= {"sentence", "passive"}
    assert all(h["message"] for h in data["hints"])


def test_hints_show_next_to_each_saved_text(client, app, coordinator):
    from .helpers import seed

    slug = seed(app)
    client.post(f"/builder/{slug}/texts/de", data={"t-intro": LONG_PASSIVE, "t-title": "Titel"})
    from ..pages import check_page

    soup = check_page(client.get(f"/builder/{slug}/texts/de?lang=en"))
    box = soup.find(id="t-intro-check")
    assert "passive" in box.get_text()
    assert "t-intro-check" in soup.find(id="t-intro")["aria-describedby"]


def test_live_check_returns_the_score_and_the_no_hints_sentence(client, coordinator):
    plain = "Wir fragen Sie nach dem Bus. Der Bus hält vor dem Haus. Sie steigen ein."
    data = client.post(
        "/builder/plain-language?lang=en", json={"text": plain, "lang": "de"}
    ).get_json()
    assert data["hints"] == []
    assert data["no_hints"] == "No plain-language hints for this text."
    assert data["score_text"] == f"Reading ease: {round(data['score'])} of 100 (higher is easier)."
    hard = client.post(
        "/builder/plain-language?lang=en", json={"text": LONG_PASSIVE, "lang": "de"}
    ).get_json()
    assert hard["no_hints"] is None
    assert hard["title"] == "Plain-language hints"
    assert hard["score_text"].startswith("Reading ease: ")
    empty = client.post("/builder/plain-language?lang=en", json={"text": " ", "lang": "de"})
    assert empty.get_json()["no_hints"] is None
    unchecked = client.post(
        "/builder/plain-language?lang=en", json={"text": "Merhaba.", "lang": "tr"}
    ).get_json()
    assert (unchecked["no_hints"], unchecked["score_text"]) == (None, None)


def test_after_a_failed_save_the_hints_belong_to_the_submitted_text(client, app, coordinator):
    from ..pages import check_page
    from .helpers import seed

    slug = seed(app)
    response = client.post(
        f"/builder/{slug}/texts/de?lang=en",
        data={"t-title": "Titel", "t-intro": LONG_PASSIVE, "t-consent": "x" * 5001},
    )
    soup = check_page(response)
    assert soup.find(id="t-consent-error")  # nothing saved
    box = soup.find(id="t-intro-check")
    assert box.find(id="t-intro-check") is None
    assert "passive" in box.get_text()
    assert "Reading ease" in box.get_text()
    # the title box describes the short title typed, not the stored one
    assert "No plain-language hints" in soup.find(id="t-title-check").get_text()
