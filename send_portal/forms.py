from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from governance.demo import is_published_password


class GovukFormMixin:
    """Give each widget its GOV.UK Frontend class and link it to its hint and error."""

    widget_classes = {
        forms.Textarea: "govuk-textarea",
        forms.Select: "govuk-select",
        forms.SelectMultiple: "govuk-select",
        forms.CheckboxInput: "govuk-checkboxes__input",
        forms.RadioSelect: "govuk-radios__input",
        forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for kind, c in self.widget_classes.items() if type(widget) is kind), "govuk-input")
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = (
                    widget.attrs.get("class", "") + " " + widget.attrs["class"].split()[0] + "--error"
                )
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{name}-error".strip()


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "published_password": (
            "This is a demonstration account and its password is published, so it cannot sign in here. "
            "Ask an administrator to set a new password for it."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self):
        # The backend refuses these accounts (send_portal/auth.py); this says why, rather than
        # "incorrect password". The pair is published, so naming it gives nothing away.
        if not settings.DEBUG and is_published_password(
            self.cleaned_data.get("username"), self.cleaned_data.get("password")
        ):
            raise forms.ValidationError(self.error_messages["published_password"], code="published_password")
        return super().clean()
