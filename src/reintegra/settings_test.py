"""Settings for the test suite: the normal settings in the ``test`` profile."""

import os
import tempfile

os.environ["REINTEGRA_ENV"] = "test"
# Files the tests write (uploads, exports) go to a fresh directory, never to ./var.
os.environ.setdefault("REINTEGRA_DATA_DIR", tempfile.mkdtemp(prefix="reintegra-test-"))

from reintegra.settings import *  # noqa: F403

# Fast hashing: the suite creates many users; production keeps Django's default hashers.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
