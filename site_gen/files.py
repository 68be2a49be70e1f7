"""Reading a file of content/ so that no file can stall or flood the reader: only a regular
file is opened, never through a link, never blocking, and never more than a cap is read.

A FIFO blocks `open()` until a writer comes, `/dev/zero` never ends, and the walk that finds
files (`load.content_links`) may be minutes old when the preview opens one again to show a
problem's line: so each read checks the file itself, before opening it and after.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from site_gen.errors import Problem, display_path

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in plain words (`a named pipe`)."""
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


class FileError(Exception):
    """A file that was not read, and why, in the editor's words; located at its first line."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    @property
    def problem(self) -> Problem:
        return Problem(display_path(self.path), 1, 1, self.message)


class TooLarge(FileError):
    """A file holding more than the cap: `size` is at least cap + 1 bytes."""

    def __init__(self, path: Path, size: int, cap: int) -> None:
        super().__init__(path, f"file is over {cap:,} bytes")
        self.size = size


def kind_message(path: Path, mode: int) -> str:
    """Why the file of content/ at `path`, of the kind `mode` (from `lstat`), is not read."""
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:  # pragma: no cover - it was a link a moment ago
            target = "?"
        return (
            f"symbolic link to '{target}': the content folder is published as it is, "
            "so it may hold only files and folders; put a copy of the file here instead"
        )
    return (
        f"not a regular file ({file_kind(mode)}): the content folder may hold only files and "
        "folders"
    )


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes (or fewer) of the regular file `path`, as `read_bounded` opens
    it; raises `FileError` as it does, never `TooLarge`."""
    return read_bounded(path, size, head=True)


def read_bounded(path: Path, cap: int, *, head: bool = False) -> bytes:
    """The bytes of the regular file `path`, at most `cap` of them. Raises `FileError` for a
    link, a pipe, a device (none is opened for reading), or a file that cannot be read, and
    `TooLarge` when it holds more than `cap` bytes, whatever its size said a moment before."""
    try:
        st = os.lstat(path)
    except OSError as e:
        raise FileError(path, f"cannot read the file: {e.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileError(path, kind_message(path, st.st_mode))
    # Swapped for a link or a pipe since: O_NOFOLLOW fails on the link, O_NONBLOCK opens the
    # pipe without waiting for a writer, and fstat below refuses it.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if os.path.islink(path):
            raise FileError(path, kind_message(path, stat.S_IFLNK)) from None
        raise FileError(path, f"cannot read the file: {e.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileError(path, kind_message(path, st.st_mode))
        try:
            data = f.read(cap + 1)  # a file growing meanwhile still stops here
            if len(data) > cap and head:
                return data[:cap]
            if len(data) > cap:
                raise TooLarge(path, max(os.fstat(fd).st_size, len(data)), cap)
        except OSError as e:
            raise FileError(path, f"cannot read the file: {e.strerror}") from None
    return data
