from django.apps import AppConfig
from django.core import checks
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _

from .checks import registry_complete
from .registry import registry_reload


def _registry_reload_on_change(setting, **kwargs) -> None:
    """A test that registers or drops a product gets the registry it asked for."""
    if setting == "INSURANCE_PRODUCTS":
        registry_reload()


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Products")

    def ready(self) -> None:
        checks.register(registry_complete)
        setting_changed.connect(_registry_reload_on_change, dispatch_uid="products_registry_reload")
