"""WSGI entry point for `reintegra serve` and any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")
application = get_wsgi_application()
