"""results: the answer's number joins the (question, choice, response) index

The questions page counts answers per question and choice, averages rating points and ranks,
and tabulates number answers. With value_number in the index, before response_id, all of that
is one ordered pass over the index, without visiting a million answer rows one by one.

Revision ID: 0004_answer_value
Revises: 0003_results
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_answer_value"
down_revision: str | None = "0003_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_answer_question_choice_value_response",
        "answer",
        ["question_id", "choice_id", "value_number", "response_id"],
        unique=False,
    )
    op.drop_index("ix_answer_question_choice_response", table_name="answer")


def downgrade() -> None:
    op.create_index(
        "ix_answer_question_choice_response",
        "answer",
        ["question_id", "choice_id", "response_id"],
        unique=False,
    )
    op.drop_index("ix_answer_question_choice_value_response", table_name="answer")
