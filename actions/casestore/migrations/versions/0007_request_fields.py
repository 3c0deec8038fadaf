"""The rest of the SIP form in a request: new or follow-up, who noticed the need, the child's
name and personnummer (both encrypted by the application, hence Text).

Revision ID: 0007_request_fields
Revises: 0006_withdrawal_notices
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_request_fields"
down_revision = "0006_withdrawal_notices"
branch_labels = None
depends_on = None

COLUMNS = ("kind", "noticed_by", "child_name", "child_personnummer")


def upgrade() -> None:
    # batch: SQLite cannot alter a table in place; nullable, so existing requests stay valid.
    with op.batch_alter_table("sip_requests") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=True))
        batch.add_column(sa.Column("noticed_by", sa.String(16), nullable=True))
        batch.add_column(sa.Column("child_name", sa.Text, nullable=True))
        batch.add_column(sa.Column("child_personnummer", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sip_requests") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
