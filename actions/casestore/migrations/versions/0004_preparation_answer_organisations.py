"""Organisations named in a preparation answer (type ids such as "elevhalsa,bup"), next to the answer.

Revision ID: prep_0004
Revises: prep_0003
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "prep_0004"
down_revision = "prep_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("preparation_answers") as batch:
        batch.add_column(sa.Column("organisations", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("preparation_answers") as batch:
        batch.drop_column("organisations")
