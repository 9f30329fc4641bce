"""Draw the structure records as SVG files: `python -m tools.draw_structures [--check]`.

Needs RDKit (a test and developer extra). The app never runs this: it reads the committed
output, `resources/structures/<id>.svg` and `resources/structures/structures.json`. Run it after
changing `resources/content/structures/*.toml` or this script; the test
`tests/tools/test_draw_structures.py` fails while the committed drawings are stale.

Every drawing is laid out with its glutarimide ring on the same template (same place, same
orientation, same bond length), so the molecules line up the same way. The highlighted parts
are semantic SVG groups (`<g class="part" data-part="glutarimide">`) with a shape behind the
atoms, a label and a leader line, and the file carries its text alternative (`<title>`,
`<desc>`) and a stamp of what it was made from. `structures.json` holds each drawing's atom
positions and, for every pair of structures, the atoms outside their maximum common
substructure (RDKit FMCS), which "Compare two" marks as the differences.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "resources" / "content"
OUT = ROOT / "resources" / "structures"
#: Bump when the drawing changes in a way the records do not show (layout, colours, labels).
DRAWING_VERSION = 2
BOND = 28.0  # pixels per bond in the SVG's own units
FONT = 11.0
MARGIN = 10.0

#: The glutarimide ring and the atom it is joined to, as matched in every molecule.
CORE_SMARTS = "O=C1CC[CH1](~[#7,#6])C(=O)N1"
#: Where every pair's common-substructure search starts (see `differences`).
SEED_SMARTS = "O=C1CCC(N)C(=O)N1"
#: Seconds a pair's search may take before drawing fails (seeded searches take under one).
MCS_TIMEOUT = 120

PART_SMARTS = {
    "glutarimide": ["O=C1CC[CH1]C(=O)N1"],
    "phthalimide": ["O=C1c2ccccc2C(=O)N1"],
    "isoindolinone": ["O=C1c2ccccc2[CH2]N1"],
    "amino-4": ["[NH2]c1cccc2c1[CH2,$(C=O)]N~*2"],
    "missing-carbonyl": ["O=C1c2ccccc2[CH2:1]N1"],
    "chiral-carbon": ["O=C1CC[CH1:1]C(=O)N1"],
}


def _records() -> list[dict]:
    from db.content_loader import load_content

    records = [r for r in load_content(CONTENT).records if r.kind == "structure"]
    return sorted((dict(r.data) for r in records), key=lambda d: (d["order"], d["id"]))


def _template():
    """Glutarimide plus the exit atom, laid out once: ring on the right, exit bond to the
    left, so the rest of every molecule grows leftwards."""
    from rdkit import Chem
    from rdkit.Chem import rdDepictor
    from rdkit.Geometry import Point3D

    template = Chem.MolFromSmiles("O=C1CCC(N)C(=O)N1")
    rdDepictor.Compute2DCoords(template)
    conf = template.GetConformer()
    points = [conf.GetAtomPosition(i) for i in range(template.GetNumAtoms())]
    # atom 4 = ring carbon bearing the exit, atom 5 = exit atom: point the exit bond left.
    cx, cy = points[4].x, points[4].y
    angle = math.atan2(points[5].y - cy, points[5].x - cx)
    turn = math.pi - angle
    cos_t, sin_t = math.cos(turn), math.sin(turn)
    for i, p in enumerate(points):
        x, y = p.x - cx, p.y - cy
        conf.SetAtomPosition(i, Point3D(x * cos_t - y * sin_t, x * sin_t + y * cos_t, 0.0))
    return template


def _mol(record: dict):
    from rdkit import Chem

    mol = Chem.MolFromSmiles(record["smiles"])
    if mol is None:
        raise ValueError(f"{record['id']}: RDKit cannot read the SMILES")
    return mol


def _layout(mol, template):
    from rdkit import Chem
    from rdkit.Chem import rdDepictor

    rdDepictor.SetPreferCoordGen(True)
    core = Chem.MolFromSmarts(CORE_SMARTS)
    match = mol.GetSubstructMatch(core)
    if not match:
        raise ValueError("no glutarimide ring to align on")
    # core atoms: O0 C1 C2 C3 C4 X5 C6 O7 N8 ; template: O0 C1 C2 C3 C4 N5 C6 O7 N8
    rdDepictor.GenerateDepictionMatching2DStructure(
        mol, template, [(t, m) for t, m in enumerate(match)])
    return mol


def _part_atoms(mol, part: str) -> list[int]:
    from rdkit import Chem

    if part == "extension":
        covered = set()
        for name in ("glutarimide", "phthalimide", "isoindolinone"):
            for pattern in PART_SMARTS[name]:
                for m in mol.GetSubstructMatches(Chem.MolFromSmarts(pattern)):
                    covered.update(m)
        # Heavy atoms attached to the ring system and everything beyond it.
        return [a.GetIdx() for a in mol.GetAtoms() if a.GetIdx() not in covered]
    atoms: list[int] = []
    for pattern in PART_SMARTS[part]:
        query = Chem.MolFromSmarts(pattern)
        mapped = [a.GetIdx() for a in query.GetAtoms() if a.GetAtomMapNum()]
        for m in mol.GetSubstructMatches(query):
            if part == "amino-4":
                atoms.append(m[0])
            elif mapped:
                atoms.extend(m[i] for i in mapped)
            else:
                atoms.extend(m)
        if atoms:
            break
    return sorted(set(atoms))


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _label(record: dict, part_id: str) -> str:
    """The label drawn by a part; a single enantiomer's chiral carbon says which it is."""
    from desktop.core.chemistry.parts import PARTS

    label = PARTS[part_id].label
    if part_id == "chiral-carbon" and record["stereo"] in ("R", "S"):
        label += f" ({record['stereo']})"
    return label


def _text_width(text: str, size: float = FONT) -> float:
    return 0.6 * size * len(text)


def draw(record: dict, template) -> tuple[str, dict]:
    """The SVG text and the layout data (atom positions) of one record."""
    from rdkit import Chem, rdBase
    from rdkit.Chem.Draw import rdMolDraw2D

    from desktop.core.chemistry.drawings import INK, PART_FILL, alt_text_for, stamp
    from desktop.core.chemistry.parts import PARTS

    mol = _layout(_mol(record), template)
    drawer = rdMolDraw2D.MolDraw2DSVG(-1, -1)
    opts = drawer.drawOptions()
    opts.fixedBondLength = BOND
    opts.clearBackground = False
    opts.addStereoAnnotation = record["stereo"] in ("R", "S")
    opts.padding = 0.12
    opts.bondLineWidth = 2
    opts.minFontSize = 11
    opts.maxFontSize = 14
    opts.updateAtomPalette({0: _rgb(INK["ink"]), 6: _rgb(INK["ink"]), 7: _rgb(INK["nitrogen"]),
                            8: _rgb(INK["oxygen"]), 9: _rgb(INK["halogen"]),
                            17: _rgb(INK["halogen"]), 1: _rgb(INK["ink"])})
    opts.setSymbolColour(_rgb(INK["ink"]))
    opts.setAnnotationColour(_rgb(INK["ink"]))
    prepared = rdMolDraw2D.PrepareMolForDrawing(mol, kekulize=True, wedgeBonds=True)
    drawer.DrawMolecule(prepared)
    drawer.FinishDrawing()
    body = drawer.GetDrawingText()
    width, height = drawer.Width(), drawer.Height()
    coords = [tuple(drawer.GetDrawCoords(i)) for i in range(mol.GetNumAtoms())]
    coords = [(round(x, 2), round(y, 2)) for x, y in coords]

    # The molecule's own elements (bonds, atom labels, annotations), without the XML header.
    inner = body.split("<!-- END OF HEADER -->", 1)[1].rsplit("</svg>", 1)[0].strip()
    inner = re.sub(r"<rect[^>]*>\s*</rect>", "", inner)

    parts_svg, labels = [], []
    xs = [x for x, _ in coords]
    ys = [y for _, y in coords]
    top, bottom = min(ys) - BOND * 0.6, max(ys) + BOND * 0.6
    mid_y = (top + bottom) / 2
    for part_id in record["parts"]:
        atoms = _part_atoms(mol, part_id)
        if not atoms:
            raise ValueError(f"{record['id']}: part {part_id!r} matches no atoms")
        pts = [coords[i] for i in atoms]
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
        fill = PART_FILL[part_id]
        if len(atoms) <= 2:
            shapes = "".join(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{BOND * 0.42:.1f}" fill="{fill}" '
                f'fill-opacity="0.25" stroke="{fill}" stroke-width="2"/>' for x, y in pts)
        else:
            hull = _hull(pts)
            if part_id == "extension":
                # A band along the arm's bonds rather than a hull across empty space.
                shapes = "".join(
                    f'<line x1="{coords[b.GetBeginAtomIdx()][0]:.1f}" '
                    f'y1="{coords[b.GetBeginAtomIdx()][1]:.1f}" '
                    f'x2="{coords[b.GetEndAtomIdx()][0]:.1f}" '
                    f'y2="{coords[b.GetEndAtomIdx()][1]:.1f}" stroke="{fill}" '
                    f'stroke-opacity="0.35" stroke-width="{BOND * 0.7:.1f}" '
                    f'stroke-linecap="round"/>'
                    for b in mol.GetBonds()
                    if b.GetBeginAtomIdx() in atoms or b.GetEndAtomIdx() in atoms)
            else:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in hull)
                shapes = (f'<polygon points="{points}" fill="{fill}" fill-opacity="0.3" '
                          f'stroke="{fill}" stroke-opacity="0.8" stroke-width="{BOND * 0.55:.1f}" '
                          f'stroke-linejoin="round"/>')
        row = "right" if part_id == "glutarimide" else ("top" if cy <= mid_y else "bottom")
        labels.append((part_id, cx, cy, row))
        parts_svg.append((part_id, atoms, shapes))

    # Labels in two rows (above and below the molecule), spread so they never overlap.
    row_y = {"top": top - FONT * 1.6, "bottom": bottom + FONT * 2.0}
    placed: dict[str, tuple[float, float, float]] = {}
    for row in ("top", "bottom"):
        items = sorted((c for c in labels if c[3] == row), key=lambda c: c[1])
        right_edge = -1e9
        for part_id, cx, _cy, _row in items:
            w = _text_width(_label(record, part_id))
            x = max(cx - w / 2, right_edge + 8)
            placed[part_id] = (x, row_y[row], w)
            right_edge = x + w
    for part_id, _cx, cy, row in labels:
        if row == "right":  # the glutarimide's label stands to the right of its ring
            placed[part_id] = (max(xs) + BOND * 0.9, cy + FONT * 0.35,
                               _text_width(PARTS[part_id].label))
    min_x = min([*xs, *(x for x, _, _ in placed.values())]) - MARGIN
    max_x = max([*xs, *(x + w for x, _, w in placed.values())]) + MARGIN
    min_y = min(row_y["top"] - FONT, 0.0)
    max_y = max(row_y["bottom"] + FONT * 0.6, height)
    min_x, max_x = min(min_x, 0.0), max(max_x, width)
    vb_w, vb_h = max_x - min_x, max_y - min_y

    groups = []
    for part_id, atoms, shapes in parts_svg:
        info = PARTS[part_id]
        label = _label(record, part_id)
        x, y, w = placed[part_id]
        cx = sum(coords[i][0] for i in atoms) / len(atoms)
        cy = sum(coords[i][1] for i in atoms) / len(atoms)
        anchor_y = y + (FONT * 0.35 if y > cy else -FONT * 0.9)
        anchor_x = x + w / 2
        if part_id == "glutarimide":
            anchor_x, anchor_y = x - 3, y - FONT * 0.35
        leader = (f'<line class="leader" x1="{anchor_x:.1f}" y1="{anchor_y:.1f}" '
                  f'x2="{cx:.1f}" y2="{cy:.1f}" stroke="{INK["ink"]}" stroke-opacity="0.55" '
                  f'stroke-width="1" stroke-dasharray="2,2"/>')
        text = (f'<text x="{x:.1f}" y="{y:.1f}" font-family="DejaVu Sans, Arial, sans-serif" '
                f'font-size="{FONT:.0f}" font-weight="bold" fill="{INK["ink"]}">'
                f'{escape(label)}</text>')
        groups.append(
            f'<g class="part" id="part-{part_id}" data-part="{part_id}" '
            f'data-atoms="{" ".join(map(str, atoms))}"><title>{escape(info.name.capitalize())}: '
            f'{escape(info.role)}</title>{shapes}{leader}{text}</g>')

    record_stamp = stamp(record, DRAWING_VERSION)
    alt = alt_text_for(record)
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="{min_x:.1f} {min_y:.1f} {vb_w:.1f} {vb_h:.1f}" '
        f'width="{vb_w:.0f}" height="{vb_h:.0f}" role="img" '
        f'aria-labelledby="title desc" data-structure="{record["id"]}" '
        f'data-stamp="{record_stamp}" data-rdkit="{rdBase.rdkitVersion}">\n'
        f'<title id="title">{escape(record["name"])}</title>\n'
        f'<desc id="desc">{escape(alt)}</desc>\n'
        f'<g class="highlights">\n' + "\n".join(groups) + '\n</g>\n'
        f'<g class="molecule">\n{inner}\n</g>\n</svg>\n'
    )
    layout = {"atoms": coords, "bonds": [[b.GetBeginAtomIdx(), b.GetEndAtomIdx()]
                                         for b in mol.GetBonds()],
              "elements": [a.GetSymbol() for a in mol.GetAtoms()],
              "glutarimide": list(mol.GetSubstructMatch(Chem.MolFromSmarts(CORE_SMARTS))),
              "viewbox": [round(min_x, 1), round(min_y, 1), round(vb_w, 1), round(vb_h, 1)]}
    return svg, layout


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _relative_positions(layout: dict) -> list[tuple[float, float]]:
    """Atom positions measured from the chiral carbon, where every drawing is aligned."""
    ox, oy = layout["atoms"][layout["glutarimide"][4]]
    return [(x - ox, y - oy) for x, y in layout["atoms"]]


def _closest_matches(query, ma, mb, layout_a: dict, layout_b: dict):
    """The matches of the common part in `ma` and `mb` whose atoms lie closest together in
    the aligned drawings: where a symmetric ring could match either way round (thalidomide's
    two carbonyls against lenalidomide's one), the atom marked is the one a person sees
    differ when the two drawings are set side by side or overlaid."""
    pa, pb = _relative_positions(layout_a), _relative_positions(layout_b)
    options = []
    for match_a in ma.GetSubstructMatches(query, uniquify=False, maxMatches=5000):
        for match_b in mb.GetSubstructMatches(query, uniquify=False, maxMatches=5000):
            cost = sum(math.dist(pa[i], pb[j]) for i, j in zip(match_a, match_b))
            options.append((round(cost, 1), tuple(match_a), tuple(match_b)))
    return min(options)[1:]


def differences(records: list[dict], layouts: dict[str, dict]) -> dict:
    """For every pair, the atoms of each outside their maximum common substructure."""
    from rdkit import Chem
    from rdkit.Chem import rdFMCS

    mols = {r["id"]: _mol(r) for r in records}
    out = {}
    for a, b in itertools.combinations([r["id"] for r in records], 2):
        ma, mb = mols[a], mols[b]
        # Seeded with the glutarimide and the atom it is joined to (every structure has them:
        # the drawings are aligned on them), the search grows one common part outwards from
        # the core and finishes in well under a second; unseeded, iberdomide|mezigdomide ran
        # out of time and a slower machine found less.
        result = rdFMCS.FindMCS([ma, mb], ringMatchesRingOnly=True, completeRingsOnly=True,
                                seedSmarts=SEED_SMARTS, timeout=MCS_TIMEOUT)
        if result.canceled:
            raise RuntimeError(f"{a}|{b}: the common-substructure search did not finish in "
                               f"{MCS_TIMEOUT} s, so its result would depend on the machine")
        query = Chem.MolFromSmarts(result.smartsString)
        match_a, match_b = _closest_matches(query, ma, mb, layouts[a], layouts[b])
        only_a = sorted(set(range(ma.GetNumAtoms())) - set(match_a))
        only_b = sorted(set(range(mb.GetNumAtoms())) - set(match_b))
        note = ""
        if not only_a and not only_b and Chem.MolToInchiKey(ma) != Chem.MolToInchiKey(mb):
            # Same atoms and bonds: they differ only at the chiral carbon.
            chiral = Chem.MolFromSmarts("O=C1CC[CH1:1]C(=O)N1")
            only_a = [ma.GetSubstructMatch(chiral)[4]]
            only_b = [mb.GetSubstructMatch(chiral)[4]]
            note = "same atoms and bonds; only the configuration at the chiral carbon differs"
        out[f"{a}|{b}"] = {"common_atoms": result.numAtoms, "only_a": only_a, "only_b": only_b,
                           "note": note}
    return out


def generate(out_dir: Path = OUT) -> dict[str, str]:
    """Every drawing and `structures.json`, as {file name: text} (nothing is written)."""
    from rdkit import rdBase

    records = _records()
    template = _template()
    files: dict[str, str] = {}
    layouts = {}
    for record in records:
        svg, layout = draw(record, template)
        files[f"{record['id']}.svg"] = svg
        layouts[record["id"]] = layout
    data = {"drawing_version": DRAWING_VERSION, "rdkit": rdBase.rdkitVersion,
            "structures": layouts, "pairs": differences(records, layouts)}
    files["structures.json"] = json.dumps(data, indent=1, sort_keys=True) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report drawings that differ from the committed ones")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = generate(args.out)
    stale = [name for name, text in files.items()
             if not (args.out / name).exists()
             or (args.out / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"stale: {args.out / name}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {args.out} ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
