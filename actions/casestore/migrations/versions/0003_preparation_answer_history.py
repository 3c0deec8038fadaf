"""Earlier versions of preparation answers: an edit keeps what was there before.

Revision ID: prep_0003
Revises: prep_0002
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "prep_0003"
down_revision = "prep_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preparation_answer_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("answer_id", sa.Integer, sa.ForeignKey("preparation_answers.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("answered_by", sa.String(32), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("preparation_answer_history")
