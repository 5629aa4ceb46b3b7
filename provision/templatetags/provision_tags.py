from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str):
    """Plain text as GOV.UK paragraphs; lines starting '- ' become a bulleted list. Escapes everything."""
    html = []
    for block in str(text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        paragraph, bullets = [], []
        for line in lines:
            if line.startswith("- "):
                bullets.append(line[2:])
                continue
            if bullets:
                html.append(_list(bullets))
                bullets = []
            paragraph.append(line)
        if paragraph:
            html.append('<p class="govuk-body">' + "<br>".join(escape(line) for line in paragraph) + "</p>")
        if bullets:
            html.append(_list(bullets))
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above is escaped


def _list(items):
    return (
        '<ul class="govuk-list govuk-list--bullet">'
        + format_html_join("", "<li>{}</li>", ((i,) for i in items))
        + "</ul>"
    )


@register.filter
def summary(text: str, words: int = 35):
    """The first paragraph of a description, without list markers, cut to `words` words."""
    first = str(text or "").strip().split("\n\n")[0].replace("\n- ", " ").replace("\n", " ")
    parts = first.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary link should point at: the first box of a radio or checkbox group."""
    if isinstance(bound_field.field.widget, RadioSelect | CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def elided_range(paginator, number):
    return paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)
