"""Questions generated from the structure records, with drawings in the stem or as options.

Ids name what each question is made of, so the same id always rebuilds the same question
(attempts and review cards refer to it):

    gen-structure-which:<answer>:<s>+<s>+<s>+<s>   which drawing (A-D, in that order) is <answer>
    gen-structure-part:<structure>:<part>          what does the highlighted group do
    gen-structure-match:<s>+<s>+<s>                match drawings A, B, C to the drug names

(`+` joins the structures: a comma would split the id where the app opens several questions
at once, `open_item("question", "id,id")`.)

The drawings a question shows come from `figures_for(content, question_id)`; the quiz shows
them with neutral labels ("Structure A") and text alternatives that never name the molecule.
Only the drugs and CC-885 are used as answers and distractors (never the two enantiomers next
to thalidomide, which would make "which structure is thalidomide?" ambiguous). The part
question offers the roles of four parts whose jobs differ (anchor, outer face, chiral centre,
extension), so exactly one option fits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from db.records import Option, Pair, Question, Structure
from desktop.core.chemistry.parts import PARTS

PREFIX = "gen-structure-"
LETTERS = "ABCDEF"
#: Structures used in "which" and matching items: the five drugs and CC-885.
QUIZ_STRUCTURES = ("thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide",
                   "cc-885")
#: Parts asked about in "what does the highlighted group do?" (their roles do not overlap).
ROLE_PARTS = ("glutarimide", "phthalimide", "chiral-carbon", "extension")


@dataclass(frozen=True)
class QuizFigure:
    """A drawing shown with a question: `label` is what the quiz calls it ("Structure A"),
    `part` (if set) the one highlighted group kept in the drawing."""

    label: str
    structure_id: str
    part: str = ""


def _structures(content) -> dict[str, Structure]:
    return {s.id: s for s in content.structures()}


def _ids(text: str) -> list[str]:
    return [p for p in text.split("+") if p]


def which_question(content, answer_id: str, shown: list[str]) -> Question | None:
    """"Which structure is <drug>?" with the four drawings `shown` as options A-D."""
    structures = _structures(content)
    if (answer_id not in shown or len(shown) != 4 or len(set(shown)) != 4
            or any(s not in structures or s not in QUIZ_STRUCTURES for s in shown)):
        return None
    answer = structures[answer_id]
    options = tuple(
        Option(key=LETTERS[n].lower(), text=f"Structure {LETTERS[n]}",
               correct=s == answer_id,
               rationale=(f"{'Correct: ' if s == answer_id else ''}Structure {LETTERS[n]} is "
                          f"{structures[s].name}. {structures[s].summary}"))
        for n, s in enumerate(shown))
    return Question(
        id=f"{PREFIX}which:{answer_id}:{'+'.join(shown)}", type="single",
        topic="next-generation" if answer.order >= 4 else "mechanism",
        difficulty="understanding",
        stem=f"Which of the structures A–D is **{answer.name}**?",
        explanation=f"{answer.name}: {answer.summary}",
        objective="Recognise the IMiDs and CELMoDs from their structures.",
        options=options, answer=(LETTERS[shown.index(answer_id)].lower(),),
        sources=answer.sources, terms=answer.terms, shuffle=False, generated=True)


def part_question(content, structure_id: str, part_id: str) -> Question | None:
    """"What does the highlighted group do?" on one drawing with one part highlighted."""
    structure = _structures(content).get(structure_id)
    if structure is None or part_id not in ROLE_PARTS or part_id not in structure.parts:
        return None
    part = PARTS[part_id]
    options = tuple(
        Option(key="abcd"[n], text=PARTS[p].role[0].upper() + PARTS[p].role[1:],
               correct=p == part_id,
               rationale=(f"{'Correct: ' if p == part_id else ''}This is what the "
                          f"{PARTS[p].name} does."))
        for n, p in enumerate(ROLE_PARTS))
    return Question(
        id=f"{PREFIX}part:{structure_id}:{part_id}", type="single", topic="mechanism",
        difficulty="understanding",
        stem=f"In this structure of {structure.name}, what does the highlighted group do?",
        explanation=f"The highlighted group is the {part.name}. What it does: {part.role}.",
        objective="Explain what each part of an IMiD molecule does.",
        options=options, answer=("abcd"[ROLE_PARTS.index(part_id)],),
        sources=structure.sources,
        terms=tuple(t for t in (part.term, *structure.terms) if t), shuffle=False,
        generated=True)


def match_question(content, shown: list[str]) -> Question | None:
    """Match drawings A, B, C (in the order `shown`) to the drug names."""
    structures = _structures(content)
    if (len(shown) < 3 or len(set(shown)) != len(shown)
            or any(s not in structures or s not in QUIZ_STRUCTURES for s in shown)):
        return None
    pairs = tuple(Pair(left=f"Structure {LETTERS[n]}", right=structures[s].name,
                       rationale=structures[s].summary) for n, s in enumerate(shown))
    return Question(
        id=f"{PREFIX}match:{'+'.join(shown)}", type="matching", topic="mechanism",
        difficulty="understanding", stem="Match each structure to its drug.",
        explanation=" ".join(f"Structure {LETTERS[n]} is {structures[s].name}."
                             for n, s in enumerate(shown)),
        objective="Recognise the IMiDs and CELMoDs from their structures.", pairs=pairs,
        sources=tuple(dict.fromkeys(r for s in shown for r in structures[s].sources)),
        terms=tuple(dict.fromkeys(t for s in shown for t in structures[s].terms)),
        generated=True)


def question_for_id(content, question_id: str) -> Question | None:
    """Rebuild a structure question from its id; None if it is not one or is no longer valid."""
    if not question_id.startswith(PREFIX):
        return None
    kind, _, rest = question_id[len(PREFIX):].partition(":")
    parts = rest.split(":")
    if kind == "which" and len(parts) == 2:
        return which_question(content, parts[0], _ids(parts[1]))
    if kind == "part" and len(parts) == 2:
        return part_question(content, parts[0], parts[1])
    if kind == "match" and len(parts) == 1:
        return match_question(content, _ids(parts[0]))
    return None


def figures_for(content, question_id: str) -> list[QuizFigure]:
    """The drawings a structure question shows (none for other questions)."""
    if question_for_id(content, question_id) is None:
        return []
    kind, _, rest = question_id[len(PREFIX):].partition(":")
    parts = rest.split(":")
    if kind == "which":
        return [QuizFigure(f"Structure {LETTERS[n]}", s) for n, s in enumerate(_ids(parts[1]))]
    if kind == "match":
        return [QuizFigure(f"Structure {LETTERS[n]}", s) for n, s in enumerate(_ids(parts[0]))]
    return [QuizFigure("The structure", parts[0], part=parts[1])]


def generate_structure_questions(content, seed: int = 0) -> list[Question]:
    """A deterministic set: one "which" item per drug, the part items, two matching items."""
    rng = random.Random(seed)
    structures = _structures(content)
    usable = [s for s in QUIZ_STRUCTURES if s in structures]
    out: list[Question | None] = []
    if len(usable) >= 4:
        for answer in usable:
            others = [s for s in usable if s != answer]
            shown = [answer, *rng.sample(others, 3)]
            rng.shuffle(shown)
            out.append(which_question(content, answer, shown))
    for structure_id in usable:
        for part_id in ROLE_PARTS:
            if part_id in structures[structure_id].parts:
                out.append(part_question(content, structure_id, part_id))
    for _ in range(2):
        if len(usable) >= 3:
            out.append(match_question(content, rng.sample(usable, min(4, len(usable)))))
    seen, result = set(), []
    for question in out:
        if question is not None and question.id not in seen:
            seen.add(question.id)
            result.append(question)
    return result
