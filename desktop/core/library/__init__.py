"""The library (Qt-free): study notes, references, the user's imported documents, and search.

Modules:
    entries     what the Library view lists (`library_entries`) and the reader page of each
    citations   AMA/Vancouver citation strings; BibTeX and RIS export
    imports     the user's own documents: import (text, Markdown, HTML, PDF), index, remove
    search      one search over notes, references, imports, events, terms and questions
"""
