"""The SEND snapshot: the directory's services counted by need, against age, area and route in.

Read-side only. Each grid comes from one aggregate query grouped by need, with one conditional
count per column, so the number of queries stays the same however many services there are.

What is counted is what the directory lists (`Service.objects.listed()`: running, or
temporarily closed), so that a cell's number and the services its link lists always agree.

Counting rules (the page explains them in words):
- A service counts in an age band when its age range overlaps the band. A range with one end
  missing is open at that end, as in the directory search. A service that states no ages at
  all is counted in its own "Ages not stated" column, not in every band, so a missing age
  range does not hide a gap.
- A service counts in an area when it has a venue there, or has no fixed venue at all (it
  covers every area), exactly as the directory's area filter does.
- A cell is a gap when it has no service, or when no service in it can be reached without a
  referral. A cell with at most `THIN_AT` services is thin.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import BooleanField, Case, Count, Exists, F, Min, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from send_portal.cache import section_cached

from .filters import ACCESS_CHOICES, ACCESS_ROUTES
from .models import NEED_TAXONOMY, REVIEW_INTERVAL, Attribute, Service, TaxonomyTerm

# The age bands the partnership plans by (0 to 25, the SEND code of practice's range).
BANDS = [(0, 4), (5, 10), (11, 15), (16, 18), (19, 25)]
AGES_NOT_STATED = "not-stated"
ROUTE_NOT_STATED = "not-stated"
REFERRAL_ROUTES = [Service.Access.PROFESSIONAL, Service.Access.TEAM]
# A cell with this many services or fewer is listed as thin provision.
THIN_AT = 2


def band_key(low: int, high: int) -> str:
    return f"{low}-{high}"


BAND_KEYS = {band_key(low, high): (low, high) for low, high in BANDS}


# --- Conditions, shared by the counts and the lists behind them -------------------------------


def listed_q(p: str = "") -> Q:
    return Q(**{f"{p}status__in": Service.LISTED_STATUSES})


def open_q(p: str = "") -> Q:
    return Q(**{f"{p}access__in": Service.NO_REFERRAL})


def referral_q(p: str = "") -> Q:
    return Q(**{f"{p}access__in": REFERRAL_ROUTES})


def ages_not_stated_q(p: str = "") -> Q:
    return Q(**{f"{p}minimum_age__isnull": True, f"{p}maximum_age__isnull": True})


def band_q(low: int, high: int, p: str = "") -> Q:
    """Age range overlaps [low, high]; a missing end is open; no ages at all is not counted."""
    starts = Q(**{f"{p}minimum_age__isnull": True}) | Q(**{f"{p}minimum_age__lte": high})
    ends = Q(**{f"{p}maximum_age__isnull": True}) | Q(**{f"{p}maximum_age__gte": low})
    stated = Q(**{f"{p}minimum_age__isnull": False}) | Q(**{f"{p}maximum_age__isnull": False})
    return starts & ends & stated


def route_not_stated_q(p: str = "") -> Q:
    return Q(**{f"{p}access": ""})


def stale_q(today: datetime.date, p: str = "") -> Q:
    """Not reviewed in 12 months; never reviewed counts as not reviewed."""
    return Q(**{f"{p}assured_date__isnull": True}) | Q(**{f"{p}assured_date__lte": today - REVIEW_INTERVAL})


# --- Shapes the pages and exports read ----------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str  # the column heading
    describe: str  # completes "N services for <need>, ..." for screen readers
    assess: bool = False  # whether an empty or referral-only cell here is a gap


@dataclass
class Cell:
    count: int
    open: int  # services reachable without a referral
    referral: int  # services that need a referral
    url: str
    describe: str
    assess: bool = False
    note: str = ""

    @property
    def gap(self) -> str:
        """'none', 'referral-only', 'no-open-route', or '' when families have a direct route."""
        if not self.assess:
            return ""
        if self.count == 0:
            return "none"
        if self.open == 0:
            return "referral-only" if self.referral == self.count else "no-open-route"
        return ""

    @property
    def gap_label(self) -> str:
        return GAP_LABELS.get(self.gap, "")

    @property
    def thin(self) -> bool:
        return self.assess and (bool(self.gap) or self.count <= THIN_AT)


GAP_LABELS = {
    "none": "No service",
    "referral-only": "Referral only",
    "no-open-route": "No direct route known",
}


@dataclass
class Row:
    label: str
    slug: str  # the need's slug; "" for the all-services row
    order: int
    cells: list[Cell]
    total: Cell
    stale: int = 0

    @property
    def stale_percent(self) -> int:
        return round(100 * self.stale / self.total.count) if self.total.count else 0


@dataclass
class Grid:
    key: str
    title: str
    caption: str
    columns: list[Column]
    rows: list[Row]  # one per need
    all_row: Row  # every listed service, whatever its needs


@dataclass
class ThinCell:
    rank: int
    need: str
    where: str
    cell: Cell


@dataclass
class IndicatorFigure:
    name: str
    topic: str
    value: str
    as_of: str
    source: str
    comparators: str
    note: str


@dataclass
class Snapshot:
    today: datetime.date
    age: Grid
    area: Grid
    route: Grid
    temporarily_closed: int
    no_need: int
    thin: list[ThinCell] = field(default_factory=list)
    indicators: list[IndicatorFigure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.age.all_row.total.count

    @property
    def stale(self) -> int:
        return self.age.all_row.stale

    @property
    def stale_percent(self) -> int:
        return self.age.all_row.stale_percent

    @property
    def open(self) -> int:
        return self.age.all_row.total.open

    @property
    def ages_not_stated(self) -> int:
        return self.age.all_row.cells[-1].count


# --- Links ----------------------------------------------------------------------------------


def search_url(**params) -> str:
    """The directory search with these filters (only filters it supports, so it lists exactly these)."""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return reverse("provision:service-search") + (f"?{query}" if query else "")


def list_url(**params) -> str:
    """The snapshot's own list, for cells the directory search cannot express (an age band)."""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return reverse("snapshot:services") + (f"?{query}" if query else "")


# --- Building the grids -----------------------------------------------------------------------


def _age_columns() -> list[tuple[Column, Q | None]]:
    columns = [
        (Column(band_key(lo, hi), f"{lo} to {hi}", f"ages {lo} to {hi}", assess=True), (lo, hi)) for lo, hi in BANDS
    ]
    columns.append((Column(AGES_NOT_STATED, "Ages not stated", "no ages stated"), None))
    return columns


ROUTE_LABELS = {
    "no-referral": "No referral needed (self-referral or open access)",
    "professional": "Referral by a professional",
    "team": "Referral through a named team",
}


def _route_columns() -> list[Column]:
    columns = [
        Column(key, ROUTE_LABELS[key], f"by {ROUTE_LABELS[key][0].lower()}{ROUTE_LABELS[key][1:]}")
        for key, _ in ACCESS_CHOICES
    ]
    columns[0].assess = True
    columns[0].describe = "with no referral needed"
    columns.append(Column(ROUTE_NOT_STATED, "How to get it not stated", "with how to get it not stated"))
    return columns


def _columns_of(group: dict) -> list[str]:
    """The age and route columns (and extras) one group of services counts in.

    The same rules as `band_q` and the other conditions above, applied to a group's values:
    the lists behind each cell use those conditions, and the tests check the two agree.
    """
    low, high, route = group["low"], group["high"], group["route"]
    names = ["all"]
    if low is None and high is None:
        names.append("ages_unstated")
    else:
        for index, (band_low, band_high) in enumerate(BANDS):
            if (low is None or low <= band_high) and (high is None or high >= band_low):
                names.append(f"band{index}")
    for index, (key, _) in enumerate(ACCESS_CHOICES):
        if route in ACCESS_ROUTES[key]:
            names.append(f"route{index}")
    if route == "":
        names.append("route_unstated")
    return names


def _grouped(queryset, today: datetime.date, p: str, keys: dict):
    """One GROUP BY over what decides a service's cells: its ages, route, status and review.

    There are as many groups as distinct combinations (bounded by the age ranges in use), not
    as many as services, so the folding in Python stays small whatever the directory's size.
    """
    return (
        queryset.filter(listed_q(p))
        .annotate(
            low=F(f"{p}minimum_age"),
            high=F(f"{p}maximum_age"),
            route=F(f"{p}access"),
            state=F(f"{p}status"),
            stale=Case(When(stale_q(today, p), then=Value(True)), default=Value(False), output_field=BooleanField()),
            **keys,
        )
        .values(*keys, "low", "high", "route", "state", "stale")
        .annotate(services=Count("pk"))
        .order_by()
    )


def _fold(groups) -> dict:
    """Counts per column: '<column>__n', '__open' (no referral needed), '__ref' (referral needed)."""
    values: dict[str, int] = {}

    def add(name, n):
        values[name] = values.get(name, 0) + n

    for group in groups:
        n = group["services"]
        kind = "open" if group["route"] in Service.NO_REFERRAL else "ref" if group["route"] in REFERRAL_ROUTES else ""
        for name in _columns_of(group):
            add(f"{name}__n", n)
            if kind:
                add(f"{name}__{kind}", n)
        if group["stale"]:
            add("stale", n)
        if group["state"] == Service.Status.TEMPORARILY_CLOSED:
            add("temporarily_closed", n)
    return values


def _fold_no_venue(values: dict, rows) -> None:
    """Add the 'no_venue' column from rows of (route, services) with no venue at all."""
    for row in rows:
        values["no_venue__n"] = values.get("no_venue__n", 0) + row["services"]
        kind = "open" if row["route"] in Service.NO_REFERRAL else "ref" if row["route"] in REFERRAL_ROUTES else ""
        if kind:
            values[f"no_venue__{kind}"] = values.get(f"no_venue__{kind}", 0) + row["services"]


def _cell(values: dict, name: str, *, url: str, describe: str, assess: bool = False, note: str = "") -> Cell:
    count = values.get(f"{name}__n", 0)
    return Cell(
        count=count,
        open=values.get(f"{name}__open", 0),
        referral=values.get(f"{name}__ref", 0),
        url=url if count else "",
        describe=describe,
        assess=assess,
        note=note,
    )


def need_counts(today: datetime.date) -> dict:
    """One query: per need, the groups of services that decide every cell. Attribute is unique
    on (service, need), so counting its rows counts services."""
    tags = Attribute.objects.filter(taxonomy_term__taxonomy__key=NEED_TAXONOMY)
    groups = _grouped(tags, today, "service__", {"need": F("taxonomy_term_id")})
    by_need: dict = {}
    for group in groups:
        by_need.setdefault(group["need"], []).append(group)
    counts = {need: _fold(rows) for need, rows in by_need.items()}
    # A second query: services with no venue at all (an anti-join), per need and route.
    no_venue = (
        tags.filter(listed_q("service__"), service__service_at_locations__isnull=True)
        .values("taxonomy_term_id", route=F("service__access"))
        .annotate(services=Count("pk"))
        .order_by()
    )
    for row in no_venue:
        _fold_no_venue(counts.setdefault(row["taxonomy_term_id"], {}), [row])
    return counts


def all_counts(today: datetime.date) -> dict:
    """Three queries: the same over every listed service, those with no venue, those with no need."""
    counts = _fold(_grouped(Service.objects.all(), today, "", {}))
    listed = Service.objects.filter(listed_q())
    _fold_no_venue(
        counts,
        listed.filter(service_at_locations__isnull=True)
        .values(route=F("access"))
        .annotate(services=Count("pk"))
        .order_by(),
    )
    needs = Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term__taxonomy__key=NEED_TAXONOMY)
    counts["no_need"] = listed.exclude(Exists(needs)).count()
    return counts


def area_counts() -> tuple[list[tuple[str, str]], dict, dict]:
    """Two queries: services with a venue in each area, per need and overall.

    Areas are grouped case-insensitively (as the directory's filter matches them) and shown
    as they are written on a venue. DISTINCT, because a service may have two venues in one area;
    each service has one route, so the per-route counts add up.
    """

    def counts(queryset, p: str, counted: str, group: list[str]) -> dict:
        area = f"{p}service_at_locations__location__area"
        rows = (
            queryset.filter(listed_q(p))
            .annotate(area_key=Lower(area), route=F(f"{p}access"))
            .exclude(area_key="")
            .exclude(area_key__isnull=True)
            .values(*group, "area_key", "route")
            .annotate(area=Min(area), n=Count(counted, distinct=True))
            .order_by()
        )
        folded: dict = {}
        for row in rows:
            key = tuple(row[g] for g in group) + (row["area_key"],)
            cell = folded.setdefault(key, {"area": row["area"], "n": 0, "open": 0, "ref": 0})
            cell["area"] = min(cell["area"], row["area"])
            cell["n"] += row["n"]
            if row["route"] in Service.NO_REFERRAL:
                cell["open"] += row["n"]
            elif row["route"] in REFERRAL_ROUTES:
                cell["ref"] += row["n"]
        return folded

    by_need = counts(
        Attribute.objects.filter(taxonomy_term__taxonomy__key=NEED_TAXONOMY),
        "service__",
        "service_id",
        ["taxonomy_term_id"],
    )
    overall = {key[0]: row for key, row in counts(Service.objects.all(), "", "pk", []).items()}
    return sorted((key, row["area"]) for key, row in overall.items()), by_need, overall


def _area_cell(local: dict | None, everywhere: Cell, *, url: str, describe: str) -> Cell:
    """Services with a venue in the area, plus those with no fixed venue (they cover every area)."""
    local = local or {}
    count = local.get("n", 0) + everywhere.count
    return Cell(
        count=count,
        open=local.get("open", 0) + everywhere.open,
        referral=local.get("ref", 0) + everywhere.referral,
        url=url if count else "",
        describe=describe,
        assess=True,
        note=f"{local.get('n', 0)} with a venue there",
    )


def build(
    *, today: datetime.date | None = None, partnership=None, with_indicators: bool = True, with_areas: bool = True
) -> Snapshot:
    """Every grid. `with_areas=False` skips the area queries (the public summary shows ages only)."""
    today = today or timezone.localdate()
    needs = list(TaxonomyTerm.objects.needs().only("id", "name", "slug", "order").order_by("order", "name"))
    # The counts are the heavy part (seconds at 100,000 services) and change only with the
    # directory: with the shared cache on, they are computed once per directory change and day.
    per_need = section_cached("directory", f"snapshot-needs-{today}", lambda: need_counts(today))
    overall = section_cached("directory", f"snapshot-all-{today}", lambda: all_counts(today))
    areas, per_need_area, overall_area = (
        section_cached("directory", "snapshot-areas", area_counts) if with_areas else ([], {}, {})
    )

    age_columns = _age_columns()
    route_columns = _route_columns()
    area_columns = [Column(key, name, f"in {name}", assess=True) for key, name in areas]

    def age_cells(values, slug, label):
        cells = []
        for index, (column, band) in enumerate(age_columns):
            name = f"band{index}" if band else "ages_unstated"
            url = list_url(need=slug, ages=column.key)
            cells.append(_cell(values, name, url=url, describe=f"{label}, {column.describe}", assess=column.assess))
        return cells

    def route_cells(values, slug, label):
        cells = []
        for index, column in enumerate(route_columns):
            if column.key == ROUTE_NOT_STATED:
                name, url = "route_unstated", list_url(need=slug, route=ROUTE_NOT_STATED)
            else:
                name, url = f"route{index}", search_url(need=slug, access=column.key)
            cells.append(_cell(values, name, url=url, describe=f"{label}, {column.describe}", assess=column.assess))
        return cells

    def area_cells(values, slug, label, local_rows):
        everywhere = _cell(values, "no_venue", url="", describe="")
        return [
            _area_cell(local_rows.get(column.key), everywhere, url=search_url(need=slug, area=column.label),
                       describe=f"{label}, {column.describe}")
            for column in area_columns
        ]  # fmt: skip

    def total(values, slug, label):
        return _cell(values, "all", url=search_url(need=slug), describe=f"{label}, all ages")

    age_rows, area_rows, route_rows = [], [], []
    for term in needs:
        values = per_need.get(term.pk, {})
        label = f"for {term.name}"
        local = {key: row for (need_id, key), row in per_need_area.items() if need_id == term.pk}
        common = {"label": term.name, "slug": term.slug, "order": term.order, "total": total(values, term.slug, label)}
        stale = values.get("stale", 0)
        age_rows.append(Row(cells=age_cells(values, term.slug, label), stale=stale, **common))
        area_rows.append(Row(cells=area_cells(values, term.slug, label, local), stale=stale, **common))
        route_rows.append(Row(cells=route_cells(values, term.slug, label), stale=stale, **common))

    everyone = "for any need"
    all_common = {"label": "All services (any need)", "slug": "", "order": 0, "stale": overall.get("stale", 0)}
    all_total = _cell(overall, "all", url=search_url(), describe="for any need, all ages")

    def all_row(cells):
        return Row(cells=cells, total=all_total, **all_common)

    snapshot = Snapshot(
        today=today,
        age=Grid(
            "age",
            "By age",
            "Services for each need, by age band",
            [c for c, _ in age_columns],
            age_rows,
            all_row(age_cells(overall, "", everyone)),
        ),
        area=Grid(
            "area",
            "By area",
            "Services for each need, by town or area",
            area_columns,
            area_rows,
            all_row(area_cells(overall, "", everyone, overall_area)),
        ),
        route=Grid(
            "route",
            "By how families get them",
            "Services for each need, by how families get them",
            route_columns,
            route_rows,
            all_row(route_cells(overall, "", everyone)),
        ),
        temporarily_closed=overall.get("temporarily_closed", 0),
        no_need=overall.get("no_need", 0),
    )
    snapshot.thin = thin_provision(snapshot)
    if with_indicators:
        snapshot.indicators = need_figures(partnership)
    return snapshot


def thin_provision(snapshot: Snapshot) -> list[ThinCell]:
    """Gap and thin cells of the age and area grids, the fewest direct routes and services first."""
    found = []
    for grid, where in ((snapshot.age, "Ages {}"), (snapshot.area, "{}")):
        for row in grid.rows:
            for position, (column, cell) in enumerate(zip(grid.columns, row.cells, strict=True)):
                if cell.thin:
                    key = (cell.open, cell.count, grid.key != "age", row.order, row.label, position)
                    found.append((key, row.label, where.format(column.label), cell))
    found.sort(key=lambda item: item[0])
    return [ThinCell(rank, need, where, cell) for rank, (_, need, where, cell) in enumerate(found, start=1)]


# --- Need figures --------------------------------------------------------------------------


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():,f}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def need_figures(partnership) -> list[IndicatorFigure]:
    """The partnership's indicator figures, latest value first, exactly as recorded (two queries)."""
    from governance.models import Indicator, IndicatorValue

    if partnership is None:
        return []
    figures = []
    indicators = Indicator.objects.filter(partnership=partnership).prefetch_related(
        # Undated values last, as in the progress report: PostgreSQL would otherwise sort them first.
        Prefetch("values", queryset=IndicatorValue.objects.order_by(F("as_of").desc(nulls_last=True)))
    )
    for indicator in indicators:
        values = list(indicator.values.all())
        latest = values[0] if values else None
        comparators = "; ".join(
            f"{label} {_number(value, indicator.unit)}"
            for label, value in (("England", indicator.national), ("North West", indicator.north_west))
            if value is not None
        )
        if comparators and indicator.comparator_note:
            comparators += f" ({indicator.comparator_note})"
        figures.append(
            IndicatorFigure(
                name=indicator.name,
                topic=indicator.topic,
                value=(f"{latest.qualifier} " if latest and latest.qualifier else "")
                + (_number(latest.value, indicator.unit) if latest else "No figure recorded yet"),
                as_of=(latest.as_of_label or (f"{latest.as_of:%-d %B %Y}" if latest.as_of else "Date not given"))
                if latest
                else "",
                source=indicator.source,
                comparators=comparators,
                note=latest.note if latest else "",
            )
        )
    return figures


# --- The services behind a cell ------------------------------------------------------------------


def services_in_cell(*, need: TaxonomyTerm | None, ages: str = "", route: str = ""):
    """Exactly the services a cell of the age or route grid counts."""
    services = Service.objects.listed()
    if need is not None:
        services = services.with_any_term([need])
    if ages == AGES_NOT_STATED:
        services = services.filter(ages_not_stated_q())
    elif ages:
        services = services.filter(band_q(*BAND_KEYS[ages]))
    if route == ROUTE_NOT_STATED:
        services = services.filter(route_not_stated_q())
    return services.for_listing().order_by("name", "pk")


# --- Charts ------------------------------------------------------------------------------------


def bar_chart(rows: list[tuple[str, int]], *, title: str, chart_id: str, suffix: str = "") -> str:
    """Horizontal bars with the label above each bar and the number after it, as text.

    Labels sit above their bars so long need names never collide with them; the chart always
    sits beside a table with the same numbers.
    """
    width, bar_space, label_gap, bar_height, gap = 480, 400, 22, 22, 14
    row_height = label_gap + bar_height + gap
    height = len(rows) * row_height + gap
    biggest = max((value for _, value in rows), default=0) or 1
    description = "; ".join(f"{label}: {value}{suffix}" for label, value in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="Arial, Liberation Sans, sans-serif" font-size="16">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        top = gap + index * row_height
        length = max(round(bar_space * value / biggest), 2)
        parts.append(
            f'<text x="0" y="{top + 16}" fill="#0b0c0c">{escape(label)}</text>'
            f'<rect x="0" y="{top + label_gap}" width="{length}" height="{bar_height}" fill="#1d70b8"/>'
            f'<text x="{length + 6}" y="{top + label_gap + 17}" fill="#0b0c0c" font-weight="bold">'
            f"{value}{escape(suffix)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
