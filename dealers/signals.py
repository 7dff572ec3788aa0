from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .authentication import forget_tokens
from .models import ApiToken, User


@receiver(post_save, sender=ApiToken)
def forget_changed_token(sender, instance: ApiToken, **kwargs) -> None:
    forget_tokens()


@receiver(post_save, sender=User)
def forget_tokens_of_changed_user(sender, instance: User, **kwargs) -> None:
    # A deactivated user, a changed role or dealer: the next API call reads them afresh.
    forget_tokens()


def _record_last_login(sender, request, user: User, **kwargs) -> None:
    """Django's own receiver saves the user, which would write a row to the audit trail
    at every login; the login time is not a change to the member of staff."""
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())


user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
user_logged_in.connect(_record_last_login, dispatch_uid="update_last_login")
