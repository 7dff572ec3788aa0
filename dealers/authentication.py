"""`Authorization: Token <key>` for the API, against the hashed keys of ApiToken.

A token found is kept in the cache for a minute: looking it up (a query joining the user
and dealer, and building the objects) cost more than the calculations themselves
(bench/README.md). Revoking a token or deactivating its user deletes the cache entry; with
a shared cache (CACHE_URL=redis://...) that takes effect at once in every process, with
the default per-process cache within TOKEN_CACHE_SECONDS.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken

TOKEN_CACHE_SECONDS = 60
LAST_USED_EVERY_SECONDS = 60


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_cache_key(digest: str) -> str:
    return f"api-token:{digest}"


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):  # type: ignore[override]
        digest = token_digest(key)
        cache_key = token_cache_key(digest)
        token = cache.get(cache_key)
        if token is None:
            token = (
                ApiToken.objects.select_related("user", "user__dealer")
                .filter(key_hash=digest, revoked_at__isnull=True)
                .first()
            )
            if token is None:
                raise exceptions.AuthenticationFailed(_("Invalid token."))
            cache.set(cache_key, token, TOKEN_CACHE_SECONDS)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        self._record_use(token, cache_key)
        return token.user, token

    def _record_use(self, token: ApiToken, cache_key: str) -> None:
        # At most once a minute: an API under load should not write on every call.
        now = timezone.now()
        if (
            token.last_used_at
            and (now - token.last_used_at).total_seconds() < LAST_USED_EVERY_SECONDS
        ):
            return
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        cache.set(cache_key, token, TOKEN_CACHE_SECONDS)


def forget_tokens(*, user_id: int | None = None, token: ApiToken | None = None) -> None:
    """Drop cached tokens so a revocation or deactivation is seen on the next request."""
    hashes = (
        [token.key_hash]
        if token
        else ApiToken.objects.filter(user_id=user_id).values_list("key_hash", flat=True)
    )
    cache.delete_many([token_cache_key(h) for h in hashes])
