"""Content packs: checked before use, shown beside the bundled content, removable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db.errors import ContentError
from desktop.core.atlas import Atlas
from desktop.core.packs import check_pack, pack_records, switch_packs, usable_packs
from desktop.core.paths import AtlasPaths
from desktop.core.render import render_markdown
from tests.conftest import BUNDLED_CONTENT, FIXTURE_CONTENT

SAMPLE_PACK = Path(__file__).resolve().parent.parent / "fixtures" / "sample_pack"
TITLE = "Proteasome inhibitors (sample pack)"


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(SAMPLE_PACK, target)
    return target


def test_the_sample_pack_is_valid_beside_the_bundled_and_the_test_content(tmp_path):
    for content in (BUNDLED_CONTENT, FIXTURE_CONTENT):
        check = check_pack(SAMPLE_PACK, AtlasPaths.create(tmp_path, content))
        assert check.ok, check.report()
        assert check.title == TITLE


def test_pack_records_appear_beside_the_bundled_ones_marked_with_the_pack(tmp_path):
    atlas = Atlas.open(tmp_path, [SAMPLE_PACK], content_dir=FIXTURE_CONTENT)
    try:
        content = atlas.content
        assert pack_records(content, TITLE) == {"references": 5, "documents": 1, "events": 4,
                                                "terms": 3, "questions": 4}
        questions = {q.id: q for q in content.questions()}
        assert questions["q-pack-pi-001"].pack == TITLE
        assert questions["q-mechanism-001"].pack == ""
        assert content.term("ixazomib").pack == TITLE
        assert content.event("pi-summit-2003").pack == TITLE
        assert content.reference("pi-adams-2004-natrevcancer").pack == TITLE
        assert content.document("note-pi-summit-2003").pack == TITLE
        assert [p["title"] for p in content.packs()] == ["Test content", TITLE]
        assert [q.type for q in questions.values() if q.pack] == ["single", "true_false",
                                                                  "ordering", "matching"]
    finally:
        atlas.close()


def test_packs_can_be_added_and_removed_at_run_time(atlas):
    assert atlas.content.term("ixazomib") is None
    switch_packs(atlas, [SAMPLE_PACK])
    assert atlas.content.term("ixazomib").pack == TITLE
    assert atlas.packs == (SAMPLE_PACK.resolve(),)
    switch_packs(atlas, [])
    assert atlas.content.term("ixazomib") is None and atlas.packs == ()


def test_a_pack_that_reuses_ids_is_refused_with_every_problem(tmp_path):
    check = check_pack(FIXTURE_CONTENT, AtlasPaths.create(tmp_path, BUNDLED_CONTENT))
    assert not check.ok
    report = check.report()
    assert "duplicate id: already used at" in report
    assert "tests/fixtures/content/questions/questions.toml:2: question 'q-mechanism-001'" in report
    assert report.count("\n") >= check.count


def test_other_reasons_to_refuse_a_pack(tmp_path, pack_copy):
    paths = AtlasPaths.create(tmp_path / "data", FIXTURE_CONTENT)
    assert "does not exist" in check_pack(tmp_path / "nowhere", paths).report()
    assert "bundled content" in check_pack(FIXTURE_CONTENT, paths).report()
    twin = tmp_path / "twin"
    shutil.copytree(SAMPLE_PACK, twin)
    report = check_pack(twin, paths, [pack_copy]).report()
    assert f"the pack title {TITLE!r} is already used" in report
    assert "duplicate id" in report
    (pack_copy / "content.toml").unlink()
    assert "missing content.toml" in check_pack(pack_copy, paths).report()


def test_a_broken_pack_names_file_and_line(tmp_path, pack_copy):
    terms = pack_copy / "glossary" / "terms.toml"
    terms.write_text(terms.read_text().replace('category = "treatment"', 'category = "drugs"'))
    check = check_pack(pack_copy, AtlasPaths.create(tmp_path, FIXTURE_CONTENT))
    assert not check.ok and check.count == 1
    assert "glossary/terms.toml:" in check.problems[0]
    assert "'drugs' is not one of" in check.problems[0]
    with pytest.raises(ContentError):
        Atlas.open(tmp_path / "data", [pack_copy], content_dir=FIXTURE_CONTENT)


def test_usable_packs_drops_the_broken_ones(tmp_path, pack_copy):
    paths = AtlasPaths.create(tmp_path / "data", FIXTURE_CONTENT)
    good, refused = usable_packs(paths, [pack_copy, tmp_path / "moved-away"])
    assert good == [pack_copy.resolve()]
    assert [r.root.name for r in refused] == ["moved-away"]


def test_nothing_in_a_pack_can_run_or_load_remote_resources(tmp_path, pack_copy):
    marker = tmp_path / "ran.txt"
    (pack_copy / "setup.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    (pack_copy / "content.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    note = pack_copy / "documents" / "note-pi-summit-2003.md"
    note.write_text(note.read_text() + "\n<script>alert(1)</script>\n"
                    "![tracker](https://example.org/pixel.png)\n"
                    '<img src="http://example.org/x.png"> <iframe src="http://x"></iframe>\n')
    atlas = Atlas.open(tmp_path / "data", [pack_copy], content_dir=FIXTURE_CONTENT)
    try:
        body = atlas.content.document("note-pi-summit-2003").body
        html = render_markdown(body)
    finally:
        atlas.close()
    assert not marker.exists()
    for bad in ("<script", "<img", "<iframe", "example.org"):
        assert bad not in html
    assert "chymotrypsin-like site" in html
