"""Forms for the public feedback page and for the staff who manage the directory.

Forms validate and explain; they never write. Views hand the cleaned data to provision.services.
"""

from django import forms
from django.core.exceptions import ValidationError

from send_portal.forms import GovukFormMixin

from .models import MAX_AGE, Feedback, Location, Organization, Service, TaxonomyTerm
from .services import ContactData

FEEDBACK_MAX_LENGTH = 3000
REASON_MAX_LENGTH = 1000


class FeedbackForm(GovukFormMixin, forms.Form):
    topic = forms.ChoiceField(
        label="What is your feedback about?",
        choices=Feedback.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what your feedback is about", "invalid_choice": "Choose from the list"},
    )
    comment = forms.CharField(
        label="Your feedback",
        min_length=5,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Tell us what is missing, wrong or hard to use, and what would help. "
            "Do not include names or medical details: we publish comments without them."
        ),
        error_messages={
            "required": "Enter your feedback",
            "min_length": "Your feedback is too short: tell us a little more",
            "max_length": f"Your feedback must be {FEEDBACK_MAX_LENGTH} characters or fewer",
        },
    )
    role = forms.ChoiceField(
        label="Are you (optional)",
        choices=Feedback.Role.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. We never publish it.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    service = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The service this feedback is about could not be found"},
    )
    # A field people never see (hidden by provision.css): software that fills in every field
    # gives itself away. Named to tempt it.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_service(self):
        pk = self.cleaned_data["service"]
        if pk is None:
            return None
        service = Service.objects.only("id", "name").filter(pk=pk).first()
        if service is None:
            raise ValidationError("The service this feedback is about could not be found")
        return service

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ServiceForm(GovukFormMixin, forms.ModelForm):
    categories = forms.ModelMultipleChoiceField(
        label="Type of service",
        queryset=TaxonomyTerm.objects.categories(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one type of service", "invalid_choice": "Choose from the list"},
    )
    needs = forms.ModelMultipleChoiceField(
        label="Needs it supports",
        queryset=TaxonomyTerm.objects.needs(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only needs the service says it supports.",
        error_messages={"invalid_choice": "Choose from the list"},
    )
    locations = forms.ModelMultipleChoiceField(
        label="Venues",
        queryset=Location.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if the service has no fixed venue. Add a new venue first if it is not listed.",
        error_messages={"invalid_choice": "Choose from the list"},
    )
    url = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org"},
    )
    languages = forms.CharField(
        label="Languages it is offered in (optional)",
        required=False,
        max_length=500,
        help_text="Separate them with commas, for example: English, British Sign Language",
    )
    reviewed = forms.BooleanField(
        label="I have checked these details with the service (this sets the date it was last reviewed to today)",
        required=False,
    )
    reason = forms.CharField(
        label="What changed and why (optional)",
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text="Shown in the service's history.",
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "organization",
            "description",
            "minimum_age",
            "maximum_age",
            "eligibility_description",
            "access",
            "referral_team",
            "access_details",
            "cost",
            "cost_details",
            "schedule_description",
            "service_area",
            "url",
            "email",
            "funding_source",
            "alert",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "access": forms.RadioSelect,
            "access_details": forms.Textarea(attrs={"rows": 4}),
            "cost": forms.RadioSelect,
            "cost_details": forms.Textarea(attrs={"rows": 3}),
            "schedule_description": forms.Textarea(attrs={"rows": 3}),
            "funding_source": forms.Textarea(attrs={"rows": 2}),
            "alert": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "organization": "Organisation",
            "minimum_age": "Youngest age (optional)",
            "maximum_age": "Oldest age (optional)",
            "access": "How to get it",
            "cost": "Cost",
            "email": "Email address (optional)",
        }
        help_texts = {
            "minimum_age": "In years. Leave empty if the service does not say.",
            "maximum_age": "In years. Leave empty if there is no upper age.",
        }
        error_messages = {
            "name": {"required": "Enter the name of the service"},
            "organization": {"required": "Choose the organisation", "invalid_choice": "Choose from the list"},
            "description": {"required": "Describe the service"},
            "minimum_age": {
                "invalid": "Enter the youngest age as a whole number",
                "min_value": "Enter an age of 0 or more",
                "max_value": f"Enter an age of {MAX_AGE} or less",
            },
            "maximum_age": {
                "invalid": "Enter the oldest age as a whole number",
                "min_value": "Enter an age of 0 or more",
                "max_value": f"Enter an age of {MAX_AGE} or less",
            },
            "email": {"invalid": "Enter an email address in the correct format, like name@example.com"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.only("id", "name")
        self.fields["access"].choices = [("", "Not stated")] + list(Service.Access.choices)
        self.fields["cost"].choices = [("", "Not stated")] + list(Service.Cost.choices)
        for name in ("minimum_age", "maximum_age"):
            self.fields[name].widget = forms.TextInput(
                attrs={
                    **self.fields[name].widget.attrs,
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-input--width-3",
                }
            )
        if self.instance.pk:
            terms = list(self.instance.taxonomy_terms.select_related("taxonomy"))
            self.initial.setdefault("categories", [t.pk for t in terms if t.taxonomy.key == "service-category"])
            self.initial.setdefault("needs", [t.pk for t in terms if t.taxonomy.key == "need"])
            self.initial.setdefault("locations", [loc.pk for loc in self.instance.locations.all()])
            self.initial.setdefault("languages", ", ".join(lang.name for lang in self.instance.languages.all()))

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        if cleaned.get("access") == Service.Access.TEAM and not cleaned.get("referral_team", "").strip():
            self.add_error("referral_team", "Enter the name of the team that takes referrals")
        return cleaned

    def clean_languages(self):
        names = [" ".join(name.split()) for name in self.cleaned_data["languages"].split(",")]
        names = [name for name in names if name]
        if any(len(name) > 100 for name in names):
            raise ValidationError("Each language must be 100 characters or fewer")
        return names

    def validate_constraints(self, exclude=None):
        pass  # clean() says the same in plain words; the database still enforces them

    @property
    def terms(self):
        return [*self.cleaned_data["categories"], *self.cleaned_data["needs"]]

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactForm(GovukFormMixin, forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="Team or person", required=False, max_length=200)
    title = forms.CharField(label="Job title (optional)", required=False, max_length=200)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=25)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "type": "tel"})
        self.fields["phone"].widget.input_type = "tel"

    def full_clean(self):
        super().full_clean()
        # In a formset the ids carry a prefix (id_contacts-0-email): point errors at the right one.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean_phone(self):
        from .models import phone_validator

        phone = " ".join(self.cleaned_data["phone"].split())
        if phone:
            phone_validator(phone)
        return phone

    def as_contact(self) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            id=data.get("id"),
            name=data.get("name", ""),
            title=data.get("title", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            delete=bool(data.get("DELETE")),
        )


ContactFormSet = forms.formset_factory(ContactForm, extra=1, max_num=10, can_delete=True)


class LocationForm(GovukFormMixin, forms.ModelForm):
    reason = forms.CharField(label="What changed and why (optional)", required=False, max_length=REASON_MAX_LENGTH)

    class Meta:
        model = Location
        fields = ["name", "location_type", "address_1", "area", "county", "postcode", "accessibility", "description"]
        widgets = {
            "location_type": forms.RadioSelect,
            "accessibility": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"location_type": "Type of venue", "address_1": "Address (optional)", "county": "County (optional)"}
        error_messages = {"name": {"required": "Enter the name of the venue"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs.update({"class": "govuk-input govuk-input--width-10"})

    def clean_postcode(self):
        return " ".join(self.cleaned_data["postcode"].upper().split())

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=Service.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status", "invalid_choice": "Choose from the list"},
    )
    alert = forms.CharField(
        label="Notice for families (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown at the top of the service's page, for example when it will reopen.",
    )
    reason = forms.CharField(
        label="Reason for the change",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the service's history.",
        error_messages={"required": "Enter the reason for the change"},
    )


class ReviewForm(GovukFormMixin, forms.Form):
    note = forms.CharField(label="Note (optional)", required=False, max_length=REASON_MAX_LENGTH)


class ModerationForm(GovukFormMixin, forms.Form):
    PUBLISH = "publish"
    CLOSE = "close"

    decision = forms.ChoiceField(
        label="What do you want to do?",
        choices=[
            (PUBLISH, "Publish it on “You said, we did” with our response"),
            (CLOSE, "Close it without publishing"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with this feedback", "invalid_choice": "Choose from the list"},
    )
    published_comment = forms.CharField(
        label="You said: the comment as it will be published",
        required=False,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Remove names, places and anything else that could identify someone.",
    )
    response = forms.CharField(
        label="Our response",
        required=False,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    action = forms.CharField(
        label="What we will do (optional)",
        required=False,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label="Note for staff (optional)",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Not published.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.PUBLISH:
            if not cleaned.get("published_comment", "").strip():
                self.add_error("published_comment", "Enter the comment as it will be published")
            if not cleaned.get("response", "").strip():
                self.add_error("response", "Enter the partnership's response")
        return cleaned
