"""Custom Rasa components. Rasa imports this package wherever it loads the model, so it also
installs three speed-ups for the Rasa server (docs/production.md): a once-checked schema for
action responses, a write-ahead log for the SQLite tracker store and a remembered class for
each stored event type."""
from bot.components import action_response_validation, event_class_cache, sqlite_tuning

action_response_validation.install()
sqlite_tuning.install()
event_class_cache.install()
