"""The case store: preparation answers, consents and SIP requests (SQLAlchemy)."""
