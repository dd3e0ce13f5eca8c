"""The request's network address, kept for the audit entries the request appends."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("reintegra_audit_ip", default=None)


def client_ip(request) -> str | None:
    # Behind a proxy, the proxy's address is what Django sees unless it is configured to trust
    # X-Forwarded-For; we record what the server saw and do not trust a header a client can set.
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
