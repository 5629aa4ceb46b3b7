"""Action plan exports: the same rows as CSV and as an XLSX spreadsheet."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

HEADERS = [
    "Reference",
    "Action",
    "Outcome",
    "Priorities",
    "Responsible leads",
    "Due (as written in the plan)",
    "Due quarter",
    "Status",
    "RAG",
    "Overdue",
    "Updated this reporting period",
    "Latest update",
]


def _safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: keep text as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def action_rows(actions, *, today, colours):
    for action in actions.iterator(chunk_size=500):
        yield [
            _safe(v)
            for v in [
                action.reference,
                action.title,
                action.outcome.statement,
                ", ".join(str(p.number) for p in action.outcome.priorities.all()),
                "; ".join(lead.title for lead in action.leads.all()),
                action.due_text,
                action.due_quarter.label if action.due_quarter else "",
                action.get_status_display(),
                colours.get(action.status, ""),
                "Yes" if action.is_overdue(today) else "No",
                "Yes" if getattr(action, "updated_in_period", False) else "No",
                action.latest_update.date().isoformat() if getattr(action, "latest_update", None) else "",
            ]
        ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows, *, writer_factory):
    writer = writer_factory(_Echo())
    yield "\ufeff"  # a byte-order mark so spreadsheet programs read UTF-8
    yield writer.writerow(HEADERS)
    for row in rows:
        yield writer.writerow(row)


def xlsx_bytes(rows, *, title: str) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Control characters (a vertical tab pasted from a word processor) are not allowed in
        # a worksheet: openpyxl would refuse the whole file. Drop them; the text stays.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    widths = [10, 60, 50, 10, 40, 30, 12, 12, 8, 8, 12, 12]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = title
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
