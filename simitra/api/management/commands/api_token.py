import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from simitra.accounts.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create a personal API token for a user and print its key (shown once; only its hash "
        "is kept). --replace revokes the user's other tokens first; --revoke only revokes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        parser.add_argument("--read-only", action="store_true", help="A token that only reads.")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SIMITRA_API_TOKEN_DEFAULT_DAYS,
            help="Days until it expires (at most SIMITRA_API_TOKEN_MAX_DAYS).",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Revoke the user's other tokens first."
        )
        parser.add_argument(
            "--revoke", "--delete", action="store_true", help="Revoke all the user's tokens."
        )

    def handle(self, *args, username, name, read_only, days, replace, revoke, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not 1 <= days <= settings.SIMITRA_API_TOKEN_MAX_DAYS:
            raise CommandError(f"--days must be 1 to {settings.SIMITRA_API_TOKEN_MAX_DAYS}.")
        if revoke or replace:
            revoked = sum(token.revoke(by=None) for token in user.api_tokens.active())
            if revoke:
                self.stdout.write(f"{revoked} token(s) revoked.")
                return
        _token, key = ApiToken.objects.issue(
            user=user,
            name=name,
            scope=ApiToken.Scope.READ if read_only else ApiToken.Scope.READ_WRITE,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        self.stdout.write(key)
