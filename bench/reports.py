"""Scrutiny report PDF: time and peak memory for the seeded plan and for 500 actions with 5,000
updates, split into where the time goes (data, HTML, WeasyPrint layout, PDF writing)."""

import datetime
import io
import statistics
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, Outcome, ProgressUpdate, Status
from governance import services
from governance.models import Board, LeadRole, Organisation, ReportingPeriod
from governance.pdf import DRAFT_CSS, PRINT_CSS, _footer_css, report_html
from governance.reporting import report_data
from priorities.models import Partnership, Priority, Strategy


def _measure(report, runs: int):
    from weasyprint import CSS, HTML

    phases = {"data": [], "html": [], "layout": [], "write": [], "total": []}
    peak = 0
    pages = 0
    for run in range(runs + 1):
        # The last run measures peak memory: tracemalloc slows Python a lot, so it is not timed.
        tracing = run == runs
        if tracing:
            tracemalloc.start()
        t0 = time.perf_counter()
        data = report_data(report)
        t1 = time.perf_counter()
        html = report_html(data, draft=True)
        t2 = time.perf_counter()
        document = HTML(string=html).render(
            stylesheets=[CSS(filename=str(PRINT_CSS)), CSS(string=_footer_css(data)), CSS(string=DRAFT_CSS)]
        )
        t3 = time.perf_counter()
        document.write_pdf(io.BytesIO(), pdf_variant="pdf/ua-1", pdf_tags=True)
        t4 = time.perf_counter()
        pages = len(document.pages)
        if tracing:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            break
        for key, seconds in zip(phases, [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0], strict=True):
            phases[key].append(seconds * 1000)
    return {k: statistics.median(v) for k, v in phases.items()}, peak, pages


def _big_plan(actions: int, updates: int):
    partnership = Partnership.objects.create(name="Report bench partnership", area="Benchshire")
    strategy = Strategy.objects.create(
        partnership=partnership,
        title="Report bench strategy",
        slug="report-bench",
        first_year=2025,
        last_year=2027,
        status="current",
    )
    priorities = [Priority.objects.create(strategy=strategy, number=n, title=f"Priority {n}") for n in range(1, 5)]
    org = Organisation.objects.create(partnership=partnership, name="Bench council")
    lead = LeadRole.objects.create(organisation=org, title="Bench lead")
    board = Board.objects.create(partnership=partnership, name="Bench scrutiny committee")
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        board=board,
        title="Earlier",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=200),
    )
    period = ReportingPeriod.objects.create(
        board=board,
        title="Bench period",
        starts_on=today - datetime.timedelta(days=199),
        ends_on=today + datetime.timedelta(days=30),
    )
    outcomes = [
        Outcome.objects.create(strategy=strategy, number=n, statement=f"Bench outcome {n}") for n in range(1, 26)
    ]
    for i, outcome in enumerate(outcomes):
        outcome.priorities.add(priorities[i % 4])
    statuses = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.COMPLETE]
    created = Action.objects.bulk_create(
        [
            Action(
                outcome=outcomes[n % 25],
                number=n // 25 + 1,
                title=f"Bench action {n}",
                description="Generated.",
                due_text="Q4 2026/27",
                due_quarter="Q4 2026/27",
                status=statuses[n % 5],
            )
            for n in range(actions)
        ]
    )
    Action.leads.through.objects.bulk_create(
        [Action.leads.through(action_id=a.pk, leadrole_id=lead.pk) for a in created]
    )
    user = get_user_model().objects.create_user("report-bench")
    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=created[i % actions],
                period=period,
                status=statuses[i % 5],
                author=user,
                narrative="A progress narrative of a realistic length for the benchmark. " * 3,
                reason="A reason." if i % 5 in (2, 3) else "",
                mitigation="A mitigation." if i % 5 in (2, 3) else "",
                recorded_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(updates)
        ],
        batch_size=2000,
    )
    return services.report_for_period(period=period)


def run(args):
    runs = max(1, min(args.n, 3))
    call_command("seed", verbosity=0)
    sefton = services.report_for_period(period=ReportingPeriod.objects.order_by("starts_on").last())
    for name, report in [("seeded plan (12 actions)", sefton), ("500 actions, 5,000 updates", None)]:
        report = report or _big_plan(500, 5000)
        phases, peak, pages = _measure(report, runs)
        print(
            f"report PDF, {name}: {pages} pages; median of {runs}: total {phases['total']:.0f} ms "
            f"(data {phases['data']:.0f}, HTML {phases['html']:.0f}, layout {phases['layout']:.0f}, "
            f"write {phases['write']:.0f}); peak Python memory {peak / 2**20:.0f} MiB",
            flush=True,
        )
    return []
