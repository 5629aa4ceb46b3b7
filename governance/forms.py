from django import forms

from send_portal.forms import GovukFormMixin

from .models import Report
from .services import TEXT_FIELDS


class ReportForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ["summary", "recommendations", "reasons", "commentary", "appendices", "background_papers"]
        }


class PublishForm(GovukFormMixin, forms.Form):
    amendment_reason = forms.CharField(
        label="What does this version correct?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for a correction to a report already published: the earlier version stays downloadable.",
    )
