"""Creates whose outcome stayed unknown, remembered until the next run in this project directory.

When a Create's answer is lost and the lookup by identity cannot tell (the service stayed out of
reach), the object may exist. For kinds whose identity the service keeps unique (jobs, cluster
settings), the next create of it meets "already exists" and reconciles on its own. Projects and
folders may share a name, so the next run would make a second one; for them the identity is
written to ``.pulumi-emrflow/pending-creates.json`` under the provider's working directory (the
Pulumi project directory), and the next create of that identity looks for the object first.

The file holds resource kinds, regions and identities (project ids, names, parent folder ids):
nothing secret. It is removed once empty.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DIRECTORY = ".pulumi-emrflow"
FILENAME = "pending-creates.json"


class PendingCreates:
    """The journal of one provider process; ``root`` defaults to the working directory."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self._root = Path(root) if root is not None else None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return (self._root or Path.cwd()) / DIRECTORY / FILENAME

    def remember(self, kind: str, region: str | None, identity: Mapping[str, Any]) -> None:
        entry = {"kind": kind, "region": region or "", "identity": dict(identity)}
        with self._lock:
            entries = [e for e in self._read() if not _same(e, entry)]
            entries.append({**entry, "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
            self._write(entries)

    def is_pending(self, kind: str, region: str | None, identity: Mapping[str, Any]) -> bool:
        entry = {"kind": kind, "region": region or "", "identity": dict(identity)}
        with self._lock:
            return any(_same(e, entry) for e in self._read())

    def forget(self, kind: str, region: str | None, identity: Mapping[str, Any]) -> None:
        entry = {"kind": kind, "region": region or "", "identity": dict(identity)}
        with self._lock:
            entries = self._read()
            kept = [e for e in entries if not _same(e, entry)]
            if len(kept) != len(entries):
                self._write(kept)

    def _read(self) -> list[dict[str, Any]]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # no journal (the usual case), or one we cannot use: nothing pending
        entries = document.get("pending") if isinstance(document, dict) else None
        return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []

    def _write(self, entries: list[dict[str, Any]]) -> None:
        path = self.path
        if not entries:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # not empty: something else of ours is there
                path.parent.rmdir()
            return
        path.parent.mkdir(exist_ok=True)
        text = json.dumps({"pending": entries}, indent=1, sort_keys=True) + "\n"
        # Written whole and renamed into place: a crash leaves the old journal, never half a one.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pending-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)


def _same(entry: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return all(entry.get(key) == other[key] for key in ("kind", "region", "identity"))
