"""Files that appear whole or not at all: write a temporary file beside the target, then rename.

A full disk, a kill or an error mid-write leaves the previous file (or none) in place, never a
truncated one; the temporary file is removed on failure.
"""
from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

__all__ = ["atomic_path", "atomic_folder_files", "atomic_output", "is_stdout"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write; renamed onto `path` (after fsync) when the block succeeds."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the export is an ordinary file
    try:
        yield Path(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def atomic_folder_files(folder: Path) -> Iterator[Path]:
    """A temporary folder beside `folder`; each file written into it is renamed into `folder` once
    the block succeeds (each file whole; files of a failed run never replace the old ones)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        yield tmp
        for f in sorted(tmp.iterdir()):
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        for f in sorted(tmp.iterdir()):
            os.replace(f, folder / f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def is_stdout(path: Path | None) -> bool:
    """`-o -` (or no -o where standard output is the default) means standard output."""
    return path is None or str(path) == "-"


def user_file_mode() -> int:
    """The mode `open()` would give a new file: 0666 less the user's umask (mkstemp's is 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a file that appears only once it is complete, readable as the
    user's umask says (a page shared from a web folder must be readable by the server)."""
    if is_stdout(path):
        yield sys.stdout
        return
    from newsgraph.graph.errors import ExportError

    assert path is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:  # a read-only or missing place: one line, as `export` says it
        raise ExportError(f"{e.filename or path}: cannot write: {e.strerror or e}") from None
    try:
        os.fchmod(fd, user_file_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as e:
        os.unlink(tmp)
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO):
            # a full disk mid-write: one line, and the previous file stays
            raise ExportError(f"{path}: cannot write: {e.strerror or e}") from None
        raise
    except BaseException:
        os.unlink(tmp)
        raise
