"""NLU quality on held-out Swedish sets the training never sees.

Parses every held-out message with the trained model (in-process Rasa Agent) and reports:
- knowledge: what the bot does with each question (actions/answer_choice.py): answers
  directly (and how often rightly), or offers "Menade du…?" suggestions (and how often the
  right article is among them); top-1 is the first article it names either way. The
  ResponseSelector and BM25 alone are reported for comparison;
- crisis: recall on crisis messages and false alarms on look-alikes.

Usage: python -m bench.nlu_quality [--model var/models/sip-guiden.tar.gz] [--json out.json]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load_knowledge_heldout() -> list[tuple[str, str]]:
    pairs = []
    for path in sorted((ROOT / "bench" / "data" / "knowledge_heldout").glob("*.yml")):
        for article, questions in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            pairs += [(article, q) for q in questions]
    return pairs


def _first(scores: dict[str, float]) -> str | None:
    return max(scores, key=scores.get) if scores else None


async def evaluate(model: Path) -> dict:
    from rasa.core.agent import Agent

    from actions.answer_choice import choose, fuse
    from actions.answer_question import INTENT_ARTICLES, selector_scores
    from actions.article_search import article_search

    agent = Agent.load(str(model))
    search = article_search()
    knowledge = load_knowledge_heldout()
    counts = Counter()
    misses = []
    for article, question in knowledge:
        parse = await agent.parse_message(question)
        intent = parse["intent"]["name"]
        selector, bm25 = selector_scores(parse), dict(search.search(question, limit=10))
        if intent in INTENT_ARTICLES:
            choice_answer, suggestions = INTENT_ARTICLES[intent], ()
        else:
            choice = choose(selector, bm25)
            choice_answer, suggestions = choice.answer, choice.suggestions
        first = choice_answer or (suggestions[0] if suggestions else None)
        counts["top1"] += first == article
        counts["selector_top1"] += _first(selector) == article
        counts["bm25_top1"] += _first(bm25) == article
        counts["fused_top3"] += article in fuse(selector, bm25)[:3]
        if choice_answer:
            counts["answered"] += 1
            counts["answered_right"] += choice_answer == article
        else:
            counts["suggested"] += 1
            counts["suggested_right"] += article in suggestions
        if first != article:
            misses.append({"question": question, "expected": article, "intent": intent, "article": first})

    crisis = {k: [m["text"] if isinstance(m, dict) else m for m in v] for k, v in
              yaml.safe_load((ROOT / "bench" / "data" / "crisis_heldout.yml").read_text(encoding="utf-8")).items()}
    crisis_intents = [await _intent(agent, m) for m in crisis["crisis"]]
    lookalike_intents = [await _intent(agent, m) for m in crisis["not_crisis"]]
    caught = [i == "crisis" for i in crisis_intents]
    alarms = [i == "crisis" for i in lookalike_intents]
    check_ins = [i == "crisis_check_in" for i in lookalike_intents]
    return {
        "knowledge": {"questions": len(knowledge), **{k: v / len(knowledge) for k, v in counts.items()},
                      "answered_precision": counts["answered_right"] / max(counts["answered"], 1),
                      "suggestions_hit_rate": counts["suggested_right"] / max(counts["suggested"], 1),
                      "confused": Counter((m["expected"], m["article"]) for m in misses).most_common(10),
                      "misses": misses},
        "crisis": {"messages": len(caught), "recall": sum(caught) / len(caught),
                   "missed": [m for m, c in zip(crisis["crisis"], caught) if not c],
                   "lookalikes": len(alarms), "false_alarm_rate": sum(alarms) / len(alarms),
                   "check_in_rate": sum(check_ins) / len(check_ins),
                   "false_alarms": [m for m, a in zip(crisis["not_crisis"], alarms) if a]},
    }


async def _intent(agent, message: str) -> str:
    return (await agent.parse_message(message))["intent"]["name"]


def markdown(result: dict) -> str:
    k, c = result["knowledge"], result["crisis"]
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`python -m bench.nlu_quality --markdown docs/benchmarks.md`) on the",
        "trained model in `var/models/`, on a 2-core development machine. Held-out sets live in",
        "`bench/data/` and are never used for training.",
        "",
        "## Knowledge questions",
        "",
        f"{k['questions']} held-out questions (`bench/data/knowledge_heldout/`), written independently of the",
        "articles' training examples.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| top-1: the first article the bot names is the right one | {k['top1']:.1%} |",
        f"| ResponseSelector alone, top-1 | {k['selector_top1']:.1%} |",
        f"| BM25 on lemmas alone, top-1 | {k['bm25_top1']:.1%} |",
        f"| right article in the fused top 3 | {k['fused_top3']:.1%} |",
        f"| questions answered directly | {k['answered']:.1%} |",
        f"| … of which answered with the right article | {k['answered_precision']:.1%} |",
        f"| questions given \"Menade du…?\" suggestions | {k['suggested']:.1%} |",
        f"| … of which the suggestions include the right article | {k['suggestions_hit_rate']:.1%} |",
        "",
        "Most frequent confusions (expected → named first):",
        "",
        *[f"- {n}× `{e}` → `{g}`" for (e, g), n in k["confused"]],
        "",
        "## Crisis detection",
        "",
        f"{c['messages']} held-out crisis messages and {c['lookalikes']} look-alikes and ordinary questions",
        "(`bench/data/crisis_heldout.yml`), through the full NLU pipeline (DIET + crisis lexicon).",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| recall: crisis messages that get the crisis reply first | {c['recall']:.1%} | 100% |",
        f"| false alarms on look-alikes (full crisis reply) | {c['false_alarm_rate']:.1%} | < 5% |",
        f"| look-alikes given the short check-in with the help button | {c['check_in_rate']:.1%} | |",
        "",
        *[f"- missed: {m}" for m in c["missed"]],
        *[f"- false alarm: {m}" for m in c["false_alarms"]],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=ROOT / "var" / "models" / "sip-guiden.tar.gz")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path, help="write the figures to this file (docs/benchmarks.md)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # Rasa logs every parse at debug level with its text
    result = asyncio.run(evaluate(args.model))
    k, c = result["knowledge"], result["crisis"]
    print(f"knowledge: {k['questions']} held-out questions: top-1 {k['top1']:.1%} "
          f"(ResponseSelector alone {k['selector_top1']:.1%}, BM25 alone {k['bm25_top1']:.1%}), "
          f"right article in the fused top 3 {k['fused_top3']:.1%}")
    print(f"  answered directly {k['answered']:.1%} of questions, {k['answered_precision']:.1%} of them rightly; "
          f"suggestions offered {k['suggested']:.1%}, with the right article among them {k['suggestions_hit_rate']:.1%}")
    for (expected, got), n in k["confused"]:
        print(f"  {n}× {expected} → {got}")
    print(f"crisis: recall {c['recall']:.1%} of {c['messages']}, false alarms {c['false_alarm_rate']:.1%} "
          f"of {c['lookalikes']}, check-ins {c['check_in_rate']:.1%}")
    for m in c["missed"]:
        print(f"  missed: {m}")
    for m in c["false_alarms"]:
        print(f"  false alarm: {m}")
    if args.markdown:
        args.markdown.write_text(markdown(result), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
