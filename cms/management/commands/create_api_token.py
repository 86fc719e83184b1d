from argparse import ArgumentTypeError
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.models import ApiToken, Membership

MAX_EXPIRY_DAYS = 3650  # ten years; a token for longer is "never" (the default)


def expiry_days(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_EXPIRY_DAYS:
        raise ArgumentTypeError(f"must be between 1 and {MAX_EXPIRY_DAYS} days")
    return number


class Command(BaseCommand):
    help = (
        "Issue a personal API token for a user and print its key (only the key, on stdout; "
        "it is shown this once). The token acts as the user on the GraphQL API."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="what the token is for")
        parser.add_argument(
            "--expires-days",
            type=expiry_days,
            default=None,
            help=f"days until the token expires, 1–{MAX_EXPIRY_DAYS} (default: never)",
        )

    def handle(self, *args, username, name, expires_days, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive.")
        if not Membership.objects.active().filter(user=user).exists():
            raise CommandError(
                f"User {username!r} has no active membership in an active organisation, "
                "so a token would not authenticate."
            )
        name = name.strip()
        if not name or len(name) > ApiToken._meta.get_field("name").max_length:
            raise CommandError("--name must be 1–100 characters.")
        expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
        _token, raw_key = ApiToken.issue(user, name, expires_at=expires_at)
        self.stdout.write(raw_key)
