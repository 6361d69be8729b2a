"""Where uploaded files live: a small interface with a local-folder implementation.

Several app servers need a shared store; anything with `put`, `get`, `delete` and
`exists` (an object store, a network folder) can replace `LocalStorage` without touching
the code that stores photos.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[a-z0-9]{2}/[A-Za-z0-9_-]{16,64}\.[a-z]{3,4}$")


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...


def new_key(extension: str) -> str:
    """A generated, unguessable name; never derived from what the uploader sent."""
    token = secrets.token_urlsafe(24)
    return f"{token[:2].lower().replace('-', '0').replace('_', '0')}/{token}.{extension}"


class LocalStorage:
    """Files in a folder on this server (outside static/, so never served directly)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # readers never see half a file

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()
