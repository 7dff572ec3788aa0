"""`python manage.py createsuperuser`, a Django developer's first command, makes a head
office administrator (issue 17: it ended in an IntegrityError on the role/scope
constraint, the default role being a sales executive without a dealer)."""

import pytest
from django.core.management import call_command

from dealers.models import Role, User

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_a_head_office_administrator(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Head-Office-2026")
    call_command(
        "createsuperuser", username="root", email="root@example.com", interactive=False,
        verbosity=0,
    )  # fmt: skip
    root = User.objects.get(username="root")
    assert (root.role, root.dealer, root.dealer_group) == (Role.HEAD_OFFICE, None, None)
    assert root.is_superuser and root.is_staff and root.check_password("Head-Office-2026")
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    assert client.get("/dashboards/").status_code == 200


def test_a_superuser_made_in_code_is_head_office_too():
    user = User.objects.create_superuser("ops", "ops@example.com", "Head-Office-2026")
    assert user.role == Role.HEAD_OFFICE and user.is_head_office
