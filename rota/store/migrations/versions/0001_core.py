"""Teams, weeks, snapshots, runs, published versions, drafts and the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IMMUTABLE = ("snapshots", "snapshot_files", "versions", "version_lines", "audit")


def _lines(name: str, parent: str) -> None:
    op.create_table(
        name,
        sa.Column(f"{parent}_id", sa.Integer, sa.ForeignKey(f"{parent}s.id")),
        sa.Column("session_id", sa.String(200)),
        sa.Column("worker_id", sa.String(200)),
        sa.Column("start", sa.DateTime, nullable=False),
        sa.Column("end", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint(f"{parent}_id", "session_id", "worker_id"),
    )


def _immutable() -> None:
    """Triggers that refuse to change or delete what was written."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION rota_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME; END $$"
        )
        for table in IMMUTABLE:
            op.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION rota_immutable()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION rota_immutable()"
            )
        return
    for table in IMMUTABLE:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END"
            )


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "weeks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("team_id", "start", name="uq_weeks_team"),
    )
    op.create_index("ix_weeks_team_id", "weeks", ["team_id"])
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week_id", sa.Integer, sa.ForeignKey("weeks.id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("week_id", "digest", name="uq_snapshots"),
    )
    op.create_index("ix_snapshots_week_id", "snapshots", ["week_id"])
    op.create_table(
        "snapshot_files",
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id")),
        sa.Column("name", sa.String(100)),
        sa.Column("content", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("snapshot_id", "name"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week_id", sa.Integer, sa.ForeignKey("weeks.id"), nullable=False),
        sa.Column(
            "snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False
        ),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("policy", sa.String(200), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("objective", sa.Float, nullable=True),
        sa.Column("coverage", sa.Float, nullable=False),
        sa.Column("wall_seconds", sa.Float, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
    )
    op.create_index("ix_runs_week_id", "runs", ["week_id"])
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week_id", sa.Integer, sa.ForeignKey("weeks.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column(
            "snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False
        ),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
        sa.UniqueConstraint("week_id", "number", name="uq_versions"),
    )
    op.create_index("ix_versions_week_id", "versions", ["week_id"])
    _lines("version_lines", "version")
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week_id", sa.Integer, sa.ForeignKey("weeks.id"), nullable=False),
        sa.Column(
            "snapshot_id", sa.Integer, sa.ForeignKey("snapshots.id"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    )
    op.create_index("ix_drafts_week_id", "drafts", ["week_id"])
    _lines("draft_lines", "draft")
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("team", sa.String(200), nullable=True),
        sa.Column("week_start", sa.Date, nullable=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    _immutable()


def downgrade() -> None:
    for table in (
        "audit",
        "draft_lines",
        "drafts",
        "version_lines",
        "versions",
        "runs",
        "snapshot_files",
        "snapshots",
        "weeks",
        "teams",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION rota_immutable()")
