""""Optimize": fit the FSRS parameters to the student's own review log.

The fitting is done by `fsrs-rs-python`, the Python binding of fsrs-rs, the Rust implementation
of FSRS that Anki itself uses (a wheel of about half a megabyte). The `fsrs` package's own
optimizer would need PyTorch, hundreds of megabytes for one button; the Rust optimizer gives
the same FSRS-6 parameters (21 numbers) that the `fsrs` scheduler takes. It is imported only
when the button is pressed.

Every card's reviews become FSRS training items as fsrs-rs expects them: for each review after
the first, the card's history up to and including it, each step with the whole days since the
previous review. With fewer than `MIN_REVIEWS` reviews the parameters are left as they are (the
optimizer would only return the defaults).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime

from desktop.core.quiz.scheduling import ReviewSettings, load_settings, save_settings

#: Reviews needed before "Optimize" fits anything (Anki asks for a few hundred as well).
MIN_REVIEWS = 400


class OptimizerUnavailable(RuntimeError):
    """The optimizer package is not installed."""


@dataclass(frozen=True)
class OptimizeResult:
    """What "Optimize" did."""

    reviews: int
    changed: bool
    parameters: tuple[float, ...]
    message: str
    seconds: float = 0.0


def review_count(user) -> int:
    return user.execute("SELECT count(*) FROM review_log").fetchone()[0]


def reviews_needed(user) -> int:
    """How many more reviews the optimizer needs (0 when there are enough)."""
    return max(0, MIN_REVIEWS - review_count(user))


def review_histories(user) -> dict[str, list[tuple[datetime, int]]]:
    """Per card, its reviews in order: (time, rating)."""
    out: dict[str, list[tuple[datetime, int]]] = {}
    for question_id, reviewed_at, rating in user.execute(
            "SELECT question_id, reviewed_at, rating FROM review_log "
            "ORDER BY question_id, reviewed_at, id"):
        out.setdefault(question_id, []).append((datetime.fromisoformat(reviewed_at),
                                                int(rating)))
    return out


def training_items(histories: dict[str, list[tuple[datetime, int]]]) -> list:
    """fsrs-rs `FSRSItem`s from review histories (see the module note)."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items = []
    for reviews in histories.values():
        steps = []
        previous = None
        for when, rating in reviews:
            days = 0 if previous is None else max(0, (when.date() - previous.date()).days)
            steps.append(FSRSReview(rating, days))
            previous = when
            if len(steps) >= 2:
                items.append(FSRSItem(list(steps)))
    return items


def fit_parameters(histories: dict[str, list[tuple[datetime, int]]]) -> tuple[float, ...]:
    """The FSRS parameters fitted to `histories` (fsrs-rs)."""
    try:
        from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS
    except ImportError as exc:
        raise OptimizerUnavailable(
            "The optimizer package is not installed. Install it with "
            "'pip install fsrs-rs-python' and try again.") from exc
    items = training_items(histories)
    if not items:
        return tuple(DEFAULT_PARAMETERS)
    return tuple(float(p) for p in FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items))


def optimize(user, now: datetime | None = None) -> OptimizeResult:
    """Fit the parameters to the user's review log and save them in the review settings
    (nothing changes below `MIN_REVIEWS` reviews)."""
    count = review_count(user)
    settings = load_settings(user)
    if count < MIN_REVIEWS:
        return OptimizeResult(count, False, settings.parameters,
                              f"Optimizing needs at least {MIN_REVIEWS} reviews; you have "
                              f"{count}. {MIN_REVIEWS - count} more to go: until then the "
                              "standard FSRS parameters are used.")
    started = time.perf_counter()
    parameters = fit_parameters(review_histories(user))
    when = (now or datetime.now().astimezone()).isoformat(timespec="minutes")
    saved = save_settings(user, replace(settings, parameters=parameters, optimized_at=when,
                                        optimized_reviews=count))
    seconds = time.perf_counter() - started
    return OptimizeResult(count, parameters != settings.parameters, saved.parameters,
                          f"Parameters fitted to your {count} reviews.", seconds)


def reset_parameters(user) -> ReviewSettings:
    """Go back to the standard FSRS parameters."""
    return save_settings(user, replace(load_settings(user), parameters=(), optimized_at="",
                                       optimized_reviews=0))
