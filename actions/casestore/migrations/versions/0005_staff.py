"""Staff accounts, case links to organisations and the staff audit log.

Revision ID: 0005_staff
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_staff"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("organisation_id", sa.String(64), nullable=False, index=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=True),
        sa.Column("role", sa.String(32), nullable=False, server_default="handlaggare"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("session_epoch", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("organisation_id", sa.String(64), nullable=False, index=True),
        sa.Column("linked_by", sa.Integer, sa.ForeignKey("staff_accounts.id"), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "organisation_id"),
    )
    op.create_table(
        "staff_audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("account_id", sa.Integer, nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("case_reference", sa.String(16), nullable=True, index=True),
        sa.Column("detail", sa.String(128), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("staff_audit_log")
    op.drop_table("case_links")
    op.drop_table("staff_accounts")
