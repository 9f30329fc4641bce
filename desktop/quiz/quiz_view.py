"""Quiz view (issue 7 builds sessions, review and progress)."""

from desktop.widgets.placeholder_view import PlaceholderView


class QuizView(PlaceholderView):
    view_key = "quiz"
    heading = "Quiz"
    promise = ("Tutor, exam and spaced-review sessions over the question bank will run here, "
               "with your progress saved as you answer.")
