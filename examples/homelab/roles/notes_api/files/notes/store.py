"""The notes database: notes, tags, the links between them, and attachment rows.

A connection per request keeps the service honest about the database: after a
PostgreSQL restart or a restore (which drops and recreates the database) the
next request simply connects again, and /healthz reports what is true now.
"""

import psycopg2
import psycopg2.errors
import psycopg2.extras

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id         bigserial PRIMARY KEY,
    title      text NOT NULL UNIQUE,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tags (
    id   bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS note_tags (
    note_id bigint NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag_id  bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, tag_id)
);
CREATE TABLE IF NOT EXISTS attachments (
    id          bigserial PRIMARY KEY,
    note_id     bigint NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    filename    text NOT NULL,
    size        bigint NOT NULL,
    sha256      text NOT NULL,
    stored_name text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (note_id, filename)
);
"""


class Conflict(Exception):
    """The object already exists (a unique key): the API answers 409."""


class NotFound(Exception):
    """A referenced row does not exist: the API answers 404."""


class Store:
    def __init__(self, settings):
        self._settings = settings

    def connect(self):
        s = self._settings
        connection = psycopg2.connect(
            host=s.db_host, port=s.db_port, dbname=s.db_name, user=s.db_user,
            password=s.db_password, connect_timeout=5, application_name="notes",
        )
        connection.autocommit = False
        return connection

    def ping(self):
        """The database answers and holds this service's tables (the schema is ready)."""
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM notes")
                cursor.fetchone()
        finally:
            connection.close()

    def ensure_schema(self):
        self._run(lambda cursor: cursor.execute(SCHEMA))

    def _run(self, work):
        """Run work(cursor) in one transaction; unique violations become Conflict."""
        connection = self.connect()
        try:
            with connection:
                with connection.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cursor:
                    return work(cursor)
        except psycopg2.errors.UniqueViolation as error:
            raise Conflict(str(error).splitlines()[0]) from error
        except psycopg2.errors.ForeignKeyViolation as error:
            raise NotFound(str(error).splitlines()[0]) from error
        finally:
            connection.close()

    # --- notes -----------------------------------------------------------
    def list_notes(self):
        return self._run(lambda c: _all(c, "SELECT id, title, body FROM notes ORDER BY id"))

    def create_note(self, title, body, tag_names):
        def work(cursor):
            cursor.execute("INSERT INTO notes (title, body) VALUES (%s, %s) RETURNING id, title, body", (title, body))
            note = dict(cursor.fetchone())
            for name in tag_names:
                cursor.execute("SELECT id FROM tags WHERE name = %s", (name,))
                row = cursor.fetchone()
                if row is None:
                    raise NotFound(f"no tag named {name!r}")
                cursor.execute("INSERT INTO note_tags (note_id, tag_id) VALUES (%s, %s)", (note["id"], row["id"]))
            note["tags"] = list(tag_names)
            return note
        return self._run(work)

    # --- tags ------------------------------------------------------------
    def list_tags(self):
        return self._run(lambda c: _all(c, "SELECT id, name FROM tags ORDER BY id"))

    def create_tag(self, name):
        return self._run(lambda c: _one(c, "INSERT INTO tags (name) VALUES (%s) RETURNING id, name", (name,)))

    # --- links -----------------------------------------------------------
    def list_note_tags(self):
        return self._run(lambda c: _all(c, "SELECT note_id, tag_id FROM note_tags ORDER BY note_id, tag_id"))

    def link(self, note_id, tag_id):
        return self._run(lambda c: _one(
            c, "INSERT INTO note_tags (note_id, tag_id) VALUES (%s, %s) RETURNING note_id, tag_id", (note_id, tag_id)))

    # --- attachments ---------------------------------------------------------
    def list_attachments(self):
        return self._run(lambda c: _all(
            c, "SELECT id, note_id, filename, size, sha256 FROM attachments ORDER BY id"))

    def attachment(self, attachment_id):
        row = self._run(lambda c: _one(
            c, "SELECT id, note_id, filename, size, sha256, stored_name FROM attachments WHERE id = %s", (attachment_id,)))
        if row is None:
            raise NotFound(f"no attachment {attachment_id}")
        return row

    def add_attachment(self, note_id, filename, size, sha256, store_file):
        """Insert the row, then store_file(stored_name) inside the same transaction:
        a failed write leaves no row, and a failed insert leaves no file."""
        def work(cursor):
            cursor.execute("SELECT id FROM notes WHERE id = %s", (note_id,))
            if cursor.fetchone() is None:
                raise NotFound(f"no note {note_id}")
            cursor.execute("SELECT nextval(pg_get_serial_sequence('attachments', 'id')) AS id")
            attachment_id = cursor.fetchone()["id"]
            stored_name = f"{attachment_id:08d}-{sha256[:16]}.bin"
            cursor.execute(
                "INSERT INTO attachments (id, note_id, filename, size, sha256, stored_name) VALUES (%s, %s, %s, %s, %s, %s)",
                (attachment_id, note_id, filename, size, sha256, stored_name))
            store_file(stored_name)
            return {"id": attachment_id, "note_id": note_id, "filename": filename, "size": size, "sha256": sha256}
        return self._run(work)


def _all(cursor, sql, args=()):
    cursor.execute(sql, args)
    return [dict(row) for row in cursor.fetchall()]


def _one(cursor, sql, args=()):
    cursor.execute(sql, args)
    row = cursor.fetchone()
    return None if row is None else dict(row)
