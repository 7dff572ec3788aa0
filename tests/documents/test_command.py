"""`manage.py policy_documents`: a policy's current documents written to a folder."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from documents.models import Document
from documents.services import document_generate

from .conftest import cancelled, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def run(*args) -> list[str]:
    out = StringIO()
    call_command("policy_documents", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_makes_the_documents_a_motor_policy_is_issued_with_and_writes_them(tmp_path):
    policy = sold("motor-uk")
    lines = run(policy.number, "--out", str(tmp_path / "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"{policy.number}-{kind}-v1.pdf"
                     for kind in ("certificate", "important_information", "schedule",
                                  "statement_of_fact")]  # fmt: skip
    assert all(line.endswith("(new)") for line in lines)
    for document in Document.objects.filter(policy=policy):
        data = (tmp_path / "out" / f"{policy.number}-{document.kind}-v1.pdf").read_bytes()
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == document.checksum


def test_it_writes_the_latest_version_and_makes_only_what_is_missing(tmp_path):
    policy = sold("smart-cover")
    document_generate(policy=policy, kind="schedule")
    latest = document_generate(policy=policy, kind="schedule")
    policy = cancelled(policy)
    out = tmp_path / "out"
    lines = run(policy.number.lower(), "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == [
        f"{policy.number}-cancellation-v1.pdf", f"{policy.number}-schedule-v2.pdf"]  # fmt: skip
    assert (out / f"{policy.number}-schedule-v2.pdf").read_bytes() == latest.file.read()
    assert [line.endswith("(new)") for line in sorted(lines)] == [True, False]
    assert Document.objects.filter(policy=policy).count() == 3  # nothing made again


def test_the_renewal_invitation_is_made_once_it_is_due(tmp_path, monkeypatch):
    policy = sold("au-comprehensive")
    run(policy.number, "--out", str(tmp_path / "now"))
    assert [p.name for p in (tmp_path / "now").iterdir()] == [f"{policy.number}-schedule-v1.pdf"]
    near_the_end = policy.end_date - timedelta(days=20)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: near_the_end)
    run(policy.number, "--out", str(tmp_path / "later"))
    assert f"{policy.number}-renewal_invitation-v1.pdf" in {
        p.name for p in (tmp_path / "later").iterdir()}  # fmt: skip


def test_an_unknown_number_is_a_clear_error_and_writes_nothing(tmp_path):
    with pytest.raises(CommandError, match="There is no policy numbered 'LMI-999999'"):
        run("LMI-999999", "--out", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
