from django.core.management.base import BaseCommand, CommandError

from dealers.models import User
from dealers.services import api_token_issue


class Command(BaseCommand):
    help = "Print a new API key for a user (see API.md). The key is shown only this once."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as e:
            raise CommandError(f"No user called {username!r}.") from e
        if not user.is_active:
            raise CommandError(f"{username!r} is not active; activate the account first.")
        _, key = api_token_issue(user=user)
        self.stdout.write(key)
