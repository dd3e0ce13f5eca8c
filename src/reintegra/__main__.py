"""The `reintegra` console script: every Django management command behind one name."""

import os
import secrets
import sys

OFFLINE_COMMANDS = frozenset({"match", "makemigrations", "compiletranslations", "makemessages"})


def main() -> None:
    # `demo` runs with the embedded defaults (a generated secret key, debug pages off, plain HTTP
    # on 127.0.0.1); every other command uses the environment's settings.
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        os.environ.setdefault("REINTEGRA_ENV", "demo")
    # Commands that sign nothing (matching files, checking or writing migrations, compiling the
    # catalogues) get a throwaway key when none is configured: production settings otherwise
    # refuse to start without one, and these run on build machines that have none.
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    if len(sys.argv) > 1 and sys.argv[1] == "match":
        # Files in, a file out: no database, so no need to set Django up (about a second).
        from reintegra.identity.command import main as match

        code = match(sys.argv[2:])
        if code is not None:
            sys.exit(code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
