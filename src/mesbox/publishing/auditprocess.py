"""The output audit of a build's pages in a program of its own, beside the build.

Auditing 2 000 pages costs about half a second of processor, all of it holding Python's
interpreter (regular expressions and byte operations do not let it go), so a thread would not
help; a program does: the pages go to it as MkDocs writes them, it audits them on the core MkDocs
leaves free (Pagefind's runs below it, see `pagefindindex`), and its findings come back once the
last page is written. It is a fresh interpreter started with the program's path (no `fork` of
MkDocs' process), running the same `audit_bytes` as everything else.

Messages on its input: a JSON line with what the audit allows (the theme's inline scripts as
patterns, the site's script paths, its base), then for each file an 8-byte header (lengths of its
path and of its bytes) followed by both; an empty header ends the list. On its output, one JSON
line: the findings, and the processor time the program used (the build reports it: this work is not
free, it is only done beside MkDocs').
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import threading
import time
from queue import SimpleQueue
from typing import IO

from mesbox.publishing.audit import Allowed, Finding, audit_bytes
from mesbox.publishing.csp import ThemeScripts

_HEADER = struct.Struct(">II")


class AuditFailed(RuntimeError):
    """The audit's program stopped before answering."""


class AuditProcess:
    """Audits files in another process: `add` never waits, `finish` returns every finding in the order added."""

    def __init__(self, allowed: Allowed) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mesbox.publishing.auditprocess"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self._process.stdin is not None
        self._outbox: SimpleQueue[tuple[bytes, bytes] | None] = SimpleQueue()
        self.seconds = 0.0  # the program's processor time, known after `finish`
        settings = {
            "theme": [[pattern.pattern, pattern.flags] for pattern in allowed.theme.patterns],
            "scripts": sorted(allowed.script_paths),
            "base": allowed.base,
        }
        self._writer = threading.Thread(
            target=self._write, args=(self._process.stdin, json.dumps(settings).encode() + b"\n"), name="mesbox-audit", daemon=True
        )
        self._writer.start()

    def add(self, data: bytes, rel: str) -> None:
        """Queue one file's bytes (`rel`: its path in the site) for the audit."""
        self._outbox.put((rel.encode("utf-8"), data))

    def finish(self) -> list[Finding]:
        """Every finding of the files added, once the program has read them all; it then stops."""
        assert self._process.stdout is not None
        self._outbox.put(None)
        answer = self._process.stdout.read()
        self._writer.join()
        if self._process.wait() != 0 or not answer:
            raise AuditFailed("le programme d'audit s'est arrêté sans répondre")
        said = json.loads(answer)
        self.seconds = said["seconds"]
        return [Finding(path, line, message) for path, line, message in said["findings"]]

    def close(self) -> None:
        """Stop the program without waiting for findings (the build failed)."""
        self._outbox.put(None)
        self._process.kill()
        self._process.wait()

    def _write(self, stream: IO[bytes], settings: bytes) -> None:
        try:
            stream.write(settings)
            while (item := self._outbox.get()) is not None:
                rel, data = item
                stream.write(_HEADER.pack(len(rel), len(data)))
                stream.write(rel)
                stream.write(data)
            stream.write(_HEADER.pack(0, 0))
            stream.close()
        except OSError:
            pass  # the program has stopped: `finish` says so


def _serve(source: IO[bytes], answer: IO[bytes]) -> None:
    """The program: audit each file read from `source`, then write the findings to `answer`."""
    settings = json.loads(source.readline())
    theme = ThemeScripts(tuple(re.compile(pattern, flags) for pattern, flags in settings["theme"]))
    allowed = Allowed(theme, frozenset(settings["scripts"]), settings["base"])
    findings: list[Finding] = []
    while True:
        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return  # the build stopped (an error, Ctrl-C): nobody waits for findings
        sizes = _HEADER.unpack(header)
        if sizes == (0, 0):
            break
        rel = source.read(sizes[0]).decode("utf-8")
        findings.extend(audit_bytes(source.read(sizes[1]), rel, allowed))
    said = {"findings": [[finding.path, finding.line, finding.message] for finding in findings], "seconds": time.process_time()}
    answer.write(json.dumps(said).encode("utf-8"))
    answer.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
