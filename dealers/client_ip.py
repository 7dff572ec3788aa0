"""The address of the client, as the deployment's proxies report it.

Behind the TLS-terminating proxy the README prescribes, REMOTE_ADDR is the proxy's own
address for every request; the client's is the entry the proxy appended to its header
(X-Forwarded-For unless DJANGO_CLIENT_IP_HEADER says otherwise). Only the entries added by
the DJANGO_TRUSTED_PROXY_COUNT proxies we run are believed: anything further left was sent
by the client and could be anything. With no proxy (0, the default) the header is ignored."""

from ipaddress import ip_address

from django.conf import settings


def header_key(name: str) -> str:
    """The request.META key of a header named either way ("X-Real-IP", "HTTP_X_REAL_IP")."""
    key = name.upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def client_ip(request) -> str:
    """The client's address: the one the outermost trusted proxy saw, else REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get(header_key(settings.CLIENT_IP_HEADER), "")
               .split(",") if e.strip()]  # fmt: skip
    if len(entries) < count:  # not through every proxy we run: a direct or spoofed call
        return remote
    candidate = entries[-count]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
