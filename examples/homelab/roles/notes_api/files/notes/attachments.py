"""Attachment files on disk, one file per attachments row (named by stored_name).

Files are written to a temporary name and renamed, so a crash never leaves a
half-written file under a name a row points to.
"""

import os
import tempfile


class AttachmentFiles:
    def __init__(self, directory):
        self.directory = directory

    def path(self, stored_name):
        if "/" in stored_name or stored_name.startswith("."):
            raise ValueError(f"bad stored name {stored_name!r}")
        return os.path.join(self.directory, stored_name)

    def write(self, stored_name, data):
        descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".upload-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path(stored_name))
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise

    def read(self, stored_name):
        with open(self.path(stored_name), "rb") as handle:
            return handle.read()

    def writable(self):
        """True when a file can really be created here (not only when the mode bits say so)."""
        try:
            with tempfile.NamedTemporaryFile(dir=self.directory, prefix=".healthz-"):
                return True
        except OSError:
            return False
