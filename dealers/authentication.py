"""`Authorization: Token <key>` for the API, against the hashed keys of ApiToken.

A token found is kept in this process for a minute: looking it up (a query joining the
user and dealer, and building the objects) cost more than the calculations themselves
(bench/README.md). Every entry carries the cache's token generation; revoking a token or
changing its user bumps the generation, so every process drops its entries when the
cache is shared (CACHE_URL=redis://...), and within TOKEN_CACHE_SECONDS with the default
per-process cache. A process reads the generation at most once every
GENERATION_CHECK_SECONDS: with Redis, reading it on every call was a network round trip
per request, longer than the calculation.
"""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken

TOKEN_CACHE_SECONDS = 60
LAST_USED_EVERY_SECONDS = 60
GENERATION_KEY = "api-tokens:generation"
GENERATION_CHECK_SECONDS = 1.0
_MAX_KEPT = 1000
_clock = time.monotonic

# the generation last read from the cache, and when (monotonic); -inf: read it next time
_generation = {"value": 0, "read_at": float("-inf")}

# digest -> (token, expires at (monotonic), generation it was read under)
_kept: dict[str, tuple[ApiToken, float, int]] = {}


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        # The well-formed header read straight from META (request.headers builds a dict of
        # every header); anything unusual goes to DRF for its error messages.
        parts = request.META.get("HTTP_AUTHORIZATION", "").split()
        if len(parts) == 2 and parts[0].lower() == "token" and parts[1].isascii():
            return self.authenticate_credentials(parts[1])
        return super().authenticate(request)

    def authenticate_credentials(self, key: str):  # type: ignore[override]
        digest = token_digest(key)
        now = _clock()
        generation = _current_generation(now)
        kept = _kept.get(digest)
        if kept and kept[2] == generation and kept[1] > now:
            token = kept[0]
        else:
            token = (
                ApiToken.objects.select_related("user", "user__dealer")
                .filter(key_hash=digest, revoked_at__isnull=True)
                .first()
            )
            if token is None:
                _kept.pop(digest, None)
                raise exceptions.AuthenticationFailed(_("Invalid token."))
            if len(_kept) >= _MAX_KEPT:
                _kept.clear()
            _kept[digest] = (token, now + TOKEN_CACHE_SECONDS, generation)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if now >= getattr(token, "_record_due", now):
            self._record_use(token, now)
        return token.user, token

    def _record_use(self, token: ApiToken, clock: float) -> None:
        # At most once a minute: an API under load should not write on every call.
        now = timezone.now()
        since = (now - token.last_used_at).total_seconds() if token.last_used_at else None
        if since is not None and 0 <= since < LAST_USED_EVERY_SECONDS:
            token._record_due = clock + LAST_USED_EVERY_SECONDS - since
            return
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        token._record_due = clock + LAST_USED_EVERY_SECONDS


def forget_tokens() -> None:
    """Drop every kept token, here and (with a shared cache) in every process, so a
    revocation or deactivation is seen on the next request."""
    _kept.clear()
    _generation["read_at"] = float("-inf")
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: a value no process can have kept
        cache.set(GENERATION_KEY, time.time_ns(), None)


def _current_generation(now: float) -> int:
    if now - _generation["read_at"] >= GENERATION_CHECK_SECONDS:
        _generation["value"] = cache.get(GENERATION_KEY, 0)
        _generation["read_at"] = now
    return _generation["value"]
