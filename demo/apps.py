from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo book of business and `manage.py load_demo`: the top layer, since it drives
    every app below it through their services (docs/architecture.md)."""

    name = "demo"
    verbose_name = _("Demo data")
