"""The shipped databases: copied on a first start when they match, built as before otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from db.content_db import ContentDB, ensure_content_db
from db.content_hash import ContentSource, content_hash, content_stamp, stored_fingerprint
from db.shipped import (
    build_empty_user_db,
    build_shipped,
    content_is_current,
    empty_user_path,
    install_empty_user_db,
    install_shipped_content,
    main,
    shipped_content_path,
)
from db.user_db import UserDB
from db.user_migrations import migration_names

FIXTURE_PACK = Path(__file__).resolve().parent.parent / "fixtures" / "sample_pack"
#: A build time no compile on this machine can write: marks a database as the shipped copy.
SHIPPED_MARK = "2001-09-09T01:46:40Z"


def shipped_resources(tmp_path: Path, content: Path) -> Path:
    """A `resources` folder as a wheel ships it: the content plus its compiled database, the
    database's build time set to SHIPPED_MARK so that a copy of it can be told from a compile."""
    resources = tmp_path / "resources"
    shutil.copytree(content, resources / "content")
    shipped, _ = build_shipped(resources)
    conn = sqlite3.connect(shipped)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", (SHIPPED_MARK,))
    conn.close()
    return resources


def meta(path: Path) -> dict[str, str]:
    db = ContentDB(path)
    try:
        return dict(db.meta)
    finally:
        db.close()


def test_first_start_copies_the_shipped_database(content_copy, tmp_path):
    resources = shipped_resources(tmp_path, content_copy)
    sources = [ContentSource(resources / "content")]
    cache = tmp_path / "data" / "cache" / "content.sqlite"
    shipped_bytes = shipped_content_path(resources).read_bytes()

    path, rebuilt = ensure_content_db(sources, cache, shipped_content_path(resources))

    assert (path, rebuilt) == (cache, False)
    copied = meta(cache)
    assert copied["built_at"] == SHIPPED_MARK
    assert copied["content_hash"] == content_hash(sources)
    # The copy carries this machine's stamp, so the next start needs no digest of the files.
    assert stored_fingerprint(cache)[1] == content_stamp(sources)
    db = ContentDB(cache)
    assert db.packs()[0]["root"] == str(resources / "content")
    assert db.counts()["questions"] == 5
    db.close()
    assert shipped_content_path(resources).read_bytes() == shipped_bytes  # left as it was
    assert ensure_content_db(sources, cache, shipped_content_path(resources)) == (cache, False)


def test_stale_shipped_database_is_not_used(content_copy, tmp_path):
    resources = shipped_resources(tmp_path, content_copy)
    glossary = resources / "content" / "glossary"
    term_file = sorted(glossary.glob("*.toml"))[0]
    term_file.write_text(term_file.read_text(encoding="utf-8") + "\n# edited after shipping\n",
                         encoding="utf-8")
    sources = [ContentSource(resources / "content")]
    assert not content_is_current(shipped_content_path(resources), resources)

    cache = tmp_path / "data" / "cache" / "content.sqlite"
    _, rebuilt = ensure_content_db(sources, cache, shipped_content_path(resources))

    assert rebuilt
    assert meta(cache)["built_at"] != SHIPPED_MARK
    assert meta(cache)["content_hash"] == content_hash(sources)


def test_upgrade_replaces_an_old_cache_with_the_shipped_database(content_copy, tmp_path):
    old_content = tmp_path / "old"
    shutil.copytree(content_copy, old_content)
    (old_content / "glossary" / "extra.toml").write_text("# an older release\n",
                                                         encoding="utf-8")
    cache = tmp_path / "data" / "cache" / "content.sqlite"
    ensure_content_db([ContentSource(old_content)], cache)
    resources = shipped_resources(tmp_path, content_copy)

    _, rebuilt = ensure_content_db([ContentSource(resources / "content")], cache,
                                   shipped_content_path(resources))

    assert not rebuilt
    assert meta(cache)["built_at"] == SHIPPED_MARK


def test_current_cache_is_kept_without_reading_the_shipped_file(content_copy, tmp_path):
    resources = shipped_resources(tmp_path, content_copy)
    sources = [ContentSource(resources / "content")]
    cache = tmp_path / "data" / "cache" / "content.sqlite"
    ensure_content_db(sources, cache)  # compiled here before the shipped file is damaged
    built_here = meta(cache)["built_at"]
    shipped_content_path(resources).write_bytes(b"not a database")

    assert ensure_content_db(sources, cache, shipped_content_path(resources)) == (cache, False)
    assert meta(cache)["built_at"] == built_here


def test_damaged_shipped_database_falls_back_to_compiling(content_copy, tmp_path):
    resources = shipped_resources(tmp_path, content_copy)
    shipped_content_path(resources).write_bytes(b"SQLite format 3\0" + b"\xff" * 2000)
    sources = [ContentSource(resources / "content")]
    cache = tmp_path / "data" / "cache" / "content.sqlite"

    _, rebuilt = ensure_content_db(sources, cache, shipped_content_path(resources))

    assert rebuilt and meta(cache)["content_hash"] == content_hash(sources)


def test_content_packs_are_compiled_as_before(content_copy, tmp_path):
    resources = shipped_resources(tmp_path, content_copy)
    sources = [ContentSource(resources / "content"), ContentSource(FIXTURE_PACK, "sample")]
    cache = tmp_path / "data" / "cache" / "content-pack.sqlite"

    _, rebuilt = ensure_content_db(sources, cache, shipped_content_path(resources))

    assert rebuilt
    assert meta(cache)["built_at"] != SHIPPED_MARK
    assert len(ContentDB(cache).packs()) == 2


def test_check_command_reports_missing_stale_and_current(content_copy, tmp_path, capsys):
    resources = tmp_path / "resources"
    shutil.copytree(content_copy, resources / "content")
    assert main(["--check", str(resources)]) == 1
    assert "missing" in capsys.readouterr().err

    assert main([str(resources)]) == 0
    assert shipped_content_path(resources).is_file()
    assert main(["--check", str(resources)]) == 0

    (resources / "content" / "glossary" / "new.toml").write_text("# new\n", encoding="utf-8")
    assert main(["--check", str(resources)]) == 1
    err = capsys.readouterr().err
    assert "stale" in err and "python -m db.shipped" in err


def test_invalid_content_builds_nothing(content_copy, tmp_path, capsys):
    resources = tmp_path / "resources"
    shutil.copytree(content_copy, resources / "content")
    (resources / "content" / "glossary" / "broken.toml").write_text(
        "[[term]]\nid = \"broken\"\n", encoding="utf-8")

    assert main([str(resources)]) == 1
    assert not shipped_content_path(resources).exists()
    assert "broken" in capsys.readouterr().err


def schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {(r[0], r[1]) for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    finally:
        conn.close()


def test_empty_user_database_is_what_the_migrations_make(tmp_path):
    template = build_empty_user_db(tmp_path / "resources" / "user-empty.sqlite")
    UserDB.open(tmp_path / "migrated.sqlite").close()

    assert schema(template) == schema(tmp_path / "migrated.sqlite")
    assert sorted(p.name for p in template.parent.iterdir()) == ["user-empty.sqlite"]
    conn = sqlite3.connect(template)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migration_names())
    conn.close()


def test_new_user_database_starts_from_the_empty_one(tmp_path):
    template = build_empty_user_db(empty_user_path(tmp_path / "resources"))
    path = tmp_path / "data" / "user.sqlite"

    assert install_empty_user_db(template, path)

    user = UserDB.open(path)
    assert user.report.migrated == [] and user.report.notices == []
    user.set_bookmark("term", "cereblon")
    assert user.bookmarks() == [("term", "cereblon")]
    user.close()
    # Never over an existing database: the person's progress stays.
    assert not install_empty_user_db(template, path)
    again = UserDB.open(path)
    assert again.bookmarks() == [("term", "cereblon")]
    again.close()


def test_empty_user_database_of_another_version_is_not_used(tmp_path):
    template = build_empty_user_db(tmp_path / "user-empty.sqlite")
    conn = sqlite3.connect(template)
    with conn:  # as if built before the newest migration was added
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (migration_names()[-1],))
        conn.execute(f"PRAGMA user_version = {len(migration_names()) - 1}")
    conn.close()
    path = tmp_path / "data" / "user.sqlite"

    assert not install_empty_user_db(template, path)
    assert not install_empty_user_db(None, path)
    assert not path.exists()
    user = UserDB.open(path)
    assert user.report.migrated == migration_names()
    user.close()


def test_an_unwritable_data_folder_is_left_to_the_usual_message(content_copy, tmp_path):
    import pytest

    from db.errors import KnownDbError

    resources = shipped_resources(tmp_path, content_copy)
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the data folder should be")

    assert not install_empty_user_db(empty_user_path(resources), blocked / "user.sqlite")
    sources = [ContentSource(resources / "content")]
    assert not install_shipped_content(shipped_content_path(resources), sources,
                                       blocked / "cache" / "content.sqlite")
    with pytest.raises(KnownDbError, match="cannot be created"):
        UserDB.open(blocked / "user.sqlite")
