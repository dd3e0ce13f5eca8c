"""The append-only audit trail.

Each entry carries the hash of the one before it, so an entry changed, removed or moved directly
in the database breaks the chain and ``reintegra audit verify`` names it. The ORM refuses to
update or delete an entry; ``ChainHead`` remembers the last entry so that removing the newest
entries is detected too.
"""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry through the ORM."""


class EventKind(models.TextChoices):
    CHANGE = "change", _("Change")
    ACCESS = "access", _("View of a personal record")
    SECURITY = "security", _("Sign-in and security")


class EventQuerySet(RestrictedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit entries cannot be updated")

    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError("audit entries are appended one by one, by audit.services")


class Event(models.Model):
    seq = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    at = models.DateTimeField(_("time"), db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(_("actor's login"), max_length=150, blank=True)
    actor_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("actor's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    def canonical_content(self) -> str:
        """The entry's content as hashed: every field but the hash itself, in a fixed form."""
        content = {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "action": self.action,
            "actor": self.actor_id,
            "actor_username": self.actor_username,
            "actor_organisation": self.actor_organisation_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            # Round-trip through JSON so the value hashes the same before and after storage.
            "changes": json.loads(json.dumps(self.changes, cls=DjangoJSONEncoder)),
            "reason": self.reason,
            "ip_address": self.ip_address,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical_content().encode("utf-8")).hexdigest()


class ChainHead(models.Model):
    """One row: the number and hash of the newest entry. Locked while an entry is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash}"
