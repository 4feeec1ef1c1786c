"""Asks and answers (agreements), and the app's accounts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "asks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("ask_id", sa.String(50), nullable=False),
        sa.Column("to_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("session_ids", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("cost", sa.Float, nullable=False),
        sa.Column("group", sa.String(50), nullable=True),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("start", sa.String(5), nullable=True),
        sa.Column("end", sa.String(5), nullable=True),
        sa.Column("extra_minutes", sa.Integer, nullable=True),
        sa.UniqueConstraint("run_id", "ask_id", name="uq_asks"),
    )
    op.create_index("ix_asks_run_id", "asks", ["run_id"])
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week_id", sa.Integer, sa.ForeignKey("weeks.id"), nullable=False),
        sa.Column("agreement_id", sa.String(50), nullable=False),
        sa.Column("party_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=True),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("start", sa.String(5), nullable=True),
        sa.Column("end", sa.String(5), nullable=True),
        sa.Column("extra_minutes", sa.Integer, nullable=True),
        sa.Column("answer", sa.String(3), nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=True),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("ask_run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
        sa.Column("ask_id", sa.String(50), nullable=True),
        sa.UniqueConstraint("week_id", "agreement_id", name="uq_agreements"),
    )
    op.create_index("ix_agreements_week_id", "agreements", ["week_id"])
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("worker_id", sa.String(200), nullable=True),
        sa.Column("email", sa.String(320), nullable=True, unique=True),
        sa.Column("password_hash", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("accounts", "agreements", "asks"):
        op.drop_table(table)
