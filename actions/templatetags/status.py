from django import template
from django.utils.html import format_html

from actions.models import Status, StatusDefinition

register = template.Library()


def _definitions(context):
    # One query per request (per render without one), however many tags and includes show them.
    # Not the render context alone: each included template gets one of its own.
    request = context.get("request")
    store = vars(request) if request is not None else context.render_context.dicts[0]
    if "_status_definitions" not in store:
        store["_status_definitions"] = {d.status: d for d in StatusDefinition.objects.all()}
    return store["_status_definitions"]


@register.simple_tag(takes_context=True)
def status_tag(context, status):
    """The status as a coloured tag that always carries its text label."""
    definition = _definitions(context).get(status)
    label = definition.label if definition else Status(status).label if status in Status.values else status
    colour = definition.colour if definition else "grey"
    return format_html(
        '<strong class="govuk-tag portal-status portal-status--{}">{}<span class="govuk-visually-hidden"> ({} on the RAG key)</span></strong>',
        colour,
        label,
        definition.get_colour_display() if definition else "no colour",
    )


@register.simple_tag(takes_context=True)
def rag_hint(context, status):
    """What choosing a status sets: its RAG colour, as a coloured tag with the colour's name, and
    the partnership's definition of the status."""
    definition = _definitions(context).get(status)
    if definition is None:
        return ""
    return format_html(
        '<strong class="govuk-tag portal-status portal-status--{}">{}</strong> {}',
        definition.colour,
        definition.get_colour_display(),
        definition.definition,
    )
