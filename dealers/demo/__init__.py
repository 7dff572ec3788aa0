"""Demo data for `manage.py load_demo`: the tables in data.py, the loader in loader.py."""

from .data import DEMO_PASSWORD, DemoLogin
from .loader import demo_is_loaded, demo_logins, load_demo

__all__ = ["DEMO_PASSWORD", "DemoLogin", "demo_is_loaded", "demo_logins", "load_demo"]
