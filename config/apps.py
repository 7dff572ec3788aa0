"""The admin as this project configures it (INSTALLED_APPS names it instead of
django.contrib.admin)."""

from django.contrib.admin import options
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.db import models

from dealers.bounded_json import BoundedJSONFormField


class AdminConfig(DjangoAdminConfig):
    def ready(self) -> None:
        # Every JSON field any admin edits (product settings, a claim's facts, and any added
        # later) reads its text bounded in size and depth: forms.JSONField let a few KB of
        # brackets raise RecursionError, a 500. The defaults every ModelAdmin and inline
        # starts from, set before autodiscover registers them.
        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.JSONField] = {
            "form_class": BoundedJSONFormField
        }
        super().ready()
