"""Build the project's Swedish spaCy pipeline (no Swedish model can be downloaded here).

spacy.blank("sv") + lookup lemmatizer (tables from spacy-lookups-data, corrected and
extended with diacritic-free spellings) + an EntityRuler for organisation names.
Rasa loads the result through SpacyNLP by path.

The table keeps only forms whose lemma occurs in the project's own texts (training data,
domain, knowledge): a lemma nobody trained on is unknown to every featurizer, lexicon
and search anyway, and the full table (985,000 forms) costs each process ~330 MB.
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

import gzip
import json
import re

import spacy
import spacy_lookups_data
import yaml

from bot.nlu.text import fold

ROOT = Path(__file__).resolve().parents[2]
ORGANISATION_TYPES = ROOT / "knowledge" / "organisation_types.yml"
LEMMA_OVERRIDES = Path(__file__).with_name("lemma_overrides.yml")
ENTITY_LABEL = "organisation"
# Texts whose words decide which lemmas the pipeline keeps. Generated files only repeat knowledge/.
VOCABULARY_SOURCES = ("knowledge", "data", "bot/domain")
_WORD = re.compile(r"\w+(?:-\w+)*")


def project_words(root: Path = ROOT) -> set[str]:
    """Every lowercase word (and hyphen part) in the project's YAML texts."""
    words: set[str] = set()
    for source in VOCABULARY_SOURCES:
        for path in sorted((root / source).rglob("*.yml")):
            if path.name.endswith(".generated.yml"):
                continue
            for word in _WORD.findall(path.read_text(encoding="utf-8").lower()):
                words.add(word)
                words.update(word.split("-"))
    return words


def prune(table: dict[str, str], words: set[str], keep: dict[str, str]) -> dict[str, str]:
    """Only the forms whose lemma is a lemma of one of `words`; `keep` (the overrides) always stays."""
    lemmas = {table.get(w, w) for w in words}
    wanted = lemmas | {fold(lemma) for lemma in lemmas}
    pruned = {form: lemma for form, lemma in table.items() if lemma in wanted or fold(lemma) in wanted}
    pruned.update(keep)
    return pruned


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
    lookups.add_table("lemma_lookup", prune(lemma_table(base, overrides), project_words(), overrides))
    # Patterns added before initialize() are wiped (spaCy W036), so the ruler comes last.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(organisation_patterns(yaml.safe_load(ORGANISATION_TYPES.read_text(encoding="utf-8"))))
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return nlp


UNCHANGED = 3  # exit status of --if-changed when the pipeline on disk is already the same


def _same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    if filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)[1:] != ([], []):
        return False
    return all(_same_tree(a / d, b / d) for d in cmp.common_dirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "spacy" / "sv_sip")
    parser.add_argument("--if-changed", action="store_true",
                        help=f"leave an identical pipeline alone and exit with {UNCHANGED}, so Rasa's cache stays valid")
    args = parser.parse_args()
    if not args.if_changed:
        build(args.out)
        print(f"spaCy pipeline written to {args.out}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "sv_sip"
        build(fresh)
        if args.out.exists() and _same_tree(fresh, args.out):
            print(f"spaCy pipeline in {args.out} is unchanged")
            sys.exit(UNCHANGED)
        shutil.rmtree(args.out, ignore_errors=True)
        shutil.copytree(fresh, args.out)
    print(f"spaCy pipeline written to {args.out}")


if __name__ == "__main__":
    main()
