"""Starts the real action server, Rasa server (trained model) and web app on free ports.

Everything runs on the embedded defaults (SQLite tracker and case store, in-memory lock
store) in a temporary data directory, so the tests never touch var/ or a running bot.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests
import yaml

from actions import settings
from actions.casestore.store import CaseStore

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "var" / "models" / "sip-guiden.tar.gz"
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout}s:\n{log.read_text()[-4000:]}")


@dataclass
class Stack:
    rasa_url: str
    web_url: str
    data_dir: Path
    tracker_db: Path
    logs: dict[str, Path]
    env: dict[str, str]
    pids: dict[str, int]

    def rest(self, sender: str, message: str) -> list[dict]:
        resp = requests.post(f"{self.rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message}, timeout=60)
        resp.raise_for_status()
        return resp.json()

    def web(self, sender: str, message: str) -> list[dict]:
        resp = requests.post(f"{self.web_url}/api/chat", json={"sender": sender, "message": message}, timeout=60)
        resp.raise_for_status()
        return resp.json()["messages"]


def start(name: str, cmd: list[str], env: dict[str, str], logs_dir: Path) -> tuple[subprocess.Popen, Path]:
    log = logs_dir / f"{name}.log"
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    return proc, log


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@contextmanager
def running_stack(base: Path, extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """The three servers on free ports with their data under `base`; stopped on exit."""
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it).")
    data_dir, logs_dir = base / "data", base / "logs"
    data_dir.mkdir()
    logs_dir.mkdir()
    actions_port, rasa_port, web_port = free_port(), free_port(), free_port()
    tracker_db = data_dir / "tracker.sqlite3"
    endpoints = base / "endpoints.yml"
    # The bot's own action endpoint settings (bot/endpoints.yml), on this stack's port.
    action_endpoint = {**yaml.safe_load((ROOT / "bot" / "endpoints.yml").read_text())["action_endpoint"],
                       "url": f"http://127.0.0.1:{actions_port}/webhook"}
    endpoints.write_text(yaml.safe_dump({"action_endpoint": action_endpoint,
                                         "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tracker_db)}}))
    # PYTHONPATH: the servers import this checkout's code even when the venv is shared with another one.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIP_DATA_DIR": str(data_dir),
           "SIP_RASA_URL": f"http://127.0.0.1:{rasa_port}", "SIP_WEB_PORT": str(web_port),
           "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
           # Every test client is 127.0.0.1: the rate limit is tested on its own (test_privacy.py).
           "SIP_RATE_LIMIT_PER_MINUTE": "100000", **(extra_env or {})}
    env.pop("SIP_DATABASE_URL", None)
    subprocess.run([str(VENV_BIN / "python"), "-m", "actions.casestore.migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    procs = []
    try:
        procs.append(start("actions", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                       "--port", str(actions_port)], env, logs_dir))
        procs.append(start("rasa", [str(VENV_BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints",
                                    str(endpoints), "--credentials", "bot/credentials.yml",
                                    "--port", str(rasa_port), "--interface", "127.0.0.1"], env, logs_dir))
        procs.append(start("web", [str(VENV_BIN / "python"), "-m", "channels.webapp"], env, logs_dir))
        wait_until_up(f"http://127.0.0.1:{actions_port}/health", *procs[0])
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", *procs[1])
        wait_until_up(f"http://127.0.0.1:{web_port}/health", *procs[2])
        yield Stack(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{web_port}", data_dir, tracker_db,
                    {"actions": procs[0][1], "rasa": procs[1][1], "web": procs[2][1]}, env,
                    {"actions": procs[0][0].pid, "rasa": procs[1][0].pid, "web": procs[2][0].pid})
    finally:
        for proc, _ in procs:
            stop(proc)


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: list[dict]) -> list[str]:
    return [b["title"] for m in messages for b in m.get("buttons", [])]


def start_preparation(stack, who: str) -> str:
    """Start the preparation and answer who is answering and the (optional) age: the first question's text."""
    stack.rest(who, "/start_preparation")
    stack.rest(who, "Jag är den unga")
    return texts(stack.rest(who, "hoppa över"))


def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(stack, monkeypatch) -> CaseStore:
    """The case store of the running stack."""
    monkeypatch.setenv("SIP_DATA_DIR", str(stack.data_dir))
    return CaseStore(settings.load())
