"""Internal link schemes (`term:cereblon`) and the record kind each one opens.

Kept in a tiny module of its own because the app needs it at start-up, before any of the
content-building code is imported.
"""

LINK_SCHEMES = {
    "term": "term",
    "ref": "reference",
    "event": "event",
    "doc": "document",
    "question": "question",
    "era": "era",
    "drug": "drug",
}
