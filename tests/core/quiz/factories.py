"""Questions made by hand, responses to them, and a hand-driven clock (quiz tests)."""

from __future__ import annotations

from db.records import Option, Pair, Question


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def single(qid: str = "s1", topic: str = "mechanism", answer: str = "b",
           shuffle: bool = True) -> Question:
    return Question(
        id=qid, type="single", topic=topic, difficulty="recall", stem="Which binds?",
        explanation="Cereblon binds.", objective="Know the target.",
        options=tuple(Option(k, f"Option {k}", f"Why {k}", correct=(k == answer))
                      for k in "abcd"),
        answer=(answer,), sources=("ito-2010-science",), terms=("cereblon",), shuffle=shuffle)


def multi(qid: str = "m1", topic: str = "mechanism") -> Question:
    return Question(
        id=qid, type="multi", topic=topic, difficulty="recall", stem="Which are degraded?",
        explanation="IKZF1 and IKZF3.", objective="Name them.",
        options=(Option("a", "IKZF1", "yes", True), Option("b", "IKZF3", "yes", True),
                 Option("c", "IRF4", "no"), Option("d", "MYC", "no"),
                 Option("e", "CK1α", "yes", True)),
        answer=("a", "b", "e"))


def true_false(qid: str = "t1", topic: str = "history", answer: str = "false") -> Question:
    return Question(
        id=qid, type="true_false", topic=topic, difficulty="recall", stem="True or false?",
        explanation="It is false.", objective="Know it.",
        options=(Option("true", "True", "No.", answer == "true"),
                 Option("false", "False", "Yes.", answer == "false")),
        answer=(answer,))


def ordering(qid: str = "o1", topic: str = "history") -> Question:
    return Question(
        id=qid, type="ordering", topic=topic, difficulty="recall", stem="Order these.",
        explanation="In order.", objective="Order.",
        options=tuple(Option(k, f"Event {k}", f"{1990 + n}") for n, k in enumerate("abcd")),
        answer=("a", "b", "c", "d"))


def matching(qid: str = "x1", topic: str = "mechanism") -> Question:
    return Question(
        id=qid, type="matching", topic=topic, difficulty="recall", stem="Match them.",
        explanation="Names.", objective="Match.",
        pairs=(Pair("IKZF1", "Ikaros", "r1"), Pair("IKZF3", "Aiolos", "r2"),
               Pair("CRBN", "Cereblon", "r3"), Pair("CSNK1A1", "CK1α", "r4")))


def year(qid: str = "y1", answer: int = 1998) -> Question:
    return Question(id=qid, type="year", topic="history", difficulty="recall",
                    stem="In which year?", explanation="Then.", objective="Date it.",
                    answer=(str(answer),), generated=True)


def right_response(item) -> list:
    q = item.question
    if q.type in ("single", "true_false", "multi"):
        return [o.key for o in q.options if o.correct]
    if q.type == "ordering":
        return list(q.answer)
    if q.type == "matching":
        return list(range(len(q.pairs)))
    return [int(q.answer[0])]


def wrong_response(item) -> list:
    q = item.question
    if q.type in ("single", "true_false", "multi"):
        return [next(o.key for o in q.options if not o.correct)]
    if q.type == "ordering":
        return list(reversed(q.answer))
    if q.type == "matching":
        n = len(q.pairs)
        return [(i + 1) % n for i in range(n)]
    return [int(q.answer[0]) + 10]


ALL_TYPES = (single, multi, true_false, ordering, matching, year)
