"""Consents with their givers and parties.

Revision ID: 0002_consents
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_consents"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("under_adult_age", sa.Boolean, nullable=False),
        sa.Column("child_view", sa.Text, nullable=True),
        sa.Column("may_share", sa.Text, nullable=False),
        sa.Column("must_not_share", sa.Text, nullable=True),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("recorded_via", sa.String(16), nullable=False, server_default="chat"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("case_id", "number"),
    )
    op.create_table(
        "consent_givers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("consent_id", sa.Integer, sa.ForeignKey("consents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("representative_kind", sa.String(32), nullable=True),
        sa.Column("name", sa.Text, nullable=True),
    )
    op.create_table(
        "consent_parties",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("consent_id", sa.Integer, sa.ForeignKey("consents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("organisation_type", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("consent_parties")
    op.drop_table("consent_givers")
    op.drop_table("consents")
