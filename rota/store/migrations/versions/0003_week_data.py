"""The data a week is being planned with (the app's working copy).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("weeks") as batch:
        batch.add_column(sa.Column("data_snapshot_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_weeks_data_snapshot", "snapshots", ["data_snapshot_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("weeks") as batch:
        batch.drop_constraint("fk_weeks_data_snapshot", type_="foreignkey")
        batch.drop_column("data_snapshot_id")
