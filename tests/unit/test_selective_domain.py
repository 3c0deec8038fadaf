"""With enable_selective_domain, Rasa sends the domain only to validate_* actions and to those
marked send_domain in bot/domain; every other action gets an empty domain. An action that reads
the domain without the mark would silently see nothing, so this finds every action whose code
(or a module function it calls) reads the domain, and checks it is marked."""
import importlib
import inspect
import pkgutil
import re

import yaml
from rasa_sdk import Action

import actions
from actions.settings import ROOT
from bot.domain_files import merged_domain

READS_DOMAIN = re.compile(r"\bdomain(\.get\(|\[)")


def _endpoint_is_selective(path) -> bool:
    return yaml.safe_load(path.read_text())["action_endpoint"].get("enable_selective_domain") is True


def _marked() -> set[str]:
    marked = set()
    for entry in merged_domain()["actions"]:
        if isinstance(entry, dict):
            marked |= {name for name, config in entry.items() if (config or {}).get("send_domain")}
    return marked


def _actions_reading_the_domain() -> dict[str, str]:
    found = {}
    for info in pkgutil.walk_packages(actions.__path__, "actions."):
        module = importlib.import_module(info.name)
        readers = {name for name, fn in inspect.getmembers(module, inspect.isfunction)
                   if fn.__module__ == module.__name__ and READS_DOMAIN.search(inspect.getsource(fn))}
        calls_reader = re.compile(r"\b(" + "|".join(map(re.escape, readers)) + r")\(") if readers else None
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, Action) or inspect.isabstract(cls):
                continue
            source = "".join(inspect.getsource(base) for base in cls.__mro__ if base.__module__.startswith("actions"))
            if READS_DOMAIN.search(source) or (calls_reader and calls_reader.search(source)):
                found[cls().name()] = info.name
    return found


def test_both_endpoint_files_send_the_domain_selectively():
    assert _endpoint_is_selective(ROOT / "bot" / "endpoints.yml")
    assert _endpoint_is_selective(ROOT / "deploy" / "endpoints.production.yml")


def test_the_scan_finds_the_known_readers():
    # If the scan found nothing, the next test would pass vacuously.
    assert {"action_ask_request_confirm", "action_resume_form", "validate_request_form"} <= set(_actions_reading_the_domain())


def test_every_action_that_reads_the_domain_gets_it():
    missing = {name: module for name, module in _actions_reading_the_domain().items()
               if not name.startswith("validate_") and name not in _marked()}
    assert not missing, f"mark these send_domain: true in bot/domain: {missing}"
