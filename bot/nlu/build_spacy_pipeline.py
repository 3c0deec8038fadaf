"""Build the project's Swedish spaCy pipeline (no Swedish model can be downloaded here).

spacy.blank("sv") + lookup lemmatizer (tables from spacy-lookups-data, corrected and
extended with diacritic-free spellings) + an EntityRuler for organisation names.
Rasa loads the result through SpacyNLP by path.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import gzip
import json

import spacy
import spacy_lookups_data
import yaml

from bot.nlu.text import fold

ROOT = Path(__file__).resolve().parents[2]
ORGANISATION_TYPES = ROOT / "knowledge" / "organisation_types.yml"
LEMMA_OVERRIDES = Path(__file__).with_name("lemma_overrides.yml")
ENTITY_LABEL = "organisation"


def lemma_table(base: dict[str, str], overrides: dict[str, str]) -> dict[str, str]:
    """Lowercase keys, apply overrides, then add diacritic-free spellings that are not words already."""
    table: dict[str, str] = {}
    for form, lemma in base.items():
        table.setdefault(form.lower(), lemma.lower())
    table.update(overrides)
    for form, lemma in list(table.items()):
        table.setdefault(lemma, lemma)
    for form, lemma in list(table.items()):
        table.setdefault(fold(form), lemma)
    return table


def organisation_patterns(types: list[dict]) -> list[dict]:
    patterns = []
    for org in types:
        forms = {str(f).lower() for f in org["forms"]}
        forms |= {fold(f) for f in forms}
        patterns += [{"label": ENTITY_LABEL, "pattern": f, "id": org["id"]} for f in sorted(forms)]
    return patterns


def build(out: Path) -> spacy.language.Language:
    nlp = spacy.blank("sv")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    lookups = lemmatizer.lookups
    # The loaded table keeps only hashed keys, so read the packaged strings directly.
    with gzip.open(spacy_lookups_data.get_file("sv_lemma_lookup.json.gz"), "rt", encoding="utf-8") as fh:
        base = json.load(fh)
    overrides = yaml.safe_load(LEMMA_OVERRIDES.read_text(encoding="utf-8"))
    lookups.remove_table("lemma_lookup")
    lookups.add_table("lemma_lookup", lemma_table(base, overrides))
    # Patterns added before initialize() are wiped (spaCy W036), so the ruler comes last.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(organisation_patterns(yaml.safe_load(ORGANISATION_TYPES.read_text(encoding="utf-8"))))
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "spacy" / "sv_sip")
    args = parser.parse_args()
    build(args.out)
    print(f"spaCy pipeline written to {args.out}")


if __name__ == "__main__":
    main()
