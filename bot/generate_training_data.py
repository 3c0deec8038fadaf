"""Generate the ResponseSelector's training data and responses from knowledge/articles.

Writes data/nlu/knowledge.generated.yml (faq/<id> examples) and
bot/domain/knowledge.generated.yml (utter_faq/<id> responses). Both are build output,
ignored by git: the articles stay the single source.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from actions.knowledge_base import load_articles

ROOT = Path(__file__).resolve().parents[1]
NLU_OUT = ROOT / "data" / "nlu" / "knowledge.generated.yml"
DOMAIN_OUT = ROOT / "bot" / "domain" / "knowledge.generated.yml"
HEADER = "# Generated from knowledge/articles by bot/generate_training_data.py. Do not edit.\n"


class _Literal(str):
    pass


yaml.SafeDumper.add_representer(_Literal, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|"))


def main() -> None:
    articles = load_articles()
    nlu = {
        "version": "3.1",
        "nlu": [
            {"intent": f"faq/{a.id}", "examples": _Literal("".join(f"- {e}\n" for e in a.examples))}
            for a in articles.values()
        ],
    }
    domain = {
        "version": "3.1",
        "intents": [{"faq": {"is_retrieval_intent": True}}],
        "responses": {f"utter_faq/{a.id}": [{"text": a.render()}] for a in articles.values()},
    }
    for path, content in ((NLU_OUT, nlu), (DOMAIN_OUT, domain)):
        path.write_text(HEADER + yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    print(f"Generated training data for {len(articles)} articles.")


if __name__ == "__main__":
    main()
