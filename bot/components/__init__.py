"""Custom Rasa components. Rasa imports this package wherever it loads the model, so it also
installs two speed-ups for the Rasa server (docs/production.md): a once-checked schema for
action responses and a write-ahead log for the SQLite tracker store."""
from bot.components import action_response_validation, sqlite_tuning

action_response_validation.install()
sqlite_tuning.install()
