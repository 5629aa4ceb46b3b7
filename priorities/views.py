from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from actions.models import Action, Commitment, Outcome, Status, StatusDefinition
from governance.charts import status_bars
from send_portal.cache import cache_public_page

from .models import Strategy


def _strategy_page(request, strategy):
    outcomes = strategy.outcomes.prefetch_related(
        "priorities",
        "commitments",
        Prefetch("actions", queryset=Action.objects.prefetch_related("leads").order_by("number")),
    )
    commitments = strategy.commitments.prefetch_related("priorities", "outcomes")
    priorities = list(strategy.priorities.all())
    matrix = []
    for commitment in commitments:
        marked = {p.pk for p in commitment.priorities.all()}
        matrix.append({"commitment": commitment, "marks": [p.pk in marked for p in priorities]})
    # The live "progress at a glance": one aggregate query, the same chart as the scrutiny report.
    tally = dict(
        Action.objects.for_strategy(strategy).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    key = list(StatusDefinition.objects.all())
    glance = [{"label": d.label, "colour": d.get_colour_display(), "count": tally.get(d.status, 0)} for d in key] or [
        {"label": label, "colour": "", "count": tally.get(value, 0)} for value, label in Status.choices
    ]
    return render(
        request,
        "priorities/strategy_detail.html",
        {
            "strategy": strategy,
            "priorities": priorities,
            "principles": strategy.principles.all(),
            "matrix": matrix,
            "glance": glance,
            "glance_total": sum(tally.values()),
            "chart": status_bars(glance, title=f"{strategy.title}: actions by status", chart_id="plan-chart"),
            "outcomes": outcomes,
            "other_strategies": Strategy.objects.published()
            .filter(partnership=strategy.partnership)
            .exclude(pk=strategy.pk),
        },
    )


@cache_public_page("plan")
@require_GET
def plan(request):
    strategy = Strategy.objects.current().select_related("partnership").order_by("-first_year").first()
    if strategy is None:
        return render(request, "priorities/no_strategy.html", status=200)
    return _strategy_page(request, strategy)


@cache_public_page("plan")
@require_GET
def strategy_detail(request, slug):
    strategy = get_object_or_404(Strategy.objects.published().select_related("partnership"), slug=slug)
    return _strategy_page(request, strategy)


@cache_public_page("plan")
@require_GET
def strategy_list(request):
    strategies = Strategy.objects.published().select_related("partnership")
    return render(request, "priorities/strategy_list.html", {"strategies": strategies})


@cache_public_page("plan")
@require_GET
def outcome_detail(request, slug, number):
    outcome = get_object_or_404(
        Outcome.objects.select_related("strategy").prefetch_related(
            "priorities",
            Prefetch("commitments", queryset=Commitment.objects.prefetch_related("priorities")),
            Prefetch("actions", queryset=Action.objects.prefetch_related("leads__organisation", "milestones")),
        ),
        strategy__slug=slug,
        strategy__status__in=[Strategy.Status.CURRENT, Strategy.Status.SUPERSEDED],
        number=number,
    )
    return render(request, "priorities/outcome_detail.html", {"outcome": outcome, "strategy": outcome.strategy})


@cache_public_page("plan")
@require_GET
def status_key(request):
    return render(request, "priorities/status_key.html", {"definitions": StatusDefinition.objects.all()})
