from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms import outbox
from policies.notifications import RECENT_DAYS, send_named_person_warnings, send_policy_digest


class Command(BaseCommand):
    help = (
        "E-mail every active user with an active membership the policies published or changed "
        f"since their last digest (the first covers {RECENT_DAYS} days). Idempotent: run it "
        "daily or weekly; a digest already sent is not sent again. Also warns maintainers and "
        "the partners' main users of partners short of the agreement's named persons."
    )

    def handle(self, *args, **options):
        with outbox.batch() as queued:
            sent, quiet = send_policy_digest()
            warned = send_named_person_warnings()
        self.stdout.write(
            _("Policy digest: %(sent)s e-mails sent, %(quiet)s users with nothing new.")
            % {"sent": sent, "quiet": quiet}
        )
        self.stdout.write(
            _("Named persons: %(count)s warnings of partners falling short sent.")
            % {"count": warned}
        )
        if queued.report is not None:
            self.stdout.write(f"E-mail: {queued.report}")
