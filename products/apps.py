from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Products")

    def ready(self) -> None:
        from django.core import checks
        from django.core.signals import setting_changed

        from .checks import registry_complete
        from .registry import registry_reload

        checks.register(registry_complete)

        def reload(setting, **kwargs):  # a test that registers or drops a product
            if setting == "INSURANCE_PRODUCTS":
                registry_reload()

        setting_changed.connect(reload, weak=False, dispatch_uid="products_registry_reload")
