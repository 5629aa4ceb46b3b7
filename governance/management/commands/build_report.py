"""Build the progress report for a reporting period from the command line."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from governance import services
from governance.models import ReportingPeriod
from governance.pdf import render_pdf
from governance.reporting import report_data


class Command(BaseCommand):
    help = "Write a period's report as a PDF (a draft), or publish it with --publish-as USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("period", type=int, help="Reporting period id (see /governance/reports/ or the admin).")
        parser.add_argument("--output", "-o", type=Path, help="Where to write the PDF (default: report-<period>.pdf).")
        parser.add_argument("--publish-as", metavar="USERNAME", help="Publish (freeze) it as this programme manager.")
        parser.add_argument("--amendment-reason", default="", help="When publishing a correction: what it corrects.")

    def handle(self, *args, period, output, publish_as, amendment_reason, **options):
        try:
            reporting_period = ReportingPeriod.objects.select_related("board__partnership").get(pk=period)
        except ReportingPeriod.DoesNotExist:
            raise CommandError(f"There is no reporting period {period}.") from None
        output = output or Path(f"report-{period}.pdf")
        if publish_as:
            user = get_user_model().objects.filter(username=publish_as).first()
            if user is None:
                raise CommandError(f"No user {publish_as!r}.")
            report = services.report_for_period(period=reporting_period, save=True)
            published = services.report_publish(report=report, user=user, amendment_reason=amendment_reason)
            pdf, pages = bytes(published.pdf), published.page_count
            self.stdout.write(f"Published version {published.version}, sha256 {published.sha256}")
        else:
            report = services.report_for_period(period=reporting_period)
            pdf, pages = render_pdf(report_data(report), draft=True)
        output.write_bytes(pdf)
        self.stdout.write(f"Wrote {output} ({pages} pages, {len(pdf):,} bytes)")
