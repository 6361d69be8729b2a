"""results: covering index for breakdowns by area and group

The results join each answer to the same response's area (or group) answer. An index on
(response_id, question_id, choice_id) answers that lookup from the index alone; without it,
SQLite (before ANALYZE) picked the question index and scanned it per row.

Revision ID: 0003_results
Revises: 0002_walks
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_results"
down_revision: str | None = "0002_walks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_answer_response_question_choice",
            ["response_id", "question_id", "choice_id"],
            unique=False,
        )
        batch_op.drop_index("ix_answer_response_question")


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_answer_response_question", ["response_id", "question_id"], unique=False
        )
        batch_op.drop_index("ix_answer_response_question_choice")
