"""The files of the content folder the browser editor's server may read and write: only
`.yml`, `.yaml` and `.md` files under the content folder, no hidden name, no symbolic link,
nothing outside; a write goes through a temporary file renamed over the target."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_gen.load import MAX_FILE_BYTES

SUFFIXES = (".yml", ".yaml", ".md")
"""The kinds of file the editor edits: fact files and hand-written pages."""


class Refused(Exception):
    """A request the server does not carry out: its HTTP status and the message it answers."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _editable(name: str, extension: str) -> bool:
    return name.endswith(extension) and name.endswith(SUFFIXES)


class ContentFiles:
    """The files of the content folder that the editor may read and write, by their paths as
    the API names them (relative to the project, `/`-separated)."""

    def __init__(self, root: Path, content: str) -> None:
        self.root = root
        self.content = content.strip("/")
        self.prefix = tuple(self.content.split("/"))

    def _refuse(self, rel: str, why: str) -> Refused:
        return Refused(
            403,
            f"refused: {rel!r} {why}: the editor reads and writes only .yml, .yaml and .md "
            f"files under {self.content}/",
        )

    def folder(self, rel: object) -> Path:
        """A folder under the content folder (or itself), checked as `file` checks a file."""
        return self._checked(rel, folder=True)

    def file(self, rel: object) -> Path:
        """The file at `rel`, if the editor may read or write it. Raises Refused."""
        return self._checked(rel, folder=False)

    def _checked(self, rel: object, *, folder: bool) -> Path:
        if not isinstance(rel, str) or not rel:
            raise Refused(422, "a path must be a non-empty string")
        if any(ord(c) < 32 or ord(c) == 127 for c in rel):
            raise self._refuse(rel, "holds a control character")
        if rel.startswith("/") or "\\" in rel:
            raise self._refuse(rel, "is not a relative path with / between names")
        parts = tuple(rel.split("/"))
        if any(part in ("", ".", "..") for part in parts):
            raise self._refuse(rel, "has an empty, '.' or '..' segment")
        inside = parts[: len(self.prefix)] == self.prefix
        if not inside or (len(parts) == len(self.prefix) and not folder):
            raise self._refuse(rel, f"is outside {self.content}/")
        if any(part.startswith(".") for part in parts):
            raise self._refuse(rel, "names a hidden file or folder")
        if not folder and not parts[-1].endswith(SUFFIXES):
            raise self._refuse(rel, "is not a .yml, .yaml or .md file")
        path = self.root
        for i, part in enumerate(parts):
            path = path / part
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break  # nor are the folders and file below it (a new file, a new folder)
            except OSError as e:
                raise self._refuse(rel, f"cannot be looked at ({e.strerror})") from None
            if stat.S_ISLNK(mode):
                raise self._refuse(rel, "passes through a symbolic link")
            last = i == len(parts) - 1
            if not (stat.S_ISREG(mode) if last and not folder else stat.S_ISDIR(mode)):
                raise self._refuse(rel, "is not a plain file or folder")
        return self.root.joinpath(*parts)

    def listed(self, folder: Path, extension: str, depth: int) -> Iterator[tuple[Path, str]]:
        """The editable files in `folder` and its folders down to `depth` levels, whose names
        end with `extension`, with their API paths; hidden names and links are skipped."""
        if depth <= 0 or not folder.is_dir():
            return
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
        for e in entries:
            if e.name.startswith(".") or e.is_symlink():
                continue
            if e.is_dir(follow_symlinks=False):
                yield from self.listed(Path(e.path), extension, depth - 1)
            elif e.is_file(follow_symlinks=False) and _editable(e.name, extension):
                path = Path(e.path)
                yield path, path.relative_to(self.root).as_posix()

    def entry(self, path: Path, rel: str, label: str | None = None) -> dict[str, Any]:
        """The entry of a checked file as decap-server answers it: the text and its SHA-256,
        or nulls when the file is missing or unreadable (over the size limit, not UTF-8)."""
        data, sha = None, None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with open(fd, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
            if len(raw) <= MAX_FILE_BYTES:
                data, sha = raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()
        except (OSError, UnicodeDecodeError):
            pass
        file: dict[str, Any] = {"path": rel, "id": sha}
        if label is not None:
            file = {"path": rel, "label": label, "id": sha}
        return {"data": data, "file": file}

    def write(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` through a temporary file in the same folder, renamed over it:
        the file is either the old one or the new one, never half of either."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            mode = 0o644
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with open(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temp, mode)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def delete(self, path: Path) -> None:
        path.unlink(missing_ok=True)
