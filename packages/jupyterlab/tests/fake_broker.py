"""A stand-in broker for the server-extension tests.

It speaks just enough of the broker's contract (runtime file, bearer secret,
JSON answers, an SSE stream) to observe what the Jupyter proxy forwards —
which headers arrive, which routes get through — and it can be made to crash
on demand. The real broker is exercised by the browser tests.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = secrets.token_urlsafe(32)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        if self.headers.get("Authorization") != f"Bearer {SECRET}":
            self._send(401, {"error": "unauthorized", "message": "broker secret missing or wrong"})
            return
        if self.path == "/crash":
            os._exit(3)
        if self.path == "/v1/events":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            event = {"type": "sessions", "platform": "http://127.0.0.1:1"}
            self.wfile.write(f"event: sessions\ndata: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()
            threading.Event().wait(30)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        # Echo what arrived, minus the secret itself, so tests can inspect it.
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        self._send(200, {"method": self.command, "path": self.path, "headers": headers, "body": body, "pid": os.getpid()})

    do_GET = do_POST = do_DELETE = _handle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runtime-file", required=True)
    parser.add_argument("--exit-with-parent", action="store_true")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    info = {"url": f"http://127.0.0.1:{server.server_address[1]}", "secret": SECRET, "pid": os.getpid()}
    tmp = f"{args.runtime_file}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(info, handle)
    os.replace(tmp, args.runtime_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
