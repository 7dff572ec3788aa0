"""Documents are made as new versions, never overwritten, with a checksum."""

import hashlib
import subprocess

import pytest

from documents.models import Document
from documents.services import document_generate
from tests.policies.selling import SMART, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def products(db):
    from policies.demo import load_policy_demo

    load_policy_demo()


@pytest.fixture
def policy(uk_dealer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover")
    return sell(deal, "smart-cover", SMART)


def test_making_a_document_again_adds_a_version(policy):
    first = document_generate(policy=policy, kind="schedule")
    second = document_generate(policy=policy, kind="schedule")
    assert (first.version, second.version) == (1, 2)
    assert Document.objects.filter(policy=policy).count() == 2
    data = first.file.read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == first.checksum


def test_the_schedule_names_the_policy(policy, tmp_path):
    document = document_generate(policy=policy, kind="schedule")
    text = subprocess.run(["pdftotext", document.file.path, "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert policy.number in text and "£238.80" in text
