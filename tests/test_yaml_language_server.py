"""The editor's view: the real yaml-language-server (npm, tests/lsp) reads edition files through the schema
line they start with, over its stdio protocol, and reports what a teacher's editor would underline."""
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CONTENT, ROOT, missing, require_program
from test_edition_trust import readme_edition

SERVER = ROOT / "tests" / "lsp" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"

pytestmark = pytest.mark.slow


def need_server():
    node = require_program("node")
    if not SERVER.is_file():
        missing("yaml-language-server is not installed (run 'npm ci' in tests/lsp)")
    return node


class Client:
    """A minimal Language Server Protocol client: JSON-RPC messages with Content-Length headers."""

    def __init__(self, node: str):
        self.proc = subprocess.Popen([node, str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                k, _, v = line.partition(":")
                headers[k.lower()] = v.strip()
            self.inbox.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, message: dict):
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def messages(self, deadline: float):
        """Messages until the deadline; requests from the server are answered on the way."""
        while time.monotonic() < deadline:
            try:
                msg = self.inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            if "method" in msg and "id" in msg:          # the server asks us something (configuration…)
                result = [{"validate": True, "schemaStore": {"enable": False}}] * \
                    len(msg.get("params", {}).get("items", [])) if msg["method"] == "workspace/configuration" else None
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
                continue
            yield msg

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def diagnostics_for(documents: dict[Path, str], bad: Path) -> dict[str, list]:
    """Open the documents; wait until the bad one is flagged (so the schema was read), then return the last
    diagnostics published for each."""
    node = need_server()
    client = Client(node)
    try:
        root = CONTENT.parent.as_uri()
        init = client.request("initialize", {"processId": os.getpid(), "rootUri": root, "capabilities": {
            "workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}}})
        deadline = time.monotonic() + 120
        for msg in client.messages(deadline):
            if msg.get("id") == init:
                break
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration",
                      {"settings": {"yaml": {"validate": True, "schemaStore": {"enable": False}}}})
        for path, text in documents.items():
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}})
        latest: dict[str, list] = {}
        for msg in client.messages(deadline):
            if msg.get("method") == "textDocument/publishDiagnostics":
                latest[msg["params"]["uri"]] = msg["params"]["diagnostics"]
                if latest.get(bad.as_uri()) and len(latest) == len(documents):
                    break
        return latest
    finally:
        client.close()


def test_the_readme_example_and_new_edition_files_are_clean_in_the_language_server(tmp_path):
    from guide.cli import main

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    editions = content / "editions"
    readme = editions / "readme.yaml"
    readme.write_text(readme_edition(), encoding="utf-8")
    result = CliRunner().invoke(main, ["--content", str(content), "new-edition", "fresh", "--level", "middle"])
    assert result.exit_code == 0, result.output
    fresh = editions / "fresh.yaml"
    bad = editions / "bad.yaml"
    bad_text = readme_edition().replace("theme: large-print", "theme: fancy").replace(
        "two_sided: false", "two_sided: maybe")
    docs = {readme: readme.read_text(encoding="utf-8"), fresh: fresh.read_text(encoding="utf-8"), bad: bad_text}
    found = diagnostics_for(docs, bad)
    messages = {Path(uri[len("file://"):]).name: [d["message"] for d in ds] for uri, ds in found.items()}
    assert messages["readme.yaml"] == [] and messages["fresh.yaml"] == []
    assert len(messages["bad.yaml"]) >= 2, messages      # the test can fail: wrong values are flagged
    assert any("Valid values" in m and "large-print" in m for m in messages["bad.yaml"]), messages
    assert any("boolean" in m for m in messages["bad.yaml"]), messages
