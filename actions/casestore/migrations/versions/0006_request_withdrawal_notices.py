"""Withdrawal notices for delivered SIP requests whose case was deleted.

Revision ID: 0006_withdrawal_notices
Revises: 0003
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_withdrawal_notices"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # request_id is no foreign key on purpose: the notice outlives the request and its case.
    op.create_table(
        "sip_request_withdrawal_notices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, nullable=False),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sip_request_withdrawal_notices")
