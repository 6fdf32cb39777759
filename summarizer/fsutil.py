"""One way to write a file so that readers and crashes never see half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_open"]


@contextmanager
def atomic_open(target: Path, mode: str = "w", *, fsync: bool = False) -> Iterator[IO[Any]]:
    """Yield a temporary file beside ``target``; rename it over ``target`` when the block ends
    without error, delete it otherwise.

    Raises:
        OSError: the folder cannot be written (callers map it to their own error).
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
