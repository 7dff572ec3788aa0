from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dealers"
    verbose_name = _("Dealers and customers")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
