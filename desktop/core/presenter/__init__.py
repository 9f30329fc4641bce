"""Presenter mode (Qt-free): what a class sees, how a teacher moves through it, saved lessons.

Modules:
    slides      slide sequences (timeline story, questions, terms, mechanism) and slide texts
    session     a presentation in progress: clicker commands, reveals, show-of-hands tallies
    lessons     teachers' lessons: named, ordered slides kept in the user database
"""
