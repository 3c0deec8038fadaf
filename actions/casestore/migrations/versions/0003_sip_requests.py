"""SIP requests and their delivery outbox.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sip_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("requester_role", sa.String(32), nullable=False),
        sa.Column("child_age", sa.Integer, nullable=True),
        sa.Column("sides", sa.String(16), nullable=False),
        sa.Column("needs", sa.Text, nullable=True),
        sa.Column("contact_name", sa.Text, nullable=True),
        sa.Column("contact_phone", sa.Text, nullable=True),
        sa.Column("contact_preference", sa.String(16), nullable=False, server_default="telefon"),
        sa.Column("consent", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="received"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sip_requests_case_id", "sip_requests", ["case_id"])
    op.create_index("ix_sip_requests_organisation_id", "sip_requests", ["organisation_id"])
    op.create_table(
        "sip_request_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("sip_requests.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sip_request_outbox")
    op.drop_index("ix_sip_requests_organisation_id", "sip_requests")
    op.drop_index("ix_sip_requests_case_id", "sip_requests")
    op.drop_table("sip_requests")
