from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print a user's API token, creating it if needed (--replace makes a new one)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--replace", action="store_true", help="Replace an existing token.")
        parser.add_argument("--delete", action="store_true", help="Delete the token.")

    def handle(self, *args, username, replace, delete, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if delete:
            deleted, _ = Token.objects.filter(user=user).delete()
            self.stdout.write("Token deleted." if deleted else "There was no token.")
            return
        if replace:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
