"""results: running counts of the complete responses' answers

The results read a few hundred counts instead of a million answers. Each response is
counted in the transaction that completes it; this migration counts the responses that are
complete already (services/tallies.py explains the table).

Revision ID: 0006_answer_tally
Revises: 0005_response_channel
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_answer_tally"
down_revision: str | None = "0005_response_channel"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# each complete response with its survey's area question (the first by position) and its
# answer to it; 0 where there is none
COUNTED = """
WITH counted AS (
  SELECT r.id AS response_id, r.survey_id, r.round, r.channel,
         coalesce((SELECT q.id FROM question q WHERE q.survey_id = r.survey_id
                   AND q.type = 'area' ORDER BY q.position, q.id LIMIT 1), 0) AS area_question_id
  FROM response r WHERE r.status = 'complete'
), placed AS (
  SELECT c.*, coalesce((SELECT g.choice_id FROM answer g WHERE g.response_id = c.response_id
                        AND g.question_id = c.area_question_id LIMIT 1), 0) AS area_choice_id
  FROM counted c
)
"""


def upgrade() -> None:
    op.create_table(
        "answer_tally",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("area_question_id", sa.Integer(), nullable=False),
        sa.Column("area_choice_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("value_sum", sa.Float(), nullable=False),
        sa.Column("value_n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_answer_tally_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "survey_id", "round", "channel", "area_question_id", "area_choice_id",
            "question_id", "choice_id", name=op.f("pk_answer_tally"),
        ),
    )  # fmt: skip
    op.execute(
        COUNTED
        + """
INSERT INTO answer_tally (survey_id, round, channel, area_question_id, area_choice_id,
                          question_id, choice_id, n, value_sum, value_n)
SELECT survey_id, round, channel, area_question_id, area_choice_id, 0, 0, count(*), 0.0, 0
FROM placed GROUP BY survey_id, round, channel, area_question_id, area_choice_id
"""
    )
    op.execute(
        COUNTED
        + """
INSERT INTO answer_tally (survey_id, round, channel, area_question_id, area_choice_id,
                          question_id, choice_id, n, value_sum, value_n)
SELECT p.survey_id, p.round, p.channel, p.area_question_id, p.area_choice_id,
       a.question_id, a.choice_id, count(*), coalesce(sum(a.value_number), 0.0),
       count(a.value_number)
FROM placed p JOIN answer a ON a.response_id = p.response_id
WHERE a.choice_id IS NOT NULL
GROUP BY p.survey_id, p.round, p.channel, p.area_question_id, p.area_choice_id,
         a.question_id, a.choice_id
"""
    )


def downgrade() -> None:
    op.drop_table("answer_tally")
