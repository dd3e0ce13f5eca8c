"""Settings for the test suite: the normal settings in the ``test`` profile."""

import atexit
import os
import shutil
import tempfile

os.environ["REINTEGRA_ENV"] = "test"
# Files the tests write (uploads, exports) go to a fresh directory, never to ./var.
if "REINTEGRA_DATA_DIR" not in os.environ:
    _data_dir = tempfile.mkdtemp(prefix="reintegra-test-")
    os.environ["REINTEGRA_DATA_DIR"] = _data_dir
    atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)

from reintegra.settings import *  # noqa: F403

# Fast hashing: the suite creates many users; production keeps Django's default hashers.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Messages asserted by the tests are the English source; the kk and ru catalogues are tested on
# their own (tests/web/test_translations.py) and in the browser.
LANGUAGE_CODE = "en"

# Background tasks run at once in the request that starts them; one test runs the database
# backend and its worker (tests/reports/test_jobs.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
