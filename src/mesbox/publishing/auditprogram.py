"""The output audit of a full build, in a program of its own (`python -m mesbox.publishing.auditprogram`).

MkDocs writes each page to the site folder just after handing it to the plugins: the plugin names a
page to this program when the next one comes (it is on disk by then), and the program reads it and
audits it (`audit.audit_bytes`) on the core MkDocs leaves free, while MkDocs renders the next pages.
Told that the build is over, it audits the rest of the site folder (`audit.audit_site`, the pages it
read left out) and answers with every finding and the processor time it took. MkDocs' thread only
writes one short line per page. The program reads the files as MkDocs wrote them: what it audits is
what a reader gets.

Messages are lines of JSON on the program's input: the site folder and the theme's templates first (the
engine sends them as soon as it knows them, so the program starts and reads the theme while the engine
checks the repository), then the allowed scripts and base path, then `{"written": path}` for each file
and `{"folder": path}` for a folder written whole (the search index, once its program is done), then
`{"end": {"paths": […], "folders": […]}}` (what known sources wrote); the answer is one line of JSON on
its output.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from mesbox.publishing.audit import CHECKED, Allowed, Finding, Known, audit_bytes, audit_site, every_file
from mesbox.publishing.csp import ThemeScripts
from mesbox.publishing.programs import start_program


class AuditProgramError(RuntimeError):
    """The audit program could not start, stopped, or did not answer: the site is not audited."""


class AuditProgram:
    """The audit program of one build: `allow` gives it what the site may load, `written` names each file once
    it is on disk, `finish` returns the findings."""

    def __init__(self, site_dir: Path, template_dirs: Sequence[str]) -> None:
        try:
            self._process = start_program(__name__)
        except OSError as error:
            raise AuditProgramError(f"le programme d'audit ne démarre pas : {error}") from None
        self._broken = False
        self.seconds = 0.0  # the program's processor time, once finished
        self._send({"site": str(site_dir), "templates": list(template_dirs)})

    def allow(self, script_paths: Iterable[str], base: str) -> None:
        """The scripts the site may load and its base path, once every plugin has set them: then files come."""
        self._send({"scripts": sorted(script_paths), "base": base})

    def written(self, rel: str) -> None:
        """`rel` (a path in the site folder) is written: the program audits it now."""
        self._send({"written": rel})

    def written_folder(self, rel: str) -> None:
        """Every file under the folder `rel` of the site is written (the search index): the program audits them now."""
        self._send({"folder": rel})

    def finish(self, known: Known) -> list[Finding]:
        """The rest of the site folder audited, every finding; the program stops."""
        self._send({"end": {"paths": sorted(known.paths), "folders": list(known.folders)}})
        try:
            answer, _ = self._process.communicate()
        except OSError:
            answer = b""
        if self._broken or self._process.returncode != 0 or not answer:
            raise AuditProgramError(f"le programme d'audit s'est arrêté sans répondre (code {self._process.returncode})")
        data = json.loads(answer)
        self.seconds = float(data["seconds"])
        return [Finding(path, line, message) for path, line, message in data["findings"]]

    def close(self) -> None:
        """Stop the program (when the build fails before `finish`)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def _send(self, message: dict[str, Any]) -> None:
        stream = self._process.stdin
        if self._broken or stream is None:
            return
        try:
            stream.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
            stream.flush()
        except OSError:
            self._broken = True  # the program stopped: `finish` says so


def serve(lines: IO[bytes], out: IO[str]) -> None:
    """The program's work: audit each file named, then the rest of the site, and answer."""
    setup = json.loads(lines.readline())
    site, theme = Path(setup["site"]), ThemeScripts.from_templates(setup["templates"])
    scripts = json.loads(lines.readline())
    allowed = Allowed(theme, frozenset(scripts["scripts"]), scripts["base"])
    findings: list[Finding] = []
    audited: dict[str, int] = {}

    def audit_file(rel: str, path: Path) -> None:
        data = path.read_bytes()
        audited[rel] = len(data)  # the pass at the end reads it again only if its size changed
        findings.extend(audit_bytes(data, rel, allowed))

    for line in lines:
        message = json.loads(line)
        if "written" in message:
            try:
                audit_file(message["written"], site / message["written"])
            except FileNotFoundError:
                continue  # MkDocs writes no file for an empty page
        elif "folder" in message:
            prefix = message["folder"].strip("/") + "/"
            for rel, entry in every_file(site / prefix):
                if rel.lower().endswith(CHECKED):
                    audit_file(prefix + rel, Path(entry.path))
        elif "end" in message:
            known = Known(frozenset(message["end"]["paths"]), tuple(message["end"]["folders"]))
            findings.extend(audit_site(site, allowed, known, audited))
            answer = {"findings": [[f.path, f.line, f.message] for f in findings], "seconds": time.process_time()}
            out.write(json.dumps(answer, ensure_ascii=False))
            out.flush()
            return


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout)
