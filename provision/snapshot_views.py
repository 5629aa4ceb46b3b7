"""The SEND snapshot pages: the staff grid, its printable view and exports, and a public summary."""

import csv
from io import BytesIO, StringIO
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from priorities.context_processors import partnership as current_partnership
from send_portal.cache import cache_public_page

from . import snapshot
from .models import TaxonomyTerm

PER_PAGE = 50


def _partnership(request):
    return current_partnership(request)["partnership"]


def _charts(data: snapshot.Snapshot) -> dict:
    return {
        "services_chart": snapshot.bar_chart(
            [(row.label, row.total.count) for row in data.age.rows],
            title="Services listed for each need",
            chart_id="services-chart",
        ),
        "stale_chart": snapshot.bar_chart(
            [(row.label, row.stale_percent) for row in data.age.rows],
            title="Share of services not reviewed in 12 months, by need",
            chart_id="stale-chart",
            suffix="%",
        ),
    }


def _context(request) -> dict:
    data = snapshot.build(partnership=_partnership(request))
    return {
        "snapshot": data,
        "grids": [data.age, data.area, data.route],
        "thin_at": snapshot.THIN_AT,
        "bands": snapshot.BANDS,
        **_charts(data),
    }


@login_required
@require_GET
def snapshot_grid(request):
    return render(request, "snapshot/grid.html", _context(request))


@login_required
@require_GET
def snapshot_print(request):
    return render(request, "snapshot/print.html", _context(request))


@cache_public_page("directory")
@require_GET
def snapshot_summary(request):
    """Public: the headline counts by need and age, nothing about reviews or gaps."""
    data = snapshot.build(with_indicators=False, with_areas=False)
    return render(request, "snapshot/summary.html", {"snapshot": data, "grid": data.age})


@cache_public_page("directory")
@require_GET
def snapshot_services(request):
    """Public: exactly the services one cell counts, where the directory search cannot say it."""
    errors = []
    need = None
    slug = request.GET.get("need", "")
    if slug:
        need = TaxonomyTerm.objects.needs().filter(slug=slug[:80]).first()
        if need is None:
            errors.append("That need is not in the directory's list of needs.")
    ages = request.GET.get("ages", "")
    if ages and ages != snapshot.AGES_NOT_STATED and ages not in snapshot.BAND_KEYS:
        errors.append("That age band is not one the snapshot uses.")
    route = request.GET.get("route", "")
    if route and route != snapshot.ROUTE_NOT_STATED:
        errors.append("That way of getting a service is not one the snapshot lists here.")
    if not (ages or route) and not errors:
        errors.append("Choose a cell of the snapshot to see the services it counts.")
    if errors:
        return render(request, "snapshot/services.html", {"errors": errors}, status=400)

    services = snapshot.services_in_cell(need=need, ages=ages, route=route)
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    if ages == snapshot.AGES_NOT_STATED:
        described = "that do not state an age range"
    elif ages:
        low, high = snapshot.BAND_KEYS[ages]
        described = f"for any age from {low} to {high}"
    else:
        described = "that do not say how to get them"
    band_low = snapshot.BAND_KEYS[ages][0] if ages in snapshot.BAND_KEYS else None
    keep = {k: v for k, v in (("need", slug), ("ages", ages), ("route", route)) if v}
    return render(
        request,
        "snapshot/services.html",
        {
            "need": need,
            "ages": ages,
            "route": route,
            "described": described,
            "page_obj": page,
            "query": urlencode(keep),
            "search_url": snapshot.search_url(need=slug),
            "band_low": band_low,
            "age_search_url": snapshot.search_url(need=slug, age=band_low) if band_low is not None else "",
        },
    )


# --- Exports -----------------------------------------------------------------------------------

GRID_HEADERS = [
    "Grid",
    "Need",
    "Column",
    "Services",
    "No referral needed",
    "Referral needed",
    "Gap",
    "Directory link",
]
GAP_HEADERS = ["Rank", "Need", "Where", "Services", "No referral needed", "Referral needed", "Gap", "Directory link"]


def _safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: keep text as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def grid_rows(data: snapshot.Snapshot, absolute):
    for grid in (data.age, data.area, data.route):
        for row in [*grid.rows, grid.all_row]:
            cells = [*zip(grid.columns, row.cells, strict=True), (None, row.total)]
            for column, cell in cells:
                yield [
                    grid.title,
                    row.label,
                    column.label if column else "All",
                    cell.count,
                    cell.open,
                    cell.referral,
                    cell.gap_label or ("Thin" if cell.thin else ""),
                    absolute(cell.url) if cell.url else "",
                ]


def gap_rows(data: snapshot.Snapshot, absolute):
    for item in data.thin:
        cell = item.cell
        yield [
            item.rank,
            item.need,
            item.where,
            cell.count,
            cell.open,
            cell.referral,
            cell.gap_label or f"Thin ({snapshot.THIN_AT} or fewer services)",
            absolute(cell.url) if cell.url else "",
        ]


def _csv(headers, rows) -> str:
    buffer = StringIO()
    buffer.write("\ufeff")  # a byte-order mark so spreadsheet programs read UTF-8
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([_safe(v) for v in row] for row in rows)
    return buffer.getvalue()


def _xlsx(headers, rows, *, sheet_title: str, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for index, width in enumerate([22, 36, 36, 10, 12, 12, 30, 60], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = title
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@login_required
@require_GET
def snapshot_export(request, what, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Exports are CSV or XLSX")
    data = snapshot.build(with_indicators=False)
    if what == "grid":
        headers, rows, name = GRID_HEADERS, grid_rows(data, request.build_absolute_uri), "SEND snapshot grid"
    else:
        headers, rows, name = GAP_HEADERS, gap_rows(data, request.build_absolute_uri), "SEND snapshot gaps"
    filename = f"send-snapshot-{what}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(_csv(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(headers, rows, sheet_title="Grid" if what == "grid" else "Thin provision", title=name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
