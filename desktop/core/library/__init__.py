"""The library (Qt-free): study notes, references, the user's imported documents, and search.

Modules:
    entries     what the Library view lists (`library_entries`) and the reader page of each
    citations   AMA/Vancouver citation strings; BibTeX and RIS export
    imports     the user's own documents: import (text, Markdown, HTML, PDF), index, remove
    pdf_text    a PDF's headings and paragraphs, read in a worker process with a deadline
    leftovers   start-up cleaning of what a killed import left in imports/
    search      one search over notes, references, imports, events, terms and questions
    background_search  the same search on a worker thread of its own (latest query wins)
"""
