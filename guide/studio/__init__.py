"""`guide studio`: make an edition in a local web page, with a live preview, without writing YAML.

The server (`app.py`) binds 127.0.0.1 only, checks a per-run token and the Host and Origin of every request,
and serves every file the page needs from the package (nothing from the network). The work — building the
preview in memory, rendering page images, saving the edition file — is in `session.py`.
"""
from __future__ import annotations

import secrets
import socket
import webbrowser
from pathlib import Path


def listening_socket(port: int | None) -> socket.socket:
    """A socket on 127.0.0.1, listening before the address is printed (a free port unless `port`)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port or 0))
    except OSError:
        sock.close()
        raise                        # `guide studio` says: is the port in use?
    sock.listen(64)
    return sock


def serve(content: Path, why: str, edition: str | None, port: int | None, open_browser: bool, echo) -> None:
    """Run the studio until Ctrl-C (or SIGTERM); prints its URL first, once the server can answer it."""
    import uvicorn

    from .app import create_app
    from .session import Studio

    sock = listening_socket(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    app = create_app(Studio(content, why), token, hosts, edition)
    url = f"http://127.0.0.1:{port}/?token={token}"
    echo(f"studio: {url}")
    echo("(it runs until you press Ctrl-C; only this computer can open it)")
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])   # on Ctrl-C uvicorn finishes the requests under way, then raises it again
    except KeyboardInterrupt:        # Ctrl-C is how the studio is meant to stop: no traceback, no "Aborted!"
        pass
    finally:
        sock.close()
