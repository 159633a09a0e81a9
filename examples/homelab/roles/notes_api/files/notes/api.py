"""The HTTP API: /healthz and a small JSON API over notes, tags, links and attachments.

    GET  /healthz                         200 {"status": "ok", ...} or 503 {"status": "unhealthy", ...}
    GET  /api/notes                       [{id, title, body}]
    POST /api/notes                       {title, body, tags: [tag names]} -> 201 (409 when the title exists)
    GET  /api/tags | POST /api/tags       {name} -> 201 (409 when it exists)
    GET  /api/note_tags | POST /api/note_tags   {note_id, tag_id} -> 201 (409 when linked)
    GET  /api/attachments                 [{id, note_id, filename, size, sha256}]
    POST /api/notes/<id>/attachments?filename=<name>   raw bytes -> 201 (409 when the note has that file)
    GET  /api/attachments/<id>/content    the bytes
"""

import hashlib
import json
import re
import urllib.parse
from http.server import BaseHTTPRequestHandler

from store import Conflict, NotFound

FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def make_handler(store, files, max_upload_bytes):
    """A request handler class bound to this service's store and attachment folder."""

    class NotesHandler(BaseHTTPRequestHandler):
        server_version = "notes/1.0"
        protocol_version = "HTTP/1.1"
        # A client that stalls (mid TLS handshake or body) frees its thread after this.
        timeout = 30
        # The headers and the body leave in two writes: with Nagle's algorithm the body
        # waits for the client's delayed ACK of the headers, about 40 ms on every answer.
        disable_nagle_algorithm = True

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def _dispatch(self, method):
            self._body_read = False
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            try:
                for route_method, pattern, action in ROUTES:
                    match = re.fullmatch(pattern, url.path)
                    if match and route_method == method:
                        return action(self, query, *match.groups())
                if any(re.fullmatch(pattern, url.path) for _, pattern, _ in ROUTES):
                    raise ApiError(405, f"{method} is not allowed on {url.path}")
                raise ApiError(404, f"no such path {url.path}")
            except ApiError as error:
                self._json(error.status, {"error": str(error)})
            except Conflict as error:
                self._json(409, {"error": str(error)})
            except NotFound as error:
                self._json(404, {"error": str(error)})
            except Exception as error:  # a database that went away mid-request, a full disk...
                self.log_error("%s %s failed: %r", method, url.path, error)
                self._json(500, {"error": f"{type(error).__name__}: {str(error).strip()[:200]}"})

        # --- helpers -----------------------------------------------------------
        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > max_upload_bytes:
                raise ApiError(413, f"body larger than {max_upload_bytes} bytes")
            self._body_read = True
            return self.rfile.read(length) if length else b""

        def _json_body(self):
            try:
                value = json.loads(self._body() or b"null")
            except ValueError as error:
                raise ApiError(400, f"body is not JSON: {error}") from error
            if not isinstance(value, dict):
                raise ApiError(400, "body must be a JSON object")
            return value

        def _send(self, status, content_type, data):
            self.send_response(status)
            # A request refused before its body was read leaves that body on the wire: close
            # the connection, or a keep-alive client's next request would be read after it.
            if not self._body_read and int(self.headers.get("Content-Length") or 0) > 0:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _json(self, status, value):
            self._send(status, "application/json", json.dumps(value, default=str).encode() + b"\n")

        # --- routes --------------------------------------------------------------
        def healthz(self, _query):
            checks = {}
            try:
                store.ping()
                checks["database"] = "ok"
            except Exception as error:  # any failure to answer is "unhealthy", with the reason
                checks["database"] = f"error: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}"
            checks["attachments"] = "writable" if files.writable() else "not writable"
            healthy = checks["database"] == "ok" and checks["attachments"] == "writable"
            self._json(200 if healthy else 503, {"status": "ok" if healthy else "unhealthy", **checks})

        def list_notes(self, _query):
            self._json(200, store.list_notes())

        def create_note(self, _query):
            body = self._json_body()
            title, text, tags = body.get("title"), body.get("body", ""), body.get("tags", [])
            if not isinstance(title, str) or not title.strip():
                raise ApiError(400, "title is required")
            if not isinstance(text, str) or not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ApiError(400, "body must be a string and tags a list of tag names")
            self._json(201, store.create_note(title, text, tags))

        def list_tags(self, _query):
            self._json(200, store.list_tags())

        def create_tag(self, _query):
            name = self._json_body().get("name")
            if not isinstance(name, str) or not name.strip():
                raise ApiError(400, "name is required")
            self._json(201, store.create_tag(name))

        def list_note_tags(self, _query):
            self._json(200, store.list_note_tags())

        def create_note_tag(self, _query):
            body = self._json_body()
            note_id, tag_id = body.get("note_id"), body.get("tag_id")
            if not isinstance(note_id, int) or not isinstance(tag_id, int):
                raise ApiError(400, "note_id and tag_id must be integers")
            self._json(201, store.link(note_id, tag_id))

        def list_attachments(self, _query):
            self._json(200, store.list_attachments())

        def create_attachment(self, query, note_id):
            filename = (query.get("filename") or [""])[0]
            if not FILENAME.fullmatch(filename):
                raise ApiError(400, "filename= must be 1-128 letters, digits, '.', '_' or '-'")
            data = self._body()
            digest = hashlib.sha256(data).hexdigest()
            row = store.add_attachment(int(note_id), filename, len(data), digest,
                                       lambda stored_name: files.write(stored_name, data))
            self._json(201, row)

        def attachment_content(self, _query, attachment_id):
            row = store.attachment(int(attachment_id))
            try:
                data = files.read(row["stored_name"])
            except FileNotFoundError as error:
                raise ApiError(500, f"attachment {attachment_id}: file {row['stored_name']} is missing") from error
            self._send(200, "application/octet-stream", data)

    ROUTES = [
        ("GET", r"/healthz", NotesHandler.healthz),
        ("GET", r"/api/notes", NotesHandler.list_notes),
        ("POST", r"/api/notes", NotesHandler.create_note),
        ("GET", r"/api/tags", NotesHandler.list_tags),
        ("POST", r"/api/tags", NotesHandler.create_tag),
        ("GET", r"/api/note_tags", NotesHandler.list_note_tags),
        ("POST", r"/api/note_tags", NotesHandler.create_note_tag),
        ("GET", r"/api/attachments", NotesHandler.list_attachments),
        ("POST", r"/api/notes/([0-9]+)/attachments", NotesHandler.create_attachment),
        ("GET", r"/api/attachments/([0-9]+)/content", NotesHandler.attachment_content),
    ]
    return NotesHandler
