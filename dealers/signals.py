from django.db.models.signals import post_save
from django.dispatch import receiver

from .authentication import forget_tokens
from .models import ApiToken, User


@receiver(post_save, sender=ApiToken)
def forget_changed_token(sender, instance: ApiToken, **kwargs) -> None:
    forget_tokens()


@receiver(post_save, sender=User)
def forget_tokens_of_changed_user(sender, instance: User, **kwargs) -> None:
    # A deactivated user, a changed role or dealer: the next API call reads them afresh.
    forget_tokens()
