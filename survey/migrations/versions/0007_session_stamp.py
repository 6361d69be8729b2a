"""staff accounts: a session version, so a new password ends the account's other sessions

Each login session carries the account's session version; setting a password counts it up,
and the sessions made before (on other devices, or a stolen cookie) are no longer accepted.

Revision ID: 0007_session_stamp
Revises: 0006_answer_tally
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_session_stamp"
down_revision: str | None = "0006_answer_tally"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("session_version")
