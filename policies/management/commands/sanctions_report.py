from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from cms.exports import dataset
from cms.models import Organisation
from policies.reports import HEADERS, sanction_rows
from policies.sanctions import billing_summary, euros, sanctions, total


class Command(BaseCommand):
    help = (
        "Print every sanction the agreement's rules produce for the recorded data of a year "
        "(attendance, content cases, knowledge transfer), with the billing summary per partner "
        "and half-year."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="calendar year, e.g. 2026")
        parser.add_argument("--partner", help="a partner municipality's slug or name")
        parser.add_argument("--format", choices=("text", "csv"), default="text")

    def handle(self, *args, year, partner=None, format="text", **options):
        organisations = None
        if partner:
            found = Organisation.objects.municipalities().filter(
                Q(slug__iexact=partner) | Q(name__iexact=partner)
            )
            if not found.exists():
                raise CommandError(_("No partner municipality %(partner)r.") % {"partner": partner})
            organisations = found
        result = sanctions(year, organisations)
        if format == "csv":
            sheet = dataset(sanction_rows(result), HEADERS, "Sanctions")
            self.stdout.write(sheet.export("csv"), ending="")
            return
        self.write_text(year, result)

    def write_text(self, year, result):
        out = self.stdout
        out.write(
            _("Sanctions %(year)s: %(count)s, total %(total)s")
            % {"year": year, "count": len(result), "total": euros(total(result))}
        )
        for s in result:
            out.write(
                f"  {s.partner.name[:10]:<10} {s.kind_label[:18]:<18} {s.subject[:28]:<28} "
                f"{s.when:<10} {euros(s.amount):>8}  {s.reason}"
            )
        out.write(_("Billing summary (partner, billing period, sanctions, total):"))
        for line in billing_summary(result):
            out.write(
                f"  {line.partner.name[:10]:<10} {line.period:<10} {line.count:>3} "
                f"{euros(line.total):>8}"
            )
