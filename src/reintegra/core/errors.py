"""Errors that services raise for the pages and the API to show."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class EditConflict(ValidationError):
    """Somebody else saved the record since this user opened it (optimistic locking)."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Someone else changed this record after you opened it. Your changes were not "
                "saved: reload the page to see the newer version, then make your change again."
            ),
            code="conflict",
        )
