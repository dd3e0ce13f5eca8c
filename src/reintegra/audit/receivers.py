"""Sign-in, sign-out and failed sign-in attempts go to the audit trail as security entries."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from reintegra.audit.models import EventKind
from reintegra.audit.services import record


@receiver(user_logged_in, dispatch_uid="audit_logged_in")
def on_logged_in(sender, request, user, **kwargs):
    record(actor=user, action="auth.signed_in", obj=user, kind=EventKind.SECURITY)


@receiver(user_logged_out, dispatch_uid="audit_logged_out")
def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action="auth.signed_out", obj=user, kind=EventKind.SECURITY)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(
        actor=None,
        action="auth.sign_in_failed",
        kind=EventKind.SECURITY,
        actor_username=username,
        object_type="accounts.User",
        object_repr=username,
    )
