"""Alembic environment: always run on the connection the store hands in.

The store opens the transaction; running inside it is what makes a migration all or
nothing. ``render_as_batch`` lets later migrations alter SQLite tables.
"""

from __future__ import annotations

from alembic import context

from runstrong_gui.storage.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the store runs migrations
    raise RuntimeError("RunStrong migrations run only through the store")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
