"""The identity package stands on its own: nothing in it imports Django."""

import subprocess
import sys
from pathlib import Path

import reintegra.identity

PACKAGE = Path(reintegra.identity.__file__).parent


def test_importing_every_identity_module_loads_no_django():
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import reintegra.identity.{m}\n" for m in modules)
        + "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(modules) >= 6
    engine = {"engine", "records", "keys", "registry", "candidates", "scoring", "explain"}
    assert engine | {"matcher"} <= set(modules)
