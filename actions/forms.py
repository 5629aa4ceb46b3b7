from django import forms

from governance.models import LeadRole
from send_portal.forms import GovukFormMixin

from .models import Status
from .quarters import parse_due

RECORDABLE = [(value, label) for value, label in Status.choices if value != Status.WITHDRAWN]


class ProgressForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Status", choices=RECORDABLE, widget=forms.RadioSelect)
    narrative = forms.CharField(
        label="What has happened",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Progress since the last update, in plain words. The scrutiny committee reads this.",
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_url = forms.URLField(
        label="Link to evidence (optional)", required=False, max_length=500, assume_scheme="https"
    )
    reason = forms.CharField(
        label="If at risk or off track: why",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mitigation = forms.CharField(
        label="If at risk or off track: what is being done about it",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revised_due_text = forms.CharField(
        label="If it will be late: when you now expect it (optional)",
        required=False,
        max_length=300,
        help_text="For example Q2 2024/25. A programme manager re-baselines the due date.",
    )

    def clean_revised_due_text(self):
        text = self.cleaned_data["revised_due_text"].strip()
        if text:
            parse_due(text)  # raises a ValidationError naming the accepted forms
        return text


class RebaselineForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    due_text = forms.CharField(
        label="Due",
        max_length=300,
        help_text="A financial-year quarter such as Q3 2024/25, or a month and year such as March 2027.",
    )
    leads = forms.ModelMultipleChoiceField(
        label="Responsible leads",
        queryset=LeadRole.objects.select_related("organisation"),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="Reason for the change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The history and the scrutiny report show this.",
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnership is not None:
            self.fields["leads"].queryset = self.fields["leads"].queryset.filter(organisation__partnership=partnership)
        self.fields["leads"].label_from_instance = lambda role: f"{role.title} ({role.organisation})"

    def clean_due_text(self):
        text = self.cleaned_data["due_text"].strip()
        parse_due(text)
        return text


class WithdrawForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is the action being withdrawn?", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
