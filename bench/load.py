"""Latency, throughput and memory under load, through the web channel with the real servers.

Starts the same stack as the end-to-end tests (action server, Rasa server on the trained model,
web app; SQLite case and tracker stores) and runs simulated conversations against /api/chat:

- human pace: N concurrent conversations, each sending a message about every `--pace` seconds,
  for N in `--concurrency` → p50/p95/p99 reply time and errors;
- saturation: `--saturation` conversations sending as fast as replies come → messages/s;
- the same saturation run against a bare Rasa reference (bench/bare: stock pipeline, in-memory
  tracker, no actions) on the same machine, so our overhead is a ratio;
- resident memory (VmRSS from /proc) of each process at rest and under load;
- the NLU pipeline alone, in-process, ours and the bare reference's: milliseconds per message,
  which bounds the throughput any server around it can reach.

Usage: python -m bench.load [--concurrency 10,50,100] [--duration 60] [--markdown docs/load.md]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from tests.e2e.conftest import MODEL, ROOT, VENV_BIN, free_port, running_stack, start, stop, wait_until_up

BARE_DIR = ROOT / "bench" / "bare"
BARE_MODEL = ROOT / "var" / "bench" / "bare-reference.tar.gz"
# One simulated conversation: a greeting, a knowledge question, a preparation (who answers,
# age skipped) with answers written to the case store.
SCRIPT = ("hej", "vem kan få en sip?", "/start_preparation", "Jag är den unga", "hoppa över",
          "Att må bra och vilja gå till skolan igen", "hoppa över", "Jag vill ha mötet efter skolan")


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    messages: int = 0

    def summary(self, seconds: float) -> dict:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float | None:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000) if ordered else None

        return {"messages": self.messages, "errors": self.errors, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
                "p99_ms": pct(0.99), "mean_ms": round(statistics.mean(ordered) * 1000) if ordered else None,
                "messages_per_s": round(self.messages / seconds, 1)}


async def _conversation(session: aiohttp.ClientSession, post, pace: float | None, stop_at: float, run: Run):
    if pace:  # spread the first messages over one pace interval, as real visitors arrive
        await asyncio.sleep(random.uniform(0, pace))
    while time.monotonic() < stop_at:
        sender = f"load-{uuid.uuid4().hex}"
        for message in SCRIPT:
            if time.monotonic() >= stop_at:
                return
            started = time.perf_counter()
            ok = await post(session, sender, message)
            elapsed = time.perf_counter() - started
            run.messages += 1
            if ok:
                run.latencies.append(elapsed)
            else:
                run.errors += 1
            if pace:
                await asyncio.sleep(max(0.0, random.uniform(0.8, 1.2) * pace - elapsed))


def poster(url: str, has_reply):
    """POSTs one message to `url`; ok when the status is 200 and `has_reply(body)`."""
    async def post(session: aiohttp.ClientSession, sender: str, message: str) -> bool:
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as resp:
                return resp.status == 200 and bool(has_reply(await resp.json(content_type=None)))
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
            return False
    return post


def web_poster(web_url: str):
    return poster(f"{web_url}/api/chat", lambda body: body.get("messages"))


def rest_poster(rasa_url: str):
    return poster(f"{rasa_url}/webhooks/rest/webhook", lambda body: body)


async def drive(post, conversations: int, seconds: float, pace: float | None) -> dict:
    run = Run()
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_conversation(session, post, pace, stop_at, run) for _ in range(conversations)))
    return {"conversations": conversations, **run.summary(seconds)}


async def step_costs(post, conversations: int = 15) -> list[dict]:
    """One conversation at a time on the quiet stack: the median reply time of each step of
    SCRIPT, so the cost of each kind of message shows (not a load figure)."""
    times: list[list[float]] = [[] for _ in SCRIPT]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for _ in range(conversations):
            sender = f"step-{uuid.uuid4().hex}"
            for index, message in enumerate(SCRIPT):
                started = time.perf_counter()
                await post(session, sender, message)
                times[index].append(time.perf_counter() - started)
    return [{"message": message, "median_ms": round(statistics.median(t) * 1000)}
            for message, t in zip(SCRIPT, times)]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                    text=True).stdout.split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return round(total / 1024)


def nlu_ms_per_message(model: Path, rounds: int = 3) -> dict:
    """Median and mean time of `Agent.parse_message` on the held-out knowledge questions,
    after a warm-up, in this process: the NLU's cost with no server, tracker or action."""
    from rasa.core.agent import Agent

    from bench.nlu_quality import load_knowledge_heldout, quiet_rasa_logs

    quiet_rasa_logs()
    agent = Agent.load(str(model))
    questions = [q for _, q in load_knowledge_heldout()]

    async def timed() -> list[float]:
        for question in questions[:20]:
            await agent.parse_message(question)
        times = []
        for _ in range(rounds):
            for question in questions:
                start_s = time.perf_counter()
                await agent.parse_message(question)
                times.append((time.perf_counter() - start_s) * 1000)
        return times

    times = asyncio.run(timed())
    return {"median_ms": round(statistics.median(times), 1), "mean_ms": round(statistics.mean(times), 1),
            "messages": len(times)}


def train_bare_model() -> None:
    if BARE_MODEL.exists():
        return
    subprocess.run([str(VENV_BIN / "rasa"), "train", "--config", str(BARE_DIR / "config.yml"), "--domain",
                    str(BARE_DIR / "domain.yml"), "--data", str(BARE_DIR / "data.yml"), "--out",
                    str(BARE_MODEL.parent), "--fixed-model-name", BARE_MODEL.name.removesuffix(".tar.gz")],
                   cwd=ROOT, check=True, capture_output=True)


def bare_saturation(conversations: int, seconds: float) -> dict:
    train_bare_model()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc, log = start("bare", [str(VENV_BIN / "rasa"), "run", "--model", str(BARE_MODEL), "--credentials",
                                   str(BARE_DIR / "credentials.yml"), "--port", str(port),
                                   "--interface", "127.0.0.1"],
                          {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, Path(tmp))
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", proc, log)
            return asyncio.run(drive(rest_poster(f"http://127.0.0.1:{port}"), conversations, seconds, None))
        finally:
            stop(proc)


def measure(levels: list[int], seconds: float, pace: float, saturation: int) -> dict:
    result: dict = {"human_pace": [], "pace_s": pace, "duration_s": seconds}
    # The benchmark's many senders come from one address: lift the per-client rate limit.
    extra_env = {"SIP_RATE_LIMIT_PER_MINUTE": "1000000"}
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), extra_env) as stack:
        post = web_poster(stack.web_url)
        asyncio.run(drive(post, 2, 10, None))  # warm up: first parses load lazily
        result["rss_rest_mb"] = {name: rss_mb(pid) for name, pid in stack.pids.items()}
        result["steps"] = asyncio.run(step_costs(post))
        for level in levels:
            result["human_pace"].append(asyncio.run(drive(post, level, seconds, pace)))
        result["saturation"] = asyncio.run(drive(post, saturation, seconds, None))
        result["rss_load_mb"] = {name: rss_mb(pid) for name, pid in stack.pids.items()}
    result["bare_saturation"] = bare_saturation(saturation, seconds)
    result["throughput_ratio"] = round(result["saturation"]["messages_per_s"]
                                       / max(result["bare_saturation"]["messages_per_s"], 0.1), 2)
    # Last, with the servers stopped, so it competes with nothing.
    result["nlu_alone"] = {"SIP-guiden": nlu_ms_per_message(MODEL), "bare": nlu_ms_per_message(BARE_MODEL)}
    return result


def plot(result: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result["human_pace"]
    x = [r["conversations"] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for key, label in (("p50_ms", "p50"), ("p95_ms", "p95"), ("p99_ms", "p99")):
        ax.plot(x, [r[key] for r in rows], marker="o", label=label)
    ax.axhline(300, color="grey", linestyle="--", linewidth=1, label="mål p95 300 ms")
    ax.set_xlabel("samtidiga samtal (ett meddelande var 5:e sekund)")
    ax.set_ylabel("svarstid (ms)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def markdown(result: dict, command: str, image: str) -> str:
    lines = ["# Load benchmark", "", f"Produced by `{command}` on the project's 2-core machine, through the web",
             "channel (`/api/chat`) with the real action server, Rasa server and web app on the embedded",
             "defaults (SQLite case and tracker stores).", "",
             f"## Human pace (one message per conversation about every {result['pace_s']:.0f} s, "
             f"{result['duration_s']:.0f} s per level)", "",
             "| conversations | messages | errors | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|"]
    for r in result["human_pace"]:
        lines.append(f"| {r['conversations']} | {r['messages']} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} "
                     f"| {r['p99_ms']} |")
    s, b = result["saturation"], result["bare_saturation"]
    lines += ["", f"![reply time against concurrency]({image})", "",
              f"## Saturation ({s['conversations']} conversations, closed loop)", "",
              "| stack | messages/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|",
              f"| SIP-guiden via web app | {s['messages_per_s']} | {s['p50_ms']} | {s['p95_ms']} | {s['errors']} |",
              f"| bare Rasa reference (REST, in-memory tracker, no actions) | {b['messages_per_s']} | {b['p50_ms']} "
              f"| {b['p95_ms']} | {b['errors']} |", "",
              f"Throughput ratio SIP-guiden / bare: **{result['throughput_ratio']:.0%}** (target ≥ 70%).", "",
              *_nlu_alone(result),
              "## Resident memory (MB)", "", "| process | at rest | after load |", "|---|---|---|"]
    for name in result["rss_rest_mb"]:
        lines.append(f"| {name} | {result['rss_rest_mb'][name]} | {result['rss_load_mb'][name]} |")
    if "steps" in result:
        lines += ["", "## One conversation at a time: reply time of each message", "",
                  "Median over 15 conversations on the quiet stack, before the load runs: what each kind of",
                  "message costs on its own. Saturation throughput is roughly the inverse of their mean.", "",
                  "| message | median ms |", "|---|---|"]
        lines += [f"| {step['message']} | {step['median_ms']} |" for step in result["steps"]]
    return "\n".join(lines) + "\n"


def _nlu_alone(result: dict) -> list[str]:
    if "nlu_alone" not in result:
        return []
    ours, bare = result["nlu_alone"]["SIP-guiden"], result["nlu_alone"]["bare"]
    budget_ms = 1000 / (0.7 * max(result["bare_saturation"]["messages_per_s"], 0.1))
    return ["### The NLU alone", "",
            f"`Agent.parse_message` in-process on the held-out knowledge questions ({ours['messages']} parses, "
            "after a warm-up, servers stopped):", "",
            "| pipeline | median ms | mean ms |", "|---|---|---|",
            "| SIP-guiden (spaCy lemmas, two count featurizers, linear intent classifier, ResponseSelector, "
            "crisis lexicon) "
            f"| {ours['median_ms']} | {ours['mean_ms']} |",
            f"| bare reference (whitespace tokens, one count featurizer, DIET) | {bare['median_ms']} "
            f"| {bare['mean_ms']} |", "",
            f"70% of the bare reference's throughput leaves {budget_ms:.1f} ms for each message, all of it: NLU, "
            "dialogue policies, tracker store, action server and web app, on the same two cores. SIP-guiden's "
            f"NLU alone takes {ours['mean_ms']} ms of that.", ""]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concurrency", default="10,50,100")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--pace", type=float, default=5)
    parser.add_argument("--saturation", type=int, default=20)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure([int(n) for n in args.concurrency.split(",")], args.duration, args.pace, args.saturation)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    if args.markdown:
        image = args.markdown.with_suffix(".png")
        plot(result, image)
        command = (f"python -m bench.load --concurrency {args.concurrency} --duration {args.duration:g} "
                   f"--markdown {args.markdown}")
        args.markdown.write_text(markdown(result, command, image.name), encoding="utf-8")


if __name__ == "__main__":
    main()
