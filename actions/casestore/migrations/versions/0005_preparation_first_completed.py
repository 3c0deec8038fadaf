"""When a preparation was first confirmed: a later edit clears completed_at until the person
confirms again, but the case must not become an unconfirmed draft that the retention rule deletes.

Revision ID: prep_0005
Revises: prep_0004
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "prep_0005"
down_revision = "prep_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch: SQLite cannot alter a table in place.
    with op.batch_alter_table("preparation_status") as batch:
        batch.add_column(sa.Column("first_completed_at", sa.DateTime(timezone=True), nullable=True))
    # A preparation confirmed before this column existed was first confirmed no later than that.
    op.execute("UPDATE preparation_status SET first_completed_at = completed_at WHERE completed_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("preparation_status") as batch:
        batch.drop_column("first_completed_at")
