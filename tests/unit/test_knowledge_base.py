"""Knowledge articles: the real articles load and render; broken article files are refused."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.knowledge_base import (ARTICLES_DIR, Article, MIN_EXAMPLES, KnowledgeError, document_of, load_articles,
                                     short_source, source_parts)
from bot.domain_files import intent_names, merged_domain

ARTICLE_FILES = sorted(p for p in ARTICLES_DIR.rglob("*.yml") if not p.name.startswith("."))


@pytest.fixture(scope="module")
def real_articles():
    return load_articles()


# --- the real articles ---------------------------------------------------------------

def _domain() -> tuple[dict, set[str]]:
    """Responses and intents of bot/domain/*.yml."""
    domain = merged_domain()
    return domain["responses"], intent_names(domain)


def test_every_offer_is_a_response_whose_buttons_start_known_intents(real_articles):
    responses, intents = _domain()
    offering = [a for a in real_articles.values() if a.offer]
    assert offering, "no article offers an action"
    for article in offering:
        variants = responses.get(article.offer)
        assert variants, f"{article.id}: offer {article.offer} is not a response in bot/domain"
        for variant in variants:
            assert variant.get("buttons"), f"{article.offer} has no buttons"
            for button in variant["buttons"]:
                assert button["payload"].startswith("/") and button["payload"][1:] in intents, button


def test_every_article_file_loads(real_articles):
    assert ARTICLE_FILES, "no article files found"
    assert sorted(real_articles) == sorted(p.stem for p in ARTICLE_FILES)


def test_article_ids_are_unique_across_folders():
    stems = [p.stem for p in ARTICLE_FILES]
    assert len(stems) == len(set(stems))


def test_every_article_has_a_source(real_articles):
    assert [a.id for a in real_articles.values() if not a.source.strip()] == []


def test_every_article_has_at_least_ten_distinct_examples(real_articles):
    assert MIN_EXAMPLES >= 10
    assert [a.id for a in real_articles.values() if len(set(a.examples)) < 10] == []


def test_rendered_article_ends_with_its_source_line(real_articles):
    # Under the short answer the documents by their short names; for staff and in the longer
    # answer the full source with its sections.
    for article in real_articles.values():
        assert article.render().splitlines()[-1] == f"Källa: {article.source_short}", article.id
        assert article.render(for_staff=True).splitlines()[-1] == f"Källa: {article.source.strip()}"
        if article.long:
            assert article.render(detailed=True).splitlines()[-1] == f"Källa: {article.source.strip()}"
        else:
            assert article.render(detailed=True) == article.render()


def test_every_source_names_documents_with_a_short_name(real_articles):
    for article in real_articles.values():
        assert all(document_of(part) for part in source_parts(article.source)), article.id
        # Short enough for a phone: about a line and a half, however many sections the source names.
        assert len(article.source_short) <= 120, article.id


def test_the_short_source_names_each_document_once():
    source = ('Dals-Eds kommun, "Tidiga Samordnade Insatser – x", avsnitt "8"; förkortningslistan i början av '
              'dokumentet; Okänd källa, sidan 2')
    assert short_source(source) == "”Tidiga Samordnade Insatser” (Dals-Eds kommun); Okänd källa, sidan 2"


def test_rendered_article_includes_its_links(real_articles):
    with_links = [a for a in real_articles.values() if a.links]
    assert with_links, "no article has links"
    for article in with_links:
        text = article.render()
        for link in article.links:
            assert f"Läs mer: {link.text} – {link.url}" in text, article.id


def test_rendered_article_starts_with_the_short_text(real_articles):
    article = real_articles["sip_vad_ar"]
    assert article.render().startswith(article.short.strip())


def test_detailed_render_uses_the_long_text(real_articles):
    article = real_articles["sip_vad_ar"]
    assert article.long
    detailed = article.render(detailed=True)
    assert detailed.startswith(article.long.strip())
    assert article.short.strip() not in detailed


def test_detailed_render_falls_back_to_the_short_text_without_a_long_text():
    article = Article(id="a", title="A", audience=("ung",), short="Kort.", source="Källan", seed="001",
                      examples=(), long=None)
    assert article.render(detailed=True) == "Kort.\nKälla: Källan"


# --- validation of article files ------------------------------------------------------

def _article(article_id: str, **overrides) -> dict:
    data = {
        "id": article_id,
        "title": "Testartikel",
        "audience": ["ung", "vardnadshavare"],
        "short": "Kort text.",
        "long": "Längre text.",
        "source": "Testkälla, avsnitt 1",
        "seed": "001",
        "links": [{"text": "En länk", "url": "https://example.org"}],
        "examples": [f"{article_id} fråga {i}" for i in range(MIN_EXAMPLES)],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not ...}


def _write(directory: Path, data: dict, stem: str | None = None) -> Path:
    path = directory / f"{stem or data['id']}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_valid_article_file_loads(tmp_path):
    _write(tmp_path, _article("test_artikel"))
    loaded = load_articles(tmp_path)
    assert list(loaded) == ["test_artikel"]
    assert loaded["test_artikel"].links[0].url == "https://example.org"


def test_files_starting_with_a_dot_are_skipped(tmp_path):
    _write(tmp_path, _article("test_artikel"))
    _write(tmp_path, {"not": "an article"}, stem=".schema-example")
    assert list(load_articles(tmp_path)) == ["test_artikel"]


@pytest.mark.parametrize("field", ["id", "title", "audience", "short", "source", "seed", "examples"])
def test_missing_required_field_is_refused(tmp_path, field):
    _write(tmp_path, _article("test_artikel", **{field: ...}), stem="test_artikel")
    with pytest.raises(KnowledgeError, match=f"missing {field}"):
        load_articles(tmp_path)


def test_id_that_differs_from_the_file_name_is_refused(tmp_path):
    _write(tmp_path, _article("annat_id"), stem="test_artikel")
    with pytest.raises(KnowledgeError, match="differs from the file name"):
        load_articles(tmp_path)


def test_unknown_audience_is_refused(tmp_path):
    _write(tmp_path, _article("test_artikel", audience=["ung", "rektorer"]))
    with pytest.raises(KnowledgeError, match="unknown audience.*rektorer"):
        load_articles(tmp_path)


def test_unknown_seed_is_refused(tmp_path):
    _write(tmp_path, _article("test_artikel", seed="999"))
    with pytest.raises(KnowledgeError, match="seed"):
        load_articles(tmp_path)


def test_too_few_distinct_examples_are_refused(tmp_path):
    examples = [f"fråga {i}" for i in range(MIN_EXAMPLES - 1)] + ["fråga 0"]
    _write(tmp_path, _article("test_artikel", examples=examples))
    with pytest.raises(KnowledgeError, match="distinct examples"):
        load_articles(tmp_path)


def test_same_example_in_two_articles_is_refused_regardless_of_case(tmp_path):
    first = _article("forsta")
    second = _article("andra")
    second["examples"][0] = first["examples"][0].upper()
    _write(tmp_path, first)
    _write(tmp_path, second)
    with pytest.raises(KnowledgeError, match="is also in"):
        load_articles(tmp_path)


def test_same_id_in_two_folders_is_refused(tmp_path):
    _write(tmp_path / "a", _article("test_artikel"))
    _write(tmp_path / "b", _article("test_artikel", examples=[f"annan fråga {i}" for i in range(MIN_EXAMPLES)]))
    with pytest.raises(KnowledgeError, match="duplicate id"):
        load_articles(tmp_path)


def test_file_that_is_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "test_artikel.yml").write_text("- bara\n- en lista\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not a mapping"):
        load_articles(tmp_path)


def test_every_article_names_two_to_four_related_articles(real_articles):
    for article in real_articles.values():
        assert 2 <= len(article.related) <= 4, article.id
        assert len(set(article.related)) == len(article.related), article.id


@pytest.mark.parametrize("related", [["finns_inte"], ["test_artikel"]])
def test_related_must_name_another_existing_article(tmp_path, related):
    _write(tmp_path, {**_article("test_artikel"), "related": related})
    with pytest.raises(KnowledgeError, match="related"):
        load_articles(tmp_path)


def test_related_articles_load_in_order(tmp_path):
    _write(tmp_path, {**_article("test_artikel"), "related": ["annan_artikel"]})
    _write(tmp_path, {**_article("annan_artikel"), "examples": [f"annan fråga {i}" for i in range(12)]})
    assert load_articles(tmp_path)["test_artikel"].related == ("annan_artikel",)


def test_the_staff_wording_is_used_for_staff_only_and_keeps_the_source(real_articles):
    worded = [a for a in real_articles.values() if a.staff_short]
    assert len(worded) >= 10
    for article in worded:
        assert article.render(for_staff=True).startswith(article.staff_short.strip())
        assert article.render().startswith(article.short.strip())
        assert article.render(for_staff=True).endswith(f"Källa: {article.source.strip()}")
        if article.long:  # the longer text is the same for everyone
            assert article.render(detailed=True, for_staff=True) == article.render(detailed=True)
        assert "personal" in article.audience, article.id


def test_the_staff_wording_does_not_speak_to_the_young_person(real_articles):
    import re
    for article in real_articles.values():
        if article.staff_short:
            unquoted = re.sub(r"”[^”]*”", "", article.staff_short)
            assert not re.search(r"\b(du|dig|din|ditt|dina)\b", unquoted, re.I), article.id


def test_a_guardian_gets_the_third_person_wording_only_where_it_fits(real_articles):
    fitting = [a for a in real_articles.values() if a.staff_short_fits_guardians]
    assert len(fitting) >= 10
    for article in real_articles.values():
        expected = article.staff_short if article.staff_short_fits_guardians else article.short
        assert article.render(for_guardian=True).startswith(expected.strip()), article.id
    # Where the staff wording speaks to staff, a parent keeps the ordinary answer.
    assert not real_articles["sip_nar_aktuellt"].staff_short_fits_guardians


def test_the_guardian_flag_needs_a_staff_wording(tmp_path):
    _write(tmp_path, {**_article("test_artikel"), "staff_short_fits_guardians": True})
    with pytest.raises(KnowledgeError):
        load_articles(tmp_path)
