"""Admin edits say why: every history record they write carries the editor and their reason.

simple-history's admin records who changed a row and when, but not why. `ReasonedHistoryAdmin`
adds a required "Reason for the change" to the change form and writes it as the change reason
of every record the save produces: the row itself, its many-to-many changes, and the rows of its
inlines (added, changed or deleted). Deletions made from the list page have no form; they are
recorded as made in the admin.
"""

from django import forms
from simple_history.admin import SimpleHistoryAdmin

REASON_HELP = "Kept in the record's history with your name and the time."


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for the change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=REASON_HELP,
    )


def _mark(obj, request, reason: str) -> None:
    obj._history_user = request.user
    obj._change_reason = reason


class ReasonedHistoryAdmin(SimpleHistoryAdmin):
    form = ReasonForm

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return [name for name in fields if name != "change_reason"]  # a read-only view asks nothing
        return fields

    def save_model(self, request, obj, form, change):
        # The same instance saves the form's many-to-many fields, so those records carry it too.
        _mark(obj, request, form.cleaned_data["change_reason"])
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data["change_reason"]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            _mark(obj, request, reason)
            obj.delete()
        for obj in instances:
            _mark(obj, request, reason)
            obj.save()
        formset.save_m2m()

    def delete_model(self, request, obj):
        _mark(obj, request, "Deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
