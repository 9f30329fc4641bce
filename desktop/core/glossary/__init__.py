"""The glossary (Qt-free): finding terms, showing an entry, linking terms wherever they appear.

Modules:
    index       forgiving look-up (case, accents, Greek letters, typos) for the panel's find box
    entry       the HTML of one entry (definition, why it matters, sources, "Used in")
    linker      glossary terms linked inside sanitised HTML; terms a plain text mentions
    usage       where each term is used: notes, events and questions
    export      CSV, TSV (Quizlet/Anki text) and Anki exports of the glossary
"""
