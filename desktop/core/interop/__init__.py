"""Moving questions, terms and content in and out of the tools teachers and students use.

- `common`: filters, text conversion (Markdown with internal links to plain text or HTML) and
  citations shared by every format.
- `anki`: Anki decks (.apkg) with stable model, deck and note ids.
- `gift`: Moodle's plain-text GIFT format, written and read.
- `moodle_xml`: Moodle XML, which carries what GIFT cannot (ordering, tags, sources).
- `question_csv`: a spreadsheet-friendly CSV format for teachers (see docs/question-files.md).
- `question_file`: reading a teacher's file safely (size limits, encodings) and checking it.
- `quiz_export`: the `export quiz` entry point used by the command line and File > Export.
- `question_import`: the `import FILE...` entry point for question files.

Every module here is Qt-free.
"""
