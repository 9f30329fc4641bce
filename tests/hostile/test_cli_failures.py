"""Every command of the command line against the failures of issue 15: deeply nested TOML in
a content pack, a pack the app would refuse, deeply nested JSON in a GIFT comment, a huge
question-set id, an endless set name, a data folder that is a file. Each: a message saying
what is wrong and what to do, a non-zero exit, no traceback, the user's files as they were."""

from __future__ import annotations

import shutil

import pytest

from tests.hostile.machines import FIXTURE_CONTENT, drive, run_cli, user_files

COMMANDS = {
    "build-db": [["build-db"]],
    "check-content": [["check-content", "{pack}"]],
    "stats": [["stats"]],
    "search": [["search", "cereblon"]],
    "export": [["export", "glossary", "--format", "csv", "-o", "{out}/g.csv"]],
    "import": [["import", "{file}"]],
}
# `question-sets` reads only the progress database: no content pack is opened.


def clean(result) -> str:
    text = result["stdout"] + result["stderr"]
    assert "Traceback" not in text and "internal error" not in text, text
    assert "--- Logging error ---" not in text
    return text


def deep_pack(folder, depth: int = 100_000):
    shutil.copytree(FIXTURE_CONTENT.parent.parent / "fixtures" / "sample_pack", folder)
    (folder / "glossary" / "deep.toml").write_text(
        "deep = " + "[" * depth + "]" * depth + "\n", "utf-8")
    return folder


def test_a_deeply_nested_pack_is_a_message_in_every_command(used_data, tmp_path):
    pack = deep_pack(tmp_path / "deep pack")
    (tmp_path / "out").mkdir()
    doc = tmp_path / "note.txt"
    doc.write_text("Cereblon notes", "utf-8")
    before = user_files(used_data)
    commands, names = [], []
    for name, variants in COMMANDS.items():
        for argv in variants:
            argv = [a.format(pack=pack, out=tmp_path / "out", file=doc) for a in argv]
            extra = [] if name == "check-content" else ["--content-pack", str(pack)]
            commands.append(["--data-dir", str(used_data), *extra, *argv])
            names.append(name)
    for name, result in zip(names, drive(commands), strict=True):
        text = clean(result)
        assert result["status"] != 0, (name, result)
        assert "nested too deeply" in text, (name, text)
        assert "deep.toml" in text, (name, text)
    assert user_files(used_data) == before


def test_check_content_refuses_what_the_app_refuses(tmp_path, used_data):
    from desktop.core.packs import check_pack
    from desktop.core.paths import AtlasPaths

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE_CONTENT.parent / "sample_pack", pack)
    content = (pack / "content.toml").read_text("utf-8")
    (pack / "content.toml").write_text(
        content.replace('title = "Proteasome inhibitors (sample pack)"', 'title = "IMiD Atlas"'),
        "utf-8")
    terms = pack / "glossary" / "terms.toml"
    terms.write_text(terms.read_text("utf-8").replace('term = "epoxyketone"',
                                                      'term = "cereblon"'), "utf-8")
    from desktop.core.paths import bundled_content_dir

    app = check_pack(pack, AtlasPaths.create(tmp_path / "d", bundled_content_dir()))
    assert not app.ok
    run = run_cli("check-content", pack, env={"IMID_ATLAS_CONTENT_DIR": ""})
    assert run.returncode == 1 and "Traceback" not in run.output
    for problem in [*app.problems, *app.elsewhere]:
        assert problem in run.output, problem
    assert "'IMiD Atlas' is already used" in run.output
    assert "cereblon" in run.output


def test_question_files_and_arguments_that_once_crashed(used_data, tmp_path):
    deep = tmp_path / "deep.gift"
    deep.write_text("// imid-atlas: " + "[" * 9_000 + "]" * 9_000 + "\n"
                    "::q:: Is CRBN a protein? {T}\n", "utf-8")
    huge = tmp_path / "huge.gift"
    huge.write_text("// imid-atlas: " + "[" * 100_000 + "]" * 100_000 + "\n"
                    "::q:: Is CRBN a protein? {T}\n", "utf-8")
    before = user_files(used_data)
    results = drive([
        ["--data-dir", used_data, "import", deep],
        ["--data-dir", used_data, "import", huge],
        ["--data-dir", used_data, "question-sets", "--remove", "99999999999999999999999"],
        ["--data-dir", used_data, "question-sets", "--remove", "-5"],
        ["--data-dir", used_data, "import", deep, "--set-name", "x" * 100_000],
        ["--data-dir", used_data, "import", deep, "--set-name", " \x00 "],
        ["--data-dir", used_data / "user.sqlite", "search", "x"],
    ])
    expected = ["nests too deeply", "longer than 20,000 characters", "out of range",
                "out of range",
                "use at most 120", "name is empty", "part of the path is a file"]
    for result, words in zip(results, expected, strict=True):
        text = clean(result)
        assert result["status"] != 0, result
        assert words in text, (words, text)
    assert user_files(used_data) == before


@pytest.mark.parametrize("length", [120, 121])
def test_a_set_name_is_at_most_one_line_of_120_characters(used_data, tmp_path, length):
    gift = tmp_path / f"q{length}.gift"
    gift.write_text("::q:: Is CRBN a protein? {T}\n", "utf-8")
    [result] = drive([["--data-dir", used_data, "import", gift, "--set-name", "n" * length]])
    clean(result)
    assert result["status"] == (0 if length == 120 else 2), result


def test_a_remembered_pack_edited_into_deep_toml_is_left_out_at_start(used_data, tmp_path,
                                                                      qapp):
    """The app starts (its first paint) without the pack, forgets it and says why; before,
    every launch stopped with a 3,003-line traceback."""
    from desktop.app import settings_for
    from desktop.core.paths import AtlasPaths

    pack = deep_pack(tmp_path / "remembered pack")
    settings = settings_for(AtlasPaths.create(used_data))
    settings.content_packs = [str(pack)]
    settings.sync()
    run = run_cli("--data-dir", used_data, env={"IMID_ATLAS_EXIT_AFTER_PAINT": "1"},
                  timeout=180)
    assert run.returncode == 0, run.output
    assert "first-paint" in run.stdout and "Traceback" not in run.output
    assert "RecursionError" not in run.output
    again = settings_for(AtlasPaths.create(used_data))
    again.sync()
    assert again.content_packs == []
