"""When the person would like to be called, in their own words (encrypted by the application, hence Text).

Revision ID: 0008_request_contact_time
Revises: 0007_request_fields
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_request_contact_time"
down_revision = "0007_request_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch: SQLite cannot alter a table in place; nullable, so existing requests stay valid.
    with op.batch_alter_table("sip_requests") as batch:
        batch.add_column(sa.Column("contact_time", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sip_requests") as batch:
        batch.drop_column("contact_time")
