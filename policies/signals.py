from django.db.models.signals import post_delete, post_save

from .models import Fee, Product, ProductSetting, RateCard, RateCardEntry, TaxRate
from .selectors import config_cache_clear


def _clear(sender, **kwargs) -> None:
    config_cache_clear()


for model in (Product, ProductSetting, RateCard, RateCardEntry, TaxRate, Fee):
    post_save.connect(_clear, sender=model, dispatch_uid=f"config-{model.__name__}-save")
    post_delete.connect(_clear, sender=model, dispatch_uid=f"config-{model.__name__}-delete")
