import pytest

from tests.policies.conftest import products  # noqa: F401 - the demo products


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Documents made by a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _counts():
    """The link requests are counted in the cache: each test starts from none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
