"""Structure records: every SMILES really is the molecule its source names.

RDKit (a test and developer extra, never needed by the app) computes the InChIKey, formula,
molar mass and configuration from each SMILES; they must equal what the record states, and
the InChIKey must equal the one recorded from the source. The checker's own rules (key format,
stereo layer against `stereo`, known parts) are tested on a copy of the fixture content.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdkit import Chem, RDLogger
from rdkit.Chem import Descriptors, rdMolDescriptors

from db.content_check import check_folder
from db.content_loader import load_content

RDLogger.DisableLog("rdApp.*")
BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "content"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
#: The drugs and compounds issue 19 asks for.
REQUIRED = {"thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide",
            "cc-885", "r-thalidomide", "s-thalidomide"}


def structure_records(root: Path) -> list:
    return [r for r in load_content(root).records if r.kind == "structure"]


BUNDLED_RECORDS = structure_records(BUNDLED)


def test_every_required_structure_has_a_record():
    assert {r.id for r in BUNDLED_RECORDS} >= REQUIRED


@pytest.mark.parametrize("record", BUNDLED_RECORDS + structure_records(FIXTURE),
                         ids=lambda r: f"{Path(r.path).parts[-3]}:{r.id}")
def test_smiles_gives_the_recorded_key_formula_and_mass(record):
    data = record.data
    mol = Chem.MolFromSmiles(data["smiles"])
    assert mol is not None, f"{record.id}: RDKit cannot read {data['smiles']!r}"
    assert Chem.MolToInchiKey(mol) == data["inchikey"]
    assert rdMolDescriptors.CalcMolFormula(mol) == data["formula"]
    assert Descriptors.MolWt(mol) == pytest.approx(data["molar_mass"], abs=0.01)


@pytest.mark.parametrize("record", BUNDLED_RECORDS, ids=lambda r: r.id)
def test_configuration_matches_the_stereo_field(record):
    mol = Chem.MolFromSmiles(record.data["smiles"])
    centres = Chem.FindMolChiralCenters(mol, includeUnassigned=True,
                                        useLegacyImplementation=False)
    assert len(centres) == 1, "one chiral carbon, where the glutarimide joins the rest"
    (atom, label), = centres
    # The chiral carbon belongs to the glutarimide ring (piperidine-2,6-dione).
    glutarimide = Chem.MolFromSmarts("O=C1CC[CH1]C(=O)N1")
    assert any(atom in match for match in mol.GetSubstructMatches(glutarimide))
    expected = {"racemate": "?", "unspecified": "?", "S": "S", "R": "R"}[record.data["stereo"]]
    assert label == expected


def test_enantiomers_share_a_skeleton_and_differ_in_the_stereo_layer():
    by_id = {r.id: r.data for r in BUNDLED_RECORDS}
    keys = [by_id[i]["inchikey"] for i in ("thalidomide", "r-thalidomide", "s-thalidomide")]
    assert len({k.split("-")[0] for k in keys}) == 1
    assert len({k.split("-")[1] for k in keys}) == 3


def test_the_bundled_content_passes_the_checker():
    assert [str(p) for p in check_folder(BUNDLED) if "structure" in str(p)] == []


def _structures_file(content_copy: Path) -> Path:
    return content_copy / "structures" / "structures.toml"


@pytest.mark.parametrize(("old", "new", "message"), [
    ('inchikey = "GOTYRUGSSMKFNF-UHFFFAOYSA-N"', 'inchikey = "GOTYRUGSSMKFNF"',
     "is not a standard InChIKey"),
    ('formula = "C13H13N3O3"', 'formula = "c13 h13"', "is not a Hill formula"),
    ('molar_mass = 259.26', 'molar_mass = -3', "is not a small-molecule mass"),
    ('stereo = "racemate"\nparts = ["glutarimide", "isoindolinone"',
     'stereo = "S"\nparts = ["glutarimide", "isoindolinone"',
     "a single enantiomer needs a key with a stereo layer"),
    ('"missing-carbonyl", "chiral-carbon"]', '"missing-carbonyl", "benzene"]',
     "unknown 'benzene'"),
    ('parts = ["glutarimide", "isoindolinone", ', 'parts = ["isoindolinone", ',
     "every drawing labels the glutarimide ring"),
    ('inchikey_origin = "source"\nstereo = "racemate"\nparts = ["glutarimide", "isoindolinone"',
     'inchikey_origin = "guess"\nstereo = "racemate"\nparts = ["glutarimide", "isoindolinone"',
     "'guess' is not one of"),
])
def test_checker_reports_bad_structure_fields(content_copy, old, new, message):
    path = _structures_file(content_copy)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = [str(p) for p in check_folder(content_copy)]
    assert any(message in p and str(path) in p for p in problems), problems


def test_structures_are_compiled_and_read_back(atlas):
    structures = atlas.content.structures()
    assert [s.id for s in structures] == ["thalidomide", "lenalidomide"]
    lenalidomide = atlas.content.structure("lenalidomide")
    assert lenalidomide.drug == "lenalidomide"
    assert lenalidomide.parts == ("glutarimide", "isoindolinone", "amino-4", "missing-carbonyl",
                                  "chiral-carbon")
    assert lenalidomide.molar_mass == pytest.approx(259.26)
    assert lenalidomide.sources == ("kronke-2014-science",)
    assert atlas.content.title_of("structure", "thalidomide") == "Thalidomide"
