"""Python identifiers and config keys made from the service's names: valid, unique within one
program, and the same on every export of an unchanged project (they are handed out in the
program's order, which is stable)."""

from __future__ import annotations

import keyword
import re
import unicodedata


def words(text: str) -> list[str]:
    """The ASCII words of ``text`` (accents dropped, other scripts and punctuation split on)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", ascii_text)  # nightlyExport -> nightly Export
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


class Names:
    """Hands out names, never the same one twice (``job_etl``, then ``job_etl_2``)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def _unique(self, base: str, joiner: str) -> str:
        name, n = base, 1
        while name in self._taken or keyword.iskeyword(name):
            n += 1
            name = f"{base}{joiner}{n}"
        self._taken.add(name)
        return name

    def variable(self, prefix: str, label: str) -> str:
        """``prefix`` and the words of ``label`` in snake_case (``job_nightly_export``)."""
        return self._unique("_".join([prefix, *words(label)]), "_")

    def config_key(self, *labels: str) -> str:
        """The words of ``labels`` in lowerCamelCase (``jobNightlyDbPassword``), as Pulumi
        config keys are usually written."""
        parts = [w for label in labels for w in words(label)] or ["secret"]
        return self._unique(parts[0] + "".join(w.capitalize() for w in parts[1:]), "")
