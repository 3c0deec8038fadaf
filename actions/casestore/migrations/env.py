"""Alembic environment: the URL comes from actions.casestore.migrate, never from a file."""
from alembic import context

from actions.casestore.models import Base
from actions.casestore.store import make_engine

url = context.config.attributes["database_url"]
engine = make_engine(url)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
