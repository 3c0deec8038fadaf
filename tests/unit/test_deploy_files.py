"""The deployment files agree with each other and with what Rasa reads."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _chart_endpoints(values: dict) -> str:
    """endpoints.yml as Rasa's chart writes it (templates/config-map.yaml): `key: value`, unquoted."""
    endpoints = values["applicationSettings"]["endpoints"]
    lines = []
    for section, name in (("trackerStore", "tracker_store"), ("lockStore", "lock_store")):
        lines.append(f"{name}:")
        lines += [f"  {k}: {v}" for k, v in endpoints[section].items() if k != "enabled"]
    lines += ["action_endpoint:", "  url: ${ACTION_SERVER_URL}"]
    return "\n".join(lines) + "\n"


def test_helm_values_give_rasa_a_postgresql_tracker_and_redis_lock_store(tmp_path, monkeypatch):
    from rasa.core.utils import read_endpoints_from_path

    values = yaml.safe_load((DEPLOY / "helm" / "rasa-values.yaml").read_text())
    assert values["replicaCount"] == 1 and not values["autoscaling"]["enabled"], "one release per replica"
    path = tmp_path / "endpoints.yml"
    path.write_text(_chart_endpoints(values))
    # The variables the chart sets (rasa-common's psql/redis envs and the action server URL).
    for name, value in {"DB_HOST": "pg", "DB_PORT": "5432", "DB_USER": "u", "DB_PASSWORD": "p", "DB_DATABASE": "d",
                        "REDIS_HOST": "redis", "REDIS_PORT": "6379", "REDIS_PASSWORD": "r",
                        "ACTION_SERVER_URL": values["rasa-action-server"]["external"]["url"]}.items():
        monkeypatch.setenv(name, value)
    endpoints = read_endpoints_from_path(path)
    assert (endpoints.tracker_store.type, endpoints.tracker_store.kwargs["dialect"]) == ("sql", "postgresql")
    assert endpoints.tracker_store.url == "pg" and endpoints.tracker_store.kwargs["password"] == "p"
    assert (endpoints.lock_store.type, endpoints.lock_store.url) == ("redis", "redis")
    assert endpoints.lock_store.kwargs["key_prefix"].isalnum()
    assert endpoints.action.url.startswith("http://sip-actions-rasa-action-server:5055/")
    credentials = values["applicationSettings"]["credentials"]["additionalChannelCredentials"]
    assert "channels.rasa_channels.SipWebInput" in credentials
    assert all(v is not None for v in credentials.values()), "Helm drops keys whose value is null"


def test_kubernetes_web_app_routes_to_one_service_per_rasa_release():
    docs = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "webapp.yaml").read_text()))
    env = {e["name"]: e.get("value") for e in docs[0]["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["SIP_RASA_URLS"].split(",") == ["http://sip-rasa-0:5005", "http://sip-rasa-1:5005"]


def test_single_host_procfile_pairs_each_replica_with_an_action_server_and_routes_to_all():
    entries = dict(line.split(": ", 1) for line in (DEPLOY / "Procfile.production").read_text().splitlines()
                   if line and not line.startswith("#"))
    action_ports = {re.search(r"--port (\d+)", cmd).group(1) for name, cmd in entries.items() if name.startswith("actions")}
    rasa = {name: cmd for name, cmd in entries.items() if name.startswith("rasa")}
    assert len(rasa) == 2
    used_action_ports = set()
    for cmd in rasa.values():
        assert "--endpoints deploy/endpoints.production.yml" in cmd
        used_action_ports.add(re.search(r"SIP_ACTION_SERVER_URL=http://127.0.0.1:(\d+)/webhook", cmd).group(1))
    assert used_action_ports == action_ports
    rasa_ports = {re.search(r"--port (\d+)", cmd).group(1) for cmd in rasa.values()}
    urls = re.search(r"SIP_RASA_URLS=(\S+)", entries["web"]).group(1).split(",")
    assert {u.rsplit(":", 1)[1] for u in urls} == rasa_ports


def test_single_host_procfile_delivers_requests_once_and_runs_retention():
    entries = dict(line.split(": ", 1) for line in (DEPLOY / "Procfile.production").read_text().splitlines()
                   if line and not line.startswith("#"))
    assert [cmd for cmd in entries.values() if "actions.request_delivery" in cmd] == [entries["deliver"]]
    assert "actions.casestore.retention --every" in entries["retention"]
    env = (DEPLOY / "production.env.example").read_text()
    assert "SIP_DELIVERY_URL=https://" in env and "{organisation}" in env
