"""Web addresses, normalised so that one resource written in different ways compares equal.

``https://WWW.Example.com/Channel/`` and ``example.com/channel`` are the same address: the scheme,
a leading ``www.``, the default port, a trailing slash, the fragment and letter case are folded;
an internationalised host name is written in punycode (``пример.рф`` -> ``xn--e1afmkfd.xn--p1ai``).
The query string is kept (``watch?v=...`` names one video).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class Address:
    host: str
    path: str  # "" or "/a/b" (with "?query" when there is one), lower case, no trailing slash

    def __str__(self) -> str:
        return self.host + self.path

    def covers(self, other: Address) -> bool:
        """Whether ``other`` is this address or lies under it (same host, path prefix)."""
        if self.host != other.host:
            return False
        if not self.path:
            return True
        if other.path == self.path:
            return True
        if "?" in self.path:  # one item of a page (watch?v=...): that item and its variants
            return other.path.startswith(self.path + "&")
        return other.path.startswith((self.path + "/", self.path + "?"))


def _ascii_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise ValidationError(_("This is not a valid host name.")) from exc
    if ascii_host.startswith("www."):
        ascii_host = ascii_host[4:]
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        raise ValidationError(_("This is not a valid host name."))
    return ascii_host


def normalise_address(text: str) -> Address:
    """Parse a URL or a bare host (with or without a path); ValidationError when it is none."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(_("Enter a web address."))
    if not _SCHEME.match(value):
        value = "http://" + value.lstrip("/")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise ValidationError(_("This is not a valid web address.")) from exc
    if not host:
        raise ValidationError(_("This is not a valid web address."))
    path = unquote(parts.path).rstrip("/").casefold()
    query = unquote(parts.query).casefold()
    if query:
        path = f"{path}?{query}"
    return Address(host=_ascii_host(host), path=path)
