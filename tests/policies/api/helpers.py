"""Small helpers shared by the API tests: posting, and API.md's shapes for money and errors."""

import re

MONEY = re.compile(r"^\d+\.\d{2}$")


def post(client, name: str, body: dict):
    """POST a JSON body to a calculation endpoint of API.md."""
    return client.post(f"/api/v1/calculations/{name}", body, format="json")


def is_money(value) -> bool:
    """A string with two decimals, as money travels in API.md ("9000.00")."""
    return isinstance(value, str) and MONEY.match(value) is not None


def assert_bad_input(response, field: str) -> None:
    """400 in API.md's error shape, with at least one message under `field`."""
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    messages = errors[field]
    assert isinstance(messages, list) and messages, errors
    assert all(isinstance(m, str) and m for m in messages), errors
