"""Entry point of the notes service: /usr/bin/python3 /opt/notes/notesd.py --config /etc/notes/notes.conf

Started as root by /etc/init.d/notes. It binds port 443 and loads the TLS key
(readable by root only) first, then drops to the `notes` user for good before
it serves a single request: the running service can neither read its private
key again nor write outside what `notes` owns.
"""

import argparse
import os
import pwd
import ssl
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from api import make_handler
from attachments import AttachmentFiles
from config import load_settings
from store import Store


class TlsServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, context):
        self.context = context
        super().__init__(address, handler)

    def get_request(self):
        # The handshake happens in the request's own thread (first read), so one slow
        # client cannot hold up accept().
        connection, address = self.socket.accept()
        return self.context.wrap_socket(connection, server_side=True, do_handshake_on_connect=False), address


def drop_privileges(user_name):
    """Become user_name (and its primary group, no supplementary groups) for good."""
    if os.getuid() != 0:
        return
    user = pwd.getpwnam(user_name)
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    os.environ["HOME"] = user.pw_dir
    if os.getuid() == 0 or os.geteuid() == 0:
        raise SystemExit("notes: could not drop root privileges")


def main(argv):
    parser = argparse.ArgumentParser(description="The notes HTTPS service")
    parser.add_argument("--config", default="/etc/notes/notes.conf")
    args = parser.parse_args(argv)
    settings = load_settings(args.config)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(settings.certificate, settings.private_key)

    store = Store(settings)
    files = AttachmentFiles(settings.attachments_dir)
    handler = make_handler(store, files, settings.max_upload_bytes)
    server = TlsServer((settings.bind, settings.port), handler, context)
    drop_privileges(settings.run_as_user)

    # The tables are created by the service (as the database's owner) once the database
    # answers; until then /healthz says why it is unhealthy.
    def prepare_schema():
        while True:
            try:
                store.ensure_schema()
                print("notes: schema ready", flush=True)
                return
            except Exception as error:
                print(f"notes: database not ready ({str(error).strip() or type(error).__name__}); retrying", flush=True)
                time.sleep(2)

    threading.Thread(target=prepare_schema, daemon=True).start()
    print(f"notes: serving https://{settings.bind}:{settings.port} as {pwd.getpwuid(os.getuid()).pw_name}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
