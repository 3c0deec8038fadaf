"""The production profile on this machine, for tests and benchmarks: N Rasa replicas, each
with its own action server, behind the web app, on throwaway PostgreSQL databases (tracker
store, case store) and a flushed Redis database (lock store). Skips when PostgreSQL or Redis
is not reachable.

    with production_profile(tmp_path, replicas=2) as profile:
        profile.stack.chat("sender-1", "hej")
"""
from __future__ import annotations

import os
import signal
import subprocess
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.e2e.conftest import MODEL, ROOT, VENV_BIN, free_port, start, stop, wait_until_up

PG_HOST, PG_PORT, PG_USERS = "127.0.0.1", 5432, ("postgres", "root")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A Redis database number of its own, flushed before and after (override if 11 is taken).
REDIS_DB = int(os.environ.get("SIP_TEST_REDIS_DB", "11"))
PRODUCTION_ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"


# --- Services ---------------------------------------------------------------------------


def _pg_connect(dbname: str, user: str | None = None):
    import psycopg2

    error: Exception | None = None
    for candidate in (user,) if user else PG_USERS:
        try:
            return psycopg2.connect(host=PG_HOST, port=PG_PORT, user=candidate, dbname=dbname,
                                    connect_timeout=3), candidate
        except psycopg2.OperationalError as exc:
            error = exc
    raise error


@contextmanager
def throwaway_databases(*purposes: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Empty PostgreSQL databases, one per purpose; dropped afterwards. Yields (user, names)."""
    try:
        admin, user = _pg_connect("postgres")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not available here"
        pytest.skip(f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} with trust auth (users {PG_USERS}): {exc}")
    admin.autocommit = True
    suffix = uuid.uuid4().hex[:10]
    names = {purpose: f"sip_scale_{purpose}_{suffix}" for purpose in purposes}
    try:
        with admin.cursor() as cur:
            for name in names.values():
                cur.execute(f'CREATE DATABASE "{name}"')
        yield user, names
    finally:
        with admin.cursor() as cur:
            for name in names.values():
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def flushed_redis() -> Iterator:
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: {exc}")
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


def query(dbname: str, user: str, sql: str, params: tuple = ()) -> list[tuple]:
    conn, _ = _pg_connect(dbname, user)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


# --- The scaled-out stack --------------------------------------------------------------------


@dataclass
class Process:
    name: str
    cmd: list[str]
    env: dict[str, str]
    health_url: str
    logs_dir: Path
    proc: subprocess.Popen | None = None
    log: Path | None = None
    starts: int = 0

    def start(self) -> None:
        """Starts the process; a restart logs to a new file (rasa-0.restart1.log)."""
        name = self.name if not self.starts else f"{self.name}.restart{self.starts}"
        self.proc, self.log = start(name, self.cmd, self.env, self.logs_dir)
        self.starts += 1

    def wait_until_up(self) -> None:
        # Generous: on a shared 2-core CI machine Rasa may take minutes to load its model.
        wait_until_up(self.health_url, self.proc, self.log, timeout=420)

    def kill(self) -> None:
        """SIGKILL, as a crash would: no graceful shutdown."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)


@dataclass
class ScaledStack:
    web_url: str
    rasa_urls: list[str]
    replicas: list[Process]
    others: list[Process] = field(default_factory=list)

    def chat(self, sender: str, message: str) -> list[dict]:
        resp = requests.post(f"{self.web_url}/api/chat", json={"sender": sender, "message": message}, timeout=180)
        assert resp.status_code == 200, f"{sender} {message!r}: {resp.status_code} {resp.text}"
        return resp.json()["messages"]


@contextmanager
def scaled_stack(base: Path, replicas: int, env: dict[str, str]) -> Iterator[ScaledStack]:
    """`replicas` Rasa servers, each with its own action server, behind one web app."""
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it).")
    logs_dir = base / "logs"
    logs_dir.mkdir(parents=True)
    rasa, actions = [], []
    rasa_urls = []
    for i in range(replicas):
        actions_port, rasa_port = free_port(), free_port()
        actions.append(Process(f"actions-{i}", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                                "--port", str(actions_port)],
                               env, f"http://127.0.0.1:{actions_port}/health", logs_dir))
        rasa_env = {**env, "SIP_ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook"}
        rasa.append(Process(f"rasa-{i}", [str(VENV_BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints",
                                          str(PRODUCTION_ENDPOINTS), "--credentials", "bot/credentials.yml",
                                          "--port", str(rasa_port), "--interface", "127.0.0.1"],
                            rasa_env, f"http://127.0.0.1:{rasa_port}/", logs_dir))
        rasa_urls.append(f"http://127.0.0.1:{rasa_port}")
    web_port = free_port()
    web = Process("web", [str(VENV_BIN / "python"), "-m", "channels.webapp"],
                  {**env, "SIP_RASA_URLS": ",".join(rasa_urls), "SIP_WEB_PORT": str(web_port)},
                  f"http://127.0.0.1:{web_port}/health", logs_dir)
    everything = actions + rasa + [web]
    try:
        # All at once: Rasa tolerates replicas racing to create the tracker tables.
        for process in everything:
            process.start()
        for process in everything:
            process.wait_until_up()
        yield ScaledStack(f"http://127.0.0.1:{web_port}", rasa_urls, rasa, actions + [web])
    finally:
        for process in everything:
            process.stop()


@dataclass
class Profile:
    stack: ScaledStack
    env: dict[str, str]  # the environment of every server
    pg_user: str
    databases: dict[str, str]  # "tracker" and "cases" -> database name

    def query(self, database: str, sql: str, params: tuple = ()) -> list[tuple]:
        return query(self.databases[database], self.pg_user, sql, params)


@contextmanager
def production_profile(base: Path, replicas: int = 2) -> Iterator[Profile]:
    """Databases, Redis, migrations and the servers; everything removed again on exit."""
    from cryptography.fernet import Fernet

    from actions.casestore import migrate

    with ExitStack() as cleanup:
        pg_user, databases = cleanup.enter_context(throwaway_databases("tracker", "cases"))
        cleanup.enter_context(flushed_redis())
        cases_url = f"postgresql+psycopg2://{pg_user}@{PG_HOST}:{PG_PORT}/{databases['cases']}"
        migrate.upgrade(cases_url)
        env = {
            **os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "SIP_DATA_DIR": str(base / "data"),
            # Every conversation comes from this one test client: no per-client rate limit.
            "SIP_RATE_LIMIT_PER_MINUTE": "100000",
            # Case store: one database and one key for every action server.
            "SIP_DATABASE_URL": cases_url, "SIP_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            # Tracker and lock store: deploy/endpoints.production.yml reads these.
            "SIP_TRACKER_DB_HOST": PG_HOST, "SIP_TRACKER_DB_PORT": str(PG_PORT),
            "SIP_TRACKER_DB_NAME": databases["tracker"], "SIP_TRACKER_DB_USER": pg_user,
            "SIP_TRACKER_DB_PASSWORD": "",
            "SIP_REDIS_HOST": REDIS_HOST, "SIP_REDIS_PORT": str(REDIS_PORT), "SIP_REDIS_DB": str(REDIS_DB),
            "SIP_REDIS_PASSWORD": "", "SIP_REDIS_KEY_PREFIX": f"sipscale{uuid.uuid4().hex[:8]}",
        }
        stack = cleanup.enter_context(scaled_stack(base, replicas, env))
        yield Profile(stack, env, pg_user, databases)


def redis_clients_on_lock_db() -> int:
    """Connections to the lock store's Redis database (Rasa replicas keep theirs open)."""
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_connect_timeout=3)
    try:
        return sum(1 for c in client.client_list() if int(c["db"]) == REDIS_DB) - 1  # not this one
    finally:
        client.close()
