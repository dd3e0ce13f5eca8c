"""Materials for the demo: the three named in the sources, as the sources give them.

The prosecutor of Uralsk stated that a court recognised these as terrorist and banned them
(zakon.kz, 7 October 2021). The court, the decision number and its date are not given, so they
stay empty; no hash or address is invented either.
"""

from __future__ import annotations

from reintegra.core.models import Region
from reintegra.registry.models import BannedMaterial
from reintegra.registry.services import material_create

URALSK_MATERIALS = [
    "Said Buryatsky - Talbis. Part 1",
    "Said Buryatsky - Talbis. Iblis. 6",
    "Said Buryatsky - Talbis. Iblis. 12",
]
NOTE = (
    "Recognised as terrorist and banned in Kazakhstan by a court decision, according to the "
    "prosecutor of Uralsk (zakon.kz, 07.10.2021)."
)


def demo_materials_load() -> int:
    """Add the materials not yet in the register; returns how many were added."""
    region = Region.objects.filter(code="KZ-27").first()  # West Kazakhstan (Uralsk)
    added = 0
    for title in URALSK_MATERIALS:
        if BannedMaterial.objects.filter(title=title).exists():
            continue
        material_create(actor=None, title=title, kind="video", region=region, notes=NOTE)
        added += 1
    return added
