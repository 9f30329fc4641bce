"""The drug structures without Qt and without RDKit: what the drawings show and how they look.

The drawings are SVG files made ahead of time by `tools/draw_structures.py` (which needs RDKit,
a test and developer extra) and committed under `resources/structures/`; the app only reads
them, the first time one is shown.

Modules:
    parts       the highlighted groups (glutarimide, phthalimide, ...): labels and what they do
    drawings    find, read and recolour a drawing for a theme; its text alternative; the
                "compare two" marks of differences; the drawing shown for a term or an answer
    export      every structure on one HTML page (`imid-atlas export structures`)
"""
