"""Knowledge articles (knowledge/articles/**/*.yml): loading, validation and rendering.

The articles are the single source of what the bot says about SIP. Training data for
the ResponseSelector is generated from them (bot/generate_training_data.py), and
action_answer_question renders answers from them.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from actions.settings import ROOT

ARTICLES_DIR = ROOT / "knowledge" / "articles"
AUDIENCES = {"ung", "vardnadshavare", "personal"}
SEEDS = {"001", "002", "004"}
MIN_EXAMPLES = 10
# What starts the line naming an answer's source; actions/guide_actions.py tells an answer by it.
SOURCE_LABEL = "Källa:"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    audience: tuple[str, ...]
    short: str
    source: str
    seed: str
    examples: tuple[str, ...]
    long: str | None = None
    links: tuple[Link, ...] = field(default_factory=tuple)
    # A domain response with buttons said after the answer: the action the question is often
    # about ("Ta tillbaka samtycke"), one tap away, for a wish the NLU took for a question.
    offer: str | None = None
    # The articles a person who read this one most often asks about next, most likely first:
    # offered as buttons after the answer and preferred for a follow-up the words leave open.
    related: tuple[str, ...] = ()
    # The short answer worded for professionals, where `short` speaks to the young person or a
    # parent ("Det är din plan"): the same facts, for someone who said they work with SIP.
    staff_short: str | None = None
    # `staff_short` speaks of "barnet" and suits a parent better than `short`'s "du" ("Du har rätt
    # att få information…" said to the parent of a 9-year-old); false where it speaks to staff.
    staff_short_fits_guardians: bool = False
    # The short answer for a young person who said they are 18–20, where `short` speaks of vårdnadshavare as
    # present ("du och dina vårdnadshavare"): Adam, 19, had none (persona round, session 36).
    adult_short: str | None = None
    # The documents of `source` by their short names (knowledge/source_documents.yml): the source
    # line under a short answer to a young person or a parent. None: the full source.
    source_short: str | None = None

    def render(self, detailed: bool = False, for_staff: bool = False, for_guardian: bool = False,
               both: bool = False, for_adult: bool = False) -> str:
        """The answer as the bot says it: the text, links the seed gives, and the source line (with
        its sections for staff and under the longer answer; without a longer answer, "Berätta mer"
        gets the same text, which actions/answer_question.py recognises as said again). `both`:
        the short answer and the longer text together (actions/answer_detail.py). `for_adult`: a
        young person of 18–20, who gets `adult_short` where there is one (staff's wording first)."""
        short = self.short_for(for_staff, for_guardian, for_adult)
        longer = (detailed or both) and self.long is not None
        if both and longer:
            parts = [short.strip(), self.long.strip()]
        else:
            parts = [(self.long if longer else short).strip()]
        parts += [f"Läs mer: {link.text} – {link.url}" for link in self.links]
        source = self.source if longer or for_staff or not self.source_short else self.source_short
        parts.append(f"{SOURCE_LABEL} {source.strip()}")
        return "\n".join(parts)

    def short_for(self, for_staff: bool = False, for_guardian: bool = False, for_adult: bool = False) -> str:
        """The short answer in the wording for its reader: staff (and a guardian where the staff wording
        fits one) get `staff_short`, a young person of 18–20 `adult_short`, anyone else `short`."""
        third_person = for_staff or (for_guardian and self.staff_short_fits_guardians)
        if third_person and self.staff_short:
            return self.staff_short
        return self.adult_short if for_adult and self.adult_short else self.short


class KnowledgeError(ValueError):
    pass


SOURCE_DOCUMENTS_FILE = ROOT / "knowledge" / "source_documents.yml"


@lru_cache(maxsize=1)
def source_documents() -> tuple[tuple[str, str], ...]:
    """(the words a source part starts with, in lower case; the document's short name)."""
    entries = yaml.safe_load(SOURCE_DOCUMENTS_FILE.read_text(encoding="utf-8"))
    return tuple((str(e["starts"]).lower(), str(e["short"])) for e in entries)


def source_parts(source: str) -> list[str]:
    return [part.strip() for part in source.split(";") if part.strip()]


def document_of(part: str) -> str | None:
    """The short name of the document a source part cites, or None."""
    return next((short for starts, short in source_documents() if part.lower().startswith(starts)), None)


def short_source(source: str) -> str:
    """The documents a source cites, each once, by their short names; a part that names no known
    document stays as written."""
    names: list[str] = []
    for part in source_parts(source):
        name = document_of(part) or part
        if name not in names:
            names.append(name)
    return "; ".join(names)


def _parse(path: Path) -> Article:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: not a mapping")
    missing = [k for k in ("id", "title", "audience", "short", "source", "seed", "examples") if not data.get(k)]
    if missing:
        raise KnowledgeError(f"{path}: missing {', '.join(missing)}")
    if data["id"] != path.stem:
        raise KnowledgeError(f"{path}: id {data['id']!r} differs from the file name")
    if not set(data["audience"]) <= AUDIENCES:
        raise KnowledgeError(f"{path}: unknown audience {set(data['audience']) - AUDIENCES}")
    if str(data["seed"]) not in SEEDS:
        raise KnowledgeError(f"{path}: seed must be one of {sorted(SEEDS)}")
    if data.get("staff_short_fits_guardians") and not data.get("staff_short"):
        raise KnowledgeError(f"{path}: staff_short_fits_guardians without a staff_short")
    if data.get("adult_short") and "ung" not in data["audience"]:
        raise KnowledgeError(f"{path}: adult_short in an article not for young people (audience ung)")
    examples = tuple(str(e).strip() for e in data["examples"])
    if len(set(examples)) < MIN_EXAMPLES:
        raise KnowledgeError(f"{path}: needs at least {MIN_EXAMPLES} distinct examples")
    return Article(
        id=data["id"],
        title=str(data["title"]).strip(),
        audience=tuple(data["audience"]),
        short=str(data["short"]),
        long=str(data["long"]) if data.get("long") else None,
        source=str(data["source"]),
        seed=str(data["seed"]),
        links=tuple(Link(str(l["text"]), str(l["url"])) for l in data.get("links") or ()),
        examples=examples,
        offer=str(data["offer"]) if data.get("offer") else None,
        related=tuple(str(r) for r in data.get("related") or ()),
        staff_short=str(data["staff_short"]) if data.get("staff_short") else None,
        staff_short_fits_guardians=bool(data.get("staff_short_fits_guardians")),
        adult_short=str(data["adult_short"]) if data.get("adult_short") else None,
        source_short=short_source(str(data["source"])),
    )


def load_articles(directory: Path = ARTICLES_DIR) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    owner: dict[str, str] = {}
    for path in sorted(directory.rglob("*.yml")):
        if path.name.startswith("."):
            continue
        article = _parse(path)
        if article.id in articles:
            raise KnowledgeError(f"{path}: duplicate id {article.id}")
        for example in article.examples:
            other = owner.setdefault(example.lower(), article.id)
            if other != article.id:
                raise KnowledgeError(f"{path}: example {example!r} is also in {other}")
        articles[article.id] = article
    for article in articles.values():
        unknown = [r for r in article.related if r not in articles or r == article.id]
        if unknown:
            raise KnowledgeError(f"{article.id}: related names {unknown}, not another article")
    return articles


@lru_cache(maxsize=1)
def articles() -> dict[str, Article]:
    """The articles, loaded once per process."""
    return load_articles()


if __name__ == "__main__":
    loaded = load_articles()
    print(f"{len(loaded)} articles, {sum(len(a.examples) for a in loaded.values())} examples: OK")
    sys.exit(0)
