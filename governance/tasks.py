"""Background jobs: building report PDFs, run by the worker (`manage.py db_worker`).

Each job is a thin call into `services`, which records progress and the outcome on the
PublicationRequest or DraftPDF that the report page shows. Arguments are ids: a job reads the
database as it is when it runs.
"""

from django_tasks import task

from . import services


@task()
def publish_report(request_id: int) -> int | None:
    """Build, store and publish the PDF a PublicationRequest asked for."""
    return services.publication_build(request_id=request_id)


@task()
def build_draft_pdf(draft_id: int) -> int | None:
    """Build a DraftPDF from the report data stored with it."""
    return services.draft_pdf_build(draft_id=draft_id)
