"""Structure drawings: where they are, how they are read and recoloured, what they say.

The SVG files are committed (see `tools/draw_structures.py`); nothing here needs RDKit or Qt.
A drawing is read from disk the first time it is asked for and kept (a few kilobytes each).
Colours in the files are the light-theme placeholders of `INK` and `PART_FILL`; `themed_svg`
swaps them for a theme's colours, so the same drawing follows light, dark and high contrast.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from desktop.core.chemistry.parts import PARTS

#: Where the committed drawings live.
DRAWINGS_DIR = Path(__file__).resolve().parents[3] / "resources" / "structures"

#: Placeholder colours of atoms and bonds in the files (the light-theme look).
INK = {"ink": "#1B1F24", "oxygen": "#C62828", "nitrogen": "#1F4FB3", "halogen": "#2E7D32"}
#: Placeholder fill of each highlighted part (Okabe-Ito based, colour-blind safe).
PART_FILL = {
    "glutarimide": "#E69F00", "phthalimide": "#56B4E9", "isoindolinone": "#009E73",
    "amino-4": "#CC79A7", "missing-carbonyl": "#D55E00", "chiral-carbon": "#7B61FF",
    "extension": "#999999",
}
#: The colours for dark backgrounds (dark and high-contrast themes).
DARK_INK = {"ink": "#E7E9EC", "oxygen": "#FF8A80", "nitrogen": "#8DBCFF", "halogen": "#7EE787"}
HIGH_CONTRAST_INK = {"ink": "#FFFFFF", "oxygen": "#FF6B6B", "nitrogen": "#6EC6FF",
                     "halogen": "#5DFF7A"}
DARK_PART_FILL = {
    "glutarimide": "#FFB000", "phthalimide": "#6EC6FF", "isoindolinone": "#00E0A0",
    "amino-4": "#FF8CE0", "missing-carbonyl": "#FF6B3D", "chiral-carbon": "#B9A6FF",
    "extension": "#C0C0C0",
}
#: Colour of the marks that "Compare two" adds for the atoms outside the common part.
DIFFERENCE = {"light": "#B3261E", "dark": "#FF8A80", "high-contrast": "#FFD400"}
#: The second structure's marks when the two are overlaid (the first keeps `DIFFERENCE`).
SECOND_DIFFERENCE = {"light": "#0072B2", "dark": "#64B5F6", "high-contrast": "#00E5FF"}


def anchor(structure_id: str, folder: Path | None = None) -> tuple[float, float] | None:
    """Where a drawing's chiral carbon is, in its own SVG units: every drawing is laid out
    with its glutarimide on one template, so two drawings overlaid with their anchors on one
    point line up ring on ring."""
    data = layout(structure_id, folder)
    if not data or len(data.get("glutarimide", ())) < 5:
        return None
    x, y = data["atoms"][data["glutarimide"][4]]
    return float(x), float(y)


def _field(record, name: str, default=None):
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def stamp(record, drawing_version: int) -> str:
    """A short digest of what a drawing is made from: when the record's structure, stereo or
    parts change (or the drawing script's version), the committed drawing is stale."""
    parts = list(_field(record, "parts", ()) or ())
    text = json.dumps([drawing_version, _field(record, "name"), _field(record, "smiles").strip(),
                       _field(record, "stereo"), parts, alt_text_for(record)],
                      ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def alt_text_for(record) -> str:
    """The text alternative of a drawing: what it shows, its highlighted parts and what each
    does, the formula and molar mass. Plain text (screen readers, exports, tooltips)."""
    name = _field(record, "name")
    summary = " ".join(str(_field(record, "summary", "")).split())
    parts = [PARTS[p] for p in (_field(record, "parts", ()) or ()) if p in PARTS]
    stereo = _field(record, "stereo")
    configuration = {
        "racemate": "Drawn without configuration at the chiral carbon: the drug is a racemate.",
        "S": "Drawn as the (S)-form, with a wedge at the chiral carbon.",
        "R": "Drawn as the (R)-form, with a wedge at the chiral carbon.",
        "unspecified": "Drawn without configuration at the chiral carbon.",
    }.get(stereo, "")
    highlighted = "; ".join(f"{p.name}, which {p.role}" if not p.role.startswith("a ")
                            else f"{p.name}, {p.role}" for p in parts)
    mass = float(_field(record, "molar_mass", 0.0))
    return (f"Structure of {name}. {summary} Highlighted: {highlighted}. {configuration} "
            f"Formula {_field(record, 'formula')}, {mass:.2f} g/mol.").replace("  ", " ")


def drawing_path(structure_id: str, folder: Path | None = None) -> Path:
    return (folder or DRAWINGS_DIR) / f"{structure_id}.svg"


@lru_cache(maxsize=32)
def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def drawing_svg(structure_id: str, folder: Path | None = None) -> str | None:
    """The committed SVG of one structure, or None when there is no readable drawing."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", structure_id or ""):
        return None
    return _read(drawing_path(structure_id, folder))


def scheme_for(theme_name: str, dark: bool) -> str:
    """`light`, `dark` or `high-contrast`: which colour set a theme uses."""
    if theme_name == "high-contrast":
        return "high-contrast"
    return "dark" if dark else "light"


def themed_svg(svg: str, scheme: str = "light") -> str:
    """The drawing recoloured for `scheme` (`light` leaves it as drawn)."""
    if scheme == "light":
        return svg
    ink = HIGH_CONTRAST_INK if scheme == "high-contrast" else DARK_INK
    swaps = {INK[k].lower(): v for k, v in ink.items()}
    swaps.update({PART_FILL[k].lower(): v for k, v in DARK_PART_FILL.items()})
    pattern = re.compile("|".join(re.escape(k) for k in swaps), re.IGNORECASE)
    svg = pattern.sub(lambda m: swaps[m.group(0).lower()], svg)
    # Bright fills on a dark ground need less opacity to keep the atoms readable.
    return svg.replace('stroke-opacity="0.8"', 'stroke-opacity="0.4"').replace(
        'fill-opacity="0.3"', 'fill-opacity="0.2"')


@lru_cache(maxsize=1)
def _layouts(folder: Path) -> dict:
    try:
        return json.loads((folder / "structures.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def layout(structure_id: str, folder: Path | None = None) -> dict | None:
    """Atom positions, bonds and view box of one drawing (from `structures.json`)."""
    return _layouts(folder or DRAWINGS_DIR).get("structures", {}).get(structure_id)


def difference(a: str, b: str, folder: Path | None = None) -> dict | None:
    """The atoms of `a` and of `b` outside their maximum common substructure, as
    {"a": [...], "b": [...], "common_atoms": n, "note": ...}; None if unknown."""
    pairs = _layouts(folder or DRAWINGS_DIR).get("pairs", {})
    if f"{a}|{b}" in pairs:
        found = pairs[f"{a}|{b}"]
        return {"a": found["only_a"], "b": found["only_b"],
                "common_atoms": found["common_atoms"], "note": found.get("note", "")}
    if f"{b}|{a}" in pairs:
        found = pairs[f"{b}|{a}"]
        return {"a": found["only_b"], "b": found["only_a"],
                "common_atoms": found["common_atoms"], "note": found.get("note", "")}
    return None


def with_differences(svg: str, structure_id: str, atoms: list[int], scheme: str = "light",
                     folder: Path | None = None, colour: str = "") -> str:
    """`svg` with a ring drawn round each of `atoms` and a thick line along each bond between
    them: what "Compare two" marks as different from the other structure (in `colour`, by
    default the scheme's difference colour)."""
    data = layout(structure_id, folder)
    if not data or not atoms:
        return svg
    colour = colour or DIFFERENCE.get(scheme, DIFFERENCE["light"])
    coords = data["atoms"]
    marked = set(atoms)
    shapes = [f'<line x1="{coords[i][0]}" y1="{coords[i][1]}" x2="{coords[j][0]}" '
              f'y2="{coords[j][1]}" stroke="{colour}" stroke-width="7" stroke-opacity="0.45" '
              f'stroke-linecap="round"/>'
              for i, j in data["bonds"] if i in marked and j in marked]
    shapes += [f'<circle cx="{coords[i][0]}" cy="{coords[i][1]}" r="11" fill="none" '
               f'stroke="{colour}" stroke-width="2.5"/>' for i in sorted(marked)
               if 0 <= i < len(coords)]
    group = (f'<g class="difference" data-atoms="{" ".join(map(str, sorted(marked)))}">'
             f'<title>Different from the other structure</title>{"".join(shapes)}</g>\n')
    return svg.replace('<g class="molecule">', group + '<g class="molecule">', 1)


def part_ids_in(svg: str) -> list[str]:
    """The highlighted parts a drawing carries, in drawing order."""
    return re.findall(r'<g class="part" id="part-[^"]+" data-part="([^"]+)"', svg)


def _element_counts(symbols: list[str]) -> str:
    counts: dict[str, int] = {}
    for symbol in symbols:
        counts[symbol] = counts.get(symbol, 0) + 1
    order = sorted(counts, key=lambda s: (s != "C", s))
    return ", ".join(f"{counts[s]} {s}" for s in order)


def difference_summary(a, b, folder: Path | None = None) -> str:
    """In words: what the two structures share and what only one of them has (records with
    `id` and `name`)."""
    a_id, b_id = _field(a, "id"), _field(b, "id")
    a_name, b_name = _field(a, "name"), _field(b, "name")
    if a_id == b_id:
        return f"Both sides show {a_name}."
    diff = difference(a_id, b_id, folder)
    la, lb = layout(a_id, folder), layout(b_id, folder)
    if diff is None or la is None or lb is None:
        return f"No comparison of {a_name} and {b_name} is available."
    parts = [f"{a_name} and {b_name} share {diff['common_atoms']} heavy atoms, the glutarimide "
             "ring included."]
    if diff["note"]:
        parts.append(diff["note"].capitalize() + ".")
    else:
        for name, atoms, data in ((a_name, diff["a"], la), (b_name, diff["b"], lb)):
            if atoms:
                symbols = [data["elements"][i] for i in atoms]
                parts.append(f"Only in {name} (marked): {len(atoms)} atom"
                             f"{'s' if len(atoms) != 1 else ''} ({_element_counts(symbols)}).")
            else:
                parts.append(f"{name} has nothing the other lacks.")
    return " ".join(parts)


def with_pocket(svg: str, structure_id: str, label: str = "Cereblon tri-Trp pocket",
                scheme: str = "light", folder: Path | None = None,
                show_label: bool = True) -> str:
    """`svg` with a cup drawn round the glutarimide ring, open towards the rest of the drug:
    the ring as it sits in cereblon's tri-tryptophan pocket (a schematic, not to scale).
    `label` is the cup's tooltip, and is written under it when `show_label`."""
    data = layout(structure_id, folder)
    if not data or not data.get("glutarimide"):
        return svg
    ring = [data["atoms"][i] for i in data["glutarimide"][:5] + data["glutarimide"][6:]]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1 = min(xs) - 16, max(xs) + 16
    y0, y1 = min(ys) - 16, max(ys) + 16
    colour = {"light": "#5A6472", "dark": "#A3ABB7", "high-contrast": "#FFFFFF"}.get(
        scheme, "#5A6472")
    cup = (f'<path d="M {x0:.1f} {y0:.1f} L {x1:.1f} {y0:.1f} Q {x1 + 14:.1f} {(y0 + y1) / 2:.1f} '
           f'{x1:.1f} {y1:.1f} L {x0:.1f} {y1:.1f}" fill="{colour}" fill-opacity="0.08" '
           f'stroke="{colour}" stroke-width="3" stroke-dasharray="6,3"/>')
    text = (f'<text x="{(x0 + x1) / 2:.1f}" y="{y1 + 14:.1f}" text-anchor="middle" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="10" fill="{colour}">'
            f'{label}</text>') if show_label else ""
    group = (f'<g class="pocket"><title>{label}: the glutarimide ring sits here</title>'
             f'{cup}{text}</g>\n')
    # Widen the view box so the cup and its label fit.
    match = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
    if match:
        vx, vy, vw, vh = (float(v) for v in match.groups())
        nx1, ny1 = max(vx + vw, x1 + 20), max(vy + vh, y1 + (20 if show_label else 6))
        svg = svg.replace(match.group(0), f'viewBox="{vx} {vy} {nx1 - vx:.1f} {ny1 - vy:.1f}"', 1)
        svg = re.sub(r'width="[\d.]+" height="[\d.]+"',
                     f'width="{nx1 - vx:.0f}" height="{ny1 - vy:.0f}"', svg, count=1)
    return svg.replace('<g class="highlights">', group + '<g class="highlights">', 1)


def without_labels(svg: str, structure_id: str, folder: Path | None = None) -> str:
    """`svg` without the parts' labels and leader lines, its view box drawn tight round the
    atoms: the highlights alone, for a small drawing (the mechanism diagram's drug node)."""
    data = layout(structure_id, folder)
    if not data:
        return svg
    svg = re.sub(r'<line class="leader"[^>]*/>', "", svg)
    svg = re.sub(r'(<g class="part"[^\n]*?)<text [^>]*>[^<]*</text>(</g>)', r"\1\2", svg)
    xs = [p[0] for p in data["atoms"]]
    ys = [p[1] for p in data["atoms"]]
    margin = 18.0  # the highlights reach this far beyond the atoms' centres
    x0, y0 = min(xs) - margin, min(ys) - margin
    w, h = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
    svg = re.sub(r'viewBox="[^"]*"', f'viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}"', svg,
                 count=1)
    return re.sub(r'width="[\d.]+" height="[\d.]+"', f'width="{w:.0f}" height="{h:.0f}"', svg,
                  count=1)


def only_part(svg: str, part_id: str) -> str:
    """`svg` with every highlighted part removed except `part_id` (and its label)."""
    return re.sub(r'<g class="part" id="part-([^"]+)"[^\n]*</g>\n?',
                  lambda m: m.group(0) if m.group(1) == part_id else "", svg)


def neutral_alt_text(record, label: str, part_id: str = "") -> str:
    """A text alternative that does not name the molecule (for quiz items that ask which it
    is): its highlighted parts, configuration and formula, under a neutral `label`."""
    parts = [PARTS[p] for p in (_field(record, "parts", ()) or ()) if p in PARTS]
    if part_id:
        shown = PARTS[part_id].name if part_id in PARTS else part_id
        return (f"{label}: a drawing with one group highlighted, the {shown}. Formula "
                f"{_field(record, 'formula')}.")
    names = ", ".join(p.name for p in parts)
    return f"{label}: a drawing with these parts highlighted: {names}. Formula " \
           f"{_field(record, 'formula')}."


#: Glossary terms that show a drawing, beyond the structures' own ids: the ring terms show
#: the drug that best displays the ring.
TERM_STRUCTURES = {"glutarimide-ring": "thalidomide", "phthalimide": "thalidomide",
                   "isoindolinone": "lenalidomide", "enantiomer": "s-thalidomide",
                   "racemate": "thalidomide", "racemisation": "s-thalidomide"}


def structure_for_term(content, term_id: str):
    """The structure a glossary entry shows (its own, or the ring's drug), or None."""
    wanted = TERM_STRUCTURES.get(term_id, term_id)
    return next((s for s in content.structures() if s.id == wanted), None)


def structure_for_answer(content, question):
    """The drug structure a question's answer names (one correct option that is a drawn
    drug's name), or None: exports show it with the answer."""
    if question.type not in ("single", "multi"):
        return None
    correct = [o for o in question.options if o.correct]
    if len(correct) != 1:
        return None
    text = " ".join(correct[0].text.replace("*", "").split()).casefold()
    return next((s for s in content.structures() if s.name.casefold() == text), None)


def media_name(structure_id: str) -> str:
    """The file name a drawing has inside an exported deck or folder."""
    return f"imid-atlas-structure-{structure_id}.svg"
