"""Write a policy's current documents to a folder:

    python manage.py policy_documents LMI-000123 --out /tmp/LMI-000123

The latest version of each kind the policy has, as stored (checked against its SHA-256).
Kinds due for the policy that were never made (documents.content.kinds_due) are made first.
"""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.services import documents_missing_generate, latest_documents
from policies.models import Policy


class Command(BaseCommand):
    help = "Write a policy's latest documents into a folder, making any that are due first."

    def add_arguments(self, parser):
        parser.add_argument("number", help="the policy number, e.g. LMI-000123")
        parser.add_argument("--out", required=True, type=Path, help="the folder to write to")

    def handle(self, *args, number: str, out: Path, **options):
        policy = (
            Policy.objects.select_related("product", "dealer", "customer", "vehicle")
            .filter(number__iexact=number.strip())
            .first()
        )
        if policy is None:
            raise CommandError(f"There is no policy numbered {number!r}.")
        made = documents_missing_generate(policy=policy)
        out.mkdir(parents=True, exist_ok=True)
        for document in latest_documents(policy):
            with document.file.open("rb") as f:
                data = f.read()
            if hashlib.sha256(data).hexdigest() != document.checksum:
                raise CommandError(f"{document} does not match its checksum: not written.")
            path = out / Path(document.file.name).name
            path.write_bytes(data)
            new = " (new)" if document in made else ""
            self.stdout.write(f"{path}{new}")
