"""Render a report's data to PDF with WeasyPrint: A4, tagged (PDF/UA-1), page X of Y."""

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .charts import status_bars

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "report-print.css"
# A draft says so at the top of every page.
DRAFT_CSS = """@page { @top-center { content: "DRAFT – not for publication"; font-size: 12pt; font-weight: bold;
  color: #d4351c; font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; } }"""


def _css_string(text: str) -> str:
    """A CSS string literal: backslashes and quotes escaped, line breaks as spaces."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _footer_css(data: dict) -> str:
    footer = f"{data['cover']['subject']} – {data['cover']['report_to']}, {data['cover']['meeting']}"
    return f"@page {{ @bottom-left {{ content: {_css_string(footer)}; }} }}"


def report_html(data: dict, *, draft: bool) -> str:
    chart = status_bars(data["at_a_glance"], title="Actions by status", chart_id="pdf-status-chart")
    plan_url = settings.SITE_URL + reverse("priorities:plan")
    return render_to_string(
        "governance/report_print.html", {"data": data, "draft": draft, "chart": chart, "plan_url": plan_url}
    )


def render_pdf(data: dict, *, draft: bool) -> tuple[bytes, int]:
    """The PDF bytes and the page count. Imported lazily: WeasyPrint needs Pango at import time."""
    from weasyprint import CSS, HTML

    document = HTML(string=report_html(data, draft=draft), base_url=str(settings.BASE_DIR)).render(
        stylesheets=[
            CSS(filename=str(PRINT_CSS)),
            CSS(string=_footer_css(data)),
            *([CSS(string=DRAFT_CSS)] if draft else []),
        ]
    )
    buffer = BytesIO()
    document.write_pdf(buffer, pdf_variant="pdf/ua-1", pdf_tags=True)
    return buffer.getvalue(), len(document.pages)
