from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy import leavers


class Command(BaseCommand):
    help = (
        "Daily: warn the accounts not used for USERS_INACTIVE_WARN_DAYS, close them after "
        "USERS_INACTIVE_DEACTIVATE_DAYS, anonymise them after USERS_INACTIVE_ANONYMISE_DAYS, "
        "and anonymise leavers' accounts USERS_DEACTIVATED_ANONYMISE_DAYS after they were "
        "closed (docs/privacy.md, 'Leavers and minimisation'). Safe to run repeatedly; "
        "prints the counts per step."
    )

    def handle(self, *args, **options):
        periods = leavers.Periods.from_settings()
        errors = periods.errors()
        if errors:
            raise CommandError("Check the settings: " + "; ".join(errors))
        report = leavers.run(timezone.now(), periods)
        self.stdout.write(f"Leavers: {report}")
