"""A reverse proxy in front of the live server that can fail the way a real one does while the app servers
are down: answer 502/503/504 itself, drop the connection before forwarding (the server unreachable), or
forward the request and drop the connection instead of the answer (the answer lost on the way back).

Only writes (POST) fail; pages, scripts and the service worker's requests pass, as in a real outage where
the phone already holds the page. The browser sees a real server, so nothing depends on the browser's
request interception, which does not promise to see a page's requests while a service worker runs."""

from __future__ import annotations

import http.client
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te", "trailer"}
FAILURES = ("unreachable", "502", "503", "504", "answer_lost")


class OutageProxy:
    """`failure` is None (everything passes) or one of FAILURES; `log` lists what the proxy did."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "localhost", parts.port or 80)
        self.failure: str | None = None
        self.log: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://localhost:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> OutageProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: nothing to keep in step

            def log_message(self, format: str, *args: object) -> None:
                pass  # the proxy's own log is `proxy.log`

            def do_GET(self) -> None:
                self._forward(b"")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                failure = proxy.failure
                proxy.log.append(f"proxy: POST {self.path} ({failure or 'passed'})")
                if failure is None:
                    self._forward(body)
                elif failure == "unreachable":
                    self._drop()
                elif failure == "answer_lost":
                    self._forward(body, deliver=False)
                    self._drop()
                else:
                    self._answer(int(failure), f"{failure} from the proxy".encode(), "text/html")

            def _forward(self, body: bytes, deliver: bool = True) -> None:
                upstream = http.client.HTTPConnection(*proxy.upstream, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                content = answer.read()
                upstream.close()
                if not deliver:
                    return
                self.send_response(answer.status, answer.reason)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def _answer(self, status: int, content: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def _drop(self) -> None:
                """Reset the connection without an answer (SO_LINGER 0): the browser sees a network error."""
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

        return Handler
