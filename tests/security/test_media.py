"""Stored policy documents and claim files are served only through the logged-in, scoped
download views, in development too (issue 17): `make run` (DEBUG) served MEDIA_ROOT at
/media/<guessable path> to anyone."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import clear_url_caches, reverse

import config.urls
from dealers.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_under_make_run(settings):
    """The URLs as `make run` builds them: DEBUG on when config.urls is imported."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def stored(world, target="own"):
    records = world.records[target]
    return [records.document.file, records.claim_file.file]


def test_no_url_serves_the_media_root_under_make_run(as_under_make_run, client, world, as_role):
    for file in stored(world):
        assert Path(file.path).is_file()  # it is there: a 404 is not for want of a file
        url = settings.MEDIA_URL + file.name
        assert Client().get(url).status_code == 404  # anonymous
        as_role(Role.SALES_EXECUTIVE)  # nor to the very seller whose policy it is
        assert client.get(url).status_code == 404


def downloads(world, target):
    records = world.records[target]
    return [
        reverse("documents:document-download", args=[records.document.pk]),
        reverse("claims:claim-file", args=[records.claim_file.pk]),
    ]


def test_the_download_views_serve_the_files_to_their_dealer_under_make_run(
    as_under_make_run, client, world, as_role
):
    as_role(Role.SALES_EXECUTIVE)
    for url, file in zip(downloads(world, "own"), stored(world), strict=True):
        response = client.get(url)
        assert response.status_code == 200, url
        with file.open("rb") as f:
            assert b"".join(response.streaming_content) == f.read()


@pytest.mark.parametrize("target", ["same_group", "other_group"])
def test_the_download_views_are_scoped_to_the_dealer(as_under_make_run, client, world, as_role,
                                                     target):  # fmt: skip
    as_role(Role.SALES_EXECUTIVE)
    for url in downloads(world, target):
        assert client.get(url).status_code == 404, url


def test_the_download_views_ask_a_stranger_to_log_in(as_under_make_run, world):
    for url in downloads(world, "own"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
