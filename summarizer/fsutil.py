"""Writing files safely: atomically, only over regular files, and one writer per output.

* ``atomic_open``: a temporary file beside the target, renamed over it when complete, so
  readers and crashes never see half a file.
* ``check_output``: an output path is a regular file or nothing yet. A device, FIFO, symlink
  (even to a regular file: renaming over it would replace the link, not write through it) or
  directory there is refused (``OutputError``, exit 3), never replaced.
* ``lock_exclusive``: an ``fcntl`` lock on an open file (the batch journal) held for a whole
  run, so a second batch on the same output refuses at once (``BusyError``, exit 11) instead
  of interleaving with the first.
* ``remove_orphans``: temporary files a killed run left beside an output.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from summarizer.errors import BusyError, OutputError

__all__ = ["atomic_open", "check_output", "lock_exclusive", "remove_orphans"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def check_output(target: Path, shown: str | None = None) -> None:
    """Refuse an output path that holds anything but a regular file.

    Raises:
        OutputError: a directory, device, FIFO, socket or symlink is at ``target`` (exit 3).
    """
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as e:
        raise OutputError(f"cannot write {shown or target}: {e.strerror or e}") from None
    if stat.S_ISREG(st.st_mode):
        return
    kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
    hint = " (write to a regular file, or '-' for stdout)"
    if stat.S_ISLNK(st.st_mode):
        hint = " (symlinks are not followed nor replaced: give the real path)"
    raise OutputError(f"refusing to write {shown or target}: it is {kind}{hint}")


@contextmanager
def atomic_open(target: Path, mode: str = "w", *, fsync: bool = False) -> Iterator[IO[Any]]:
    """Yield a temporary file beside ``target``; rename it over ``target`` when the block ends
    without error, delete it otherwise.

    Raises:
        OutputError: something other than a regular file is at ``target``.
        OSError: the folder cannot be written (callers map it to their own error).
    """
    check_output(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(target))  # mkstemp's 0600 would tighten a shared output
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        check_output(target)  # nothing may have appeared there while we wrote
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what ``open()`` would give (0666 less umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_orphans(target: Path) -> int:
    """Delete ``atomic_open`` temporaries of ``target`` left by a killed run; returns how many.

    Call only while holding the output's journal lock: another live run's temporary looks alike.
    """
    removed = 0
    try:
        names = os.listdir(target.parent)
    except OSError:
        return 0
    prefix = f".{target.name}."
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            path = target.parent / name
            try:
                if stat.S_ISREG(os.lstat(path).st_mode):
                    path.unlink()
                    removed += 1
            except OSError:
                continue
    return removed


def lock_exclusive(fd: int, what: str) -> None:
    """Take an exclusive ``flock`` on ``fd`` or refuse at once; the kernel drops it when the
    descriptor closes or the process dies, so a killed run never blocks the next one.

    Raises:
        BusyError: another process holds it (exit 11).
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise
        raise BusyError(
            f"another batch is writing {what}: wait for it to finish, or use another -o"
        ) from None
