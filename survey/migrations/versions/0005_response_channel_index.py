"""paper entry: count a survey's paper responses from an index

The paper-entry page says how many paper responses a survey has, after every saved one. With
(survey_id, channel) indexed that is a count over the index instead of a walk over every
response of the survey (30 ms at 100k responses on SQLite, twice per entry).

Revision ID: 0005_response_channel
Revises: 0004_answer_value
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_response_channel"
down_revision: str | None = "0004_answer_value"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_response_survey_channel", "response", ["survey_id", "channel"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_response_survey_channel", table_name="response")
