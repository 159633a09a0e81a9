"""The notes service's settings, read from /etc/notes/notes.conf (INI).

One file holds everything the service needs (listen address, TLS files, the
database and the attachments folder) so the Ansible role writes exactly one
template and a restore of /etc/notes brings the whole configuration back.
"""

import configparser
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    bind: str
    port: int
    run_as_user: str
    certificate: str
    private_key: str
    db_host: str
    db_port: int
    db_name: str
    db_user: str
    db_password: str
    attachments_dir: str
    max_upload_bytes: int


def load_settings(path):
    parser = configparser.ConfigParser(interpolation=None)
    with open(path, encoding="utf-8") as handle:
        parser.read_file(handle)
    server, tls, db, storage = (parser[name] for name in ("server", "tls", "database", "storage"))
    return Settings(
        bind=server.get("bind", "0.0.0.0"),
        port=server.getint("port", 443),
        run_as_user=server.get("user", "notes"),
        certificate=tls["certificate"],
        private_key=tls["private_key"],
        db_host=db.get("host", "127.0.0.1"),
        db_port=db.getint("port", 5432),
        db_name=db["name"],
        db_user=db["user"],
        db_password=db["password"],
        attachments_dir=storage["attachments_dir"],
        max_upload_bytes=storage.getint("max_upload_bytes", 16 * 1024 * 1024),
    )
