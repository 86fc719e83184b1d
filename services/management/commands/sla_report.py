from django.core.management.base import BaseCommand
from wagtail.models import WorkflowState

from services.pipeline import reviews, summary_by_municipality
from services.reports import open_rows


class Command(BaseCommand):
    help = "Print the pipeline SLA report: open reviews and closed-review figures per municipality."

    def handle(self, *args, **options):
        rows = open_rows(reviews())
        self.stdout.write(f"Open reviews: {len(rows)}, overdue: {sum(r['overdue'] for r in rows)}")
        for r in rows:
            flag = "OVERDUE" if r["overdue"] else ""
            self.stdout.write(
                f"  {r['waiting_days']:5.1f} / {r['target_days']:2d} d  {r['municipality']:<10} "
                f"{r['provider'][:32]:<32} {r['service'][:40]:<40} {flag}"
            )
        self.stdout.write("Closed reviews per municipality (count, median, p90, within target):")
        summary = summary_by_municipality(reviews(status=WorkflowState.STATUS_APPROVED))
        for name, s in summary.items():
            self.stdout.write(
                f"  {name:<10} {s.count:3d}  {s.median_days:5.1f} d  {s.p90_days:5.1f} d  "
                f"{s.within_target_share:4.0%}"
            )
