"""Reads a gettext catalog and lists its untranslated or fuzzy entries.

Used by the test that keeps the pt-BR translation complete; no dependency needed.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False


def parse_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None

    def flush():
        nonlocal current
        if current.msgid or current.msgstr:
            entries.append(current)
        current = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            current.fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        word, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            value = ast.literal_eval(rest)
            if word == "msgctxt":
                key = ("msgctxt", 0)
                current.msgctxt = ""
            elif word == "msgid":
                key = ("msgid", 0)
            elif word == "msgid_plural":
                key = ("plural", 0)
                current.plural = ""
            elif word.startswith("msgstr["):
                key = ("msgstr", int(word[7:-1]))
                current.msgstr[key[1]] = ""
            elif word == "msgstr":
                key = ("msgstr", 0)
                current.msgstr[0] = ""
        if key is None:
            continue
        name, index = key
        if name == "msgstr":
            current.msgstr[index] += value
        elif name == "msgid":
            current.msgid += value
        elif name == "plural":
            current.plural += value
        else:
            current.msgctxt += value
    flush()
    return entries


def problems(path: Path) -> list[str]:
    """Every entry that a pt-BR reader would see in English."""
    found = []
    for entry in parse_po(path):
        if entry.obsolete or entry.msgid == "":
            continue
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.msgstr or any(not v for v in entry.msgstr.values()):
            found.append(f"untranslated: {entry.msgid!r}")
    return found
