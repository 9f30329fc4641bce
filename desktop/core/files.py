"""Writing the user's files: the whole file or the old one, never half, and a message about
the path the user chose when it cannot be done.

Every export goes through `atomic_target` (or `write_atomically`): the data is written to a
short-named temporary file beside the target, flushed to disk, and renamed over the target
only when all of it is there. So on a full disk, a killed process or any error the old file
is intact and no temporary is left (a temporary orphaned by a killed process is removed by
the next write into that folder). Before anything is written the target is checked: a
folder, a read-only file, a file that is not a regular file, an SQLite database (the user's
progress, or any other) and the app's own data files are refused with a `WriteError` that
names the user's path and says what to do. A new file gets the permissions any other program
would give it (the umask applies); a replaced file keeps its own.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_TEMP_PREFIX = ".imid-atlas-"
_TEMP_SUFFIX = ".tmp"
#: Data folders whose databases and managed sub-folders exports may never replace.
_GUARDED: set[Path] = set()
_MANAGED_FOLDERS = ("cache", "backups", "imports", "logs")


class WriteError(OSError):
    """A file could not be written. `message` names the user's path and says what to do;
    `reason` is the part after the path."""

    def __init__(self, path: Path | str, reason: str, code: int = 0):
        super().__init__(code, reason, str(path))
        self.path = Path(path)
        self.reason = reason
        self.message = f"Could not write {path}: {reason}"

    def __str__(self) -> str:
        return self.message


_REASONS = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EROFS: "the disk or folder is read-only; choose another folder",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "the system does not allow it; choose another folder",
    errno.ENAMETOOLONG: "the file name is too long; choose a shorter name",
    errno.EISDIR: "it is a folder; choose a file name inside it",
    errno.ENOENT: "the folder does not exist; choose an existing folder",
    errno.ENOTDIR: "part of the path is a file, not a folder; choose another place",
    errno.EIO: "the disk reported an input/output error; check the disk and try again",
    errno.EFBIG: "the file is larger than this disk or folder allows; choose another place",
    errno.ETXTBSY: "the file is in use by another program; close it and try again",
    errno.EBUSY: "the file is in use by another program; close it and try again",
    errno.EMFILE: "too many files are open; close some programs and try again",
}


def describe_os_error(exc: OSError) -> str:
    """What went wrong and what to do, in words for the user (no path in it)."""
    if isinstance(exc, WriteError):
        return exc.reason
    return _REASONS.get(exc.errno or 0) or f"{exc.strerror or exc}"


def guard_data_folder(data_dir: Path) -> None:
    """Refuse, from now on, any write over the databases in `data_dir` (and its cache,
    backups, imports and logs), whatever path leads there."""
    try:
        _GUARDED.add(Path(data_dir).resolve())
    except OSError:
        pass


def _guarded(real: Path) -> bool:
    for folder in _GUARDED:
        try:
            relative = real.relative_to(folder)
        except ValueError:
            continue
        parts = relative.parts
        if not parts:
            return True
        if parts[0] in _MANAGED_FOLDERS or (len(parts) == 1 and ".sqlite" in parts[0]):
            return True
    return False


def _is_database(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def check_target(path: Path | str, make_folder: bool = False) -> Path:
    """The real file a write to `path` would replace (a link is followed); raises
    `WriteError` when it must not be written (see the module)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(path, describe_os_error(exc), exc.errno or 0) from None
    except ValueError:  # a NUL in the name
        raise WriteError(path, "the file name cannot be used; choose another name") from None
    real = path.resolve() if path.is_symlink() else path
    try:
        resolved = real.resolve()
    except (OSError, RuntimeError):
        resolved = real
    if _guarded(resolved):
        raise WriteError(path, "it is part of IMiD Atlas's own data (your progress and its "
                         "databases); choose a file outside the data folder's databases",
                         errno.EPERM)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(path, _REASONS[errno.EISDIR], errno.EISDIR)
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(path, "it is not a regular file (a pipe or a device); choose a "
                             "file name", errno.EPERM)
        if not info.st_mode & 0o222:
            raise WriteError(path, "the file is read-only; make it writable or choose another "
                             "name", errno.EACCES)
        if _is_database(real):
            raise WriteError(path, "it is an SQLite database (perhaps your progress); an "
                             "export never replaces a database: choose another name",
                             errno.EPERM)
    folder = real.parent if str(real.parent) else Path(".")
    if not make_folder and not folder.is_dir():
        code = errno.ENOTDIR if folder.exists() else errno.ENOENT
        raise WriteError(path, _REASONS[code], code)
    return real


def _remove_orphans(folder: Path) -> None:
    """Temporary files left by a killed write in `folder` (their process is gone)."""
    try:
        entries = [e for e in os.scandir(folder)
                   if e.name.startswith(_TEMP_PREFIX) and e.name.endswith(_TEMP_SUFFIX)]
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(_TEMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            if time.time() - entry.stat(follow_symlinks=False).st_mtime > 5:
                os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_target(path: Path | str, make_folder: bool = False) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed over `path` only if the block
    succeeds. Raises `WriteError` (naming `path`) for any file-system failure, before or
    after the block; the old file is intact and no temporary is left behind."""
    user_path = Path(path)
    real = check_target(user_path, make_folder)
    folder = real.parent if str(real.parent) else Path(".")
    try:
        if make_folder:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(user_path, describe_os_error(exc), exc.errno or 0) from None
    _remove_orphans(folder)
    try:
        keep_mode = stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        keep_mode = None
    temporary = folder / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{_TEMP_SUFFIX}"
    try:
        # 0o666 through the umask: the permissions any program gives a new file.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.close(fd)
        if keep_mode is not None:
            os.chmod(temporary, keep_mode)
    except OSError as exc:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder refuses even that
        raise WriteError(user_path, describe_os_error(exc), exc.errno or 0) from None
    try:
        try:
            yield temporary
            _fsync(temporary)
            os.replace(temporary, real)
        except WriteError:
            raise
        except OSError as exc:
            raise WriteError(user_path, describe_os_error(exc), exc.errno or 0) from None
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def write_atomically(path: Path | str, data: str | bytes, encoding: str = "utf-8",
                     make_folder: bool = False) -> Path:
    """Write `data` (text or bytes) to `path` through `atomic_target`; returns `path`.

    A missing folder is an error unless `make_folder` is set.
    """
    with atomic_target(path, make_folder) as temporary:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            with temporary.open("w", encoding=encoding, newline="") as handle:
                handle.write(data)
    return Path(path)
