from tests.policies.conftest import products  # noqa: F401 - the demo products
