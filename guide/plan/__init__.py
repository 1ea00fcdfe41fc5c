"""The plan: every decision of what to print, made before any renderer runs (see docs/architecture.md).

`plans(document, layout)` gives the files of a build, `handout_plans(document, layout)` those of a handout;
`nodes` holds the objects a renderer draws. No renderer is imported here.
"""
from .labels import LABELS
from .nodes import (AnswerKey, AnswerSection, BackPart, Contents, ContentsEntry, Dbqs, HandoutApparatus,
                    HandoutQuiz, Imprint, NameLine, Part, Plan, QuestionGroup, QuizPlan, SectionPart, Tasks,
                    TitlePage, anchor)
from .planner import (KIND_TITLES, LETTERS, PARTS_TITLES, answers_plan, guide_plan, handout_answers_plan,
                      handout_plan, handout_plans, numbered_questions, plans)

__all__ = ["LABELS", "AnswerKey", "AnswerSection", "BackPart", "Contents", "ContentsEntry", "Dbqs", "HandoutApparatus",
           "HandoutQuiz", "Imprint", "NameLine", "Part", "Plan", "QuestionGroup", "QuizPlan", "SectionPart", "Tasks",
           "TitlePage", "anchor", "KIND_TITLES", "LETTERS", "PARTS_TITLES", "answers_plan", "guide_plan",
           "handout_answers_plan", "handout_plan", "handout_plans", "numbered_questions", "plans"]
