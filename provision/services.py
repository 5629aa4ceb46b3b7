"""Every write to the directory goes through these functions.

Each is keyword-only, validates with full_clean(), saves inside one transaction and leaves a
history record with a change reason. Pass `user` when there is no request (a command, a test);
in a request, simple-history's middleware records the signed-in user.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Contact, Feedback, Location, Organization, Service, ServiceLanguage, TaxonomyTerm

logger = logging.getLogger(__name__)

# Fields a directory editor may change through service_create / service_update.
SERVICE_FIELDS = frozenset(
    {
        "organization",
        "name",
        "description",
        "url",
        "email",
        "alert",
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
        "funding_source",
    }
)

LOCATION_FIELDS = frozenset(
    {"location_type", "name", "description", "address_1", "area", "county", "postcode", "accessibility"}
)


@dataclass(frozen=True)
class ContactData:
    """One contact as an editor left it: `id` None for a new one, `delete` to remove it."""

    id: UUID | None = None
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    delete: bool = False


def _stamp(instance, *, reason: str, user=None) -> None:
    instance._change_reason = reason[:2000]
    if user is not None:
        instance._history_user = user


def taxonomy_text(terms: Iterable[TaxonomyTerm]) -> str:
    return " ".join(sorted({term.name for term in terms}))


def _check_fields(changes: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")


def _sync_languages(service: Service, names: Iterable[str], *, reason: str, user=None) -> None:
    wanted: dict[str, str] = {}  # casefolded name: name as first written
    for name in names:
        name = " ".join(name.split())
        if name:
            wanted.setdefault(name.casefold(), name)
    existing = {language.name.casefold(): language for language in service.languages.all()}
    for key, name in wanted.items():
        if key not in existing:
            language = ServiceLanguage(service=service, name=name)
            _stamp(language, reason=reason, user=user)
            language.full_clean()
            language.save()
    for key, language in existing.items():
        if key not in wanted:
            _stamp(language, reason=reason, user=user)
            language.delete()


def _sync_contacts(service: Service, contacts: Sequence[ContactData], *, reason: str, user=None) -> None:
    existing = {contact.pk: contact for contact in service.contacts.all()}
    for data in contacts:
        contact = existing.get(data.id) if data.id else None
        if data.id and contact is None:
            raise ValidationError("A contact being changed does not belong to this service.")
        if data.delete:
            if contact is not None:
                _stamp(contact, reason=reason, user=user)
                contact.delete()
            continue
        if not (data.name or data.email or data.phone):
            continue  # an empty row left in the form
        contact = contact or Contact(service=service)
        changed = [f for f in ("name", "title", "email", "phone") if getattr(contact, f) != getattr(data, f)]
        if contact.pk in existing and not changed:
            continue
        for field in ("name", "title", "email", "phone"):
            setattr(contact, field, getattr(data, field))
        _stamp(contact, reason=reason, user=user)
        contact.full_clean()
        contact.save()


def _save_service(
    service: Service,
    *,
    terms: Iterable[TaxonomyTerm] | None,
    locations: Iterable[Location] | None,
    languages: Iterable[str] | None,
    contacts: Sequence[ContactData] | None,
    reason: str,
    user,
) -> Service:
    """Save the service once, with its links already in place, so history has one record per change."""
    if terms is not None:
        terms = list(terms)
        service.taxonomy_text = taxonomy_text(terms)
    service.full_clean(exclude=["search_vector"])
    creating = service._state.adding
    if creating:
        service.save_without_historical_record()  # the row must exist before links can point at it
    # Setting the links would each leave a history record of their own: skip those, then
    # save once so the record holds the service and its links together.
    service.skip_history_when_saving = True
    try:
        if terms is not None:
            service.taxonomy_terms.set(terms)
        if locations is not None:
            service.locations.set(locations)
    finally:
        del service.skip_history_when_saving
    if languages is not None:
        _sync_languages(service, languages, reason=reason, user=user)
    if contacts is not None:
        _sync_contacts(service, contacts, reason=reason, user=user)
    _stamp(service, reason=reason, user=user)
    service.save()
    if creating:  # the one record so far is the creation, though written by an update
        service.history.update(history_type="+")
    return service


@transaction.atomic
def service_create(
    *,
    organization: Organization,
    name: str,
    description: str,
    terms: Iterable[TaxonomyTerm] = (),
    locations: Iterable[Location] = (),
    languages: Iterable[str] = (),
    contacts: Sequence[ContactData] = (),
    reviewed: bool = False,
    details: Mapping[str, Any] | None = None,
    reason: str = "Added to the directory",
    user=None,
) -> Service:
    details = dict(details or {})
    _check_fields(details, SERVICE_FIELDS)
    service = Service(organization=organization, name=name, description=description, **details)
    if reviewed:
        service.assured_date = timezone.localdate()
    return _save_service(
        service, terms=terms, locations=locations, languages=languages, contacts=contacts, reason=reason, user=user
    )


@transaction.atomic
def service_update(
    *,
    service: Service,
    changes: Mapping[str, Any],
    terms: Iterable[TaxonomyTerm] | None = None,
    locations: Iterable[Location] | None = None,
    languages: Iterable[str] | None = None,
    contacts: Sequence[ContactData] | None = None,
    reviewed: bool = False,
    reason: str = "Details updated",
    user=None,
) -> Service:
    """Change a service's details. Links left as None are not touched."""
    _check_fields(changes, SERVICE_FIELDS)
    service = Service.objects.select_for_update().get(pk=service.pk)
    for field, value in changes.items():
        setattr(service, field, value)
    if reviewed:
        service.assured_date = timezone.localdate()
    return _save_service(
        service, terms=terms, locations=locations, languages=languages, contacts=contacts, reason=reason, user=user
    )


@transaction.atomic
def service_set_status(*, service: Service, status: str, reason: str, alert: str | None = None, user=None) -> Service:
    """Retire a service (inactive, defunct), close it for a while, or bring it back. Never deletes."""
    if status not in Service.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the status is changing."})
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status == status and alert is None:
        return service
    previous = service.get_status_display()
    service.status = status
    if alert is not None:
        service.alert = alert
    service.full_clean(exclude=["search_vector"])
    _stamp(service, reason=f"Status: {previous} to {service.get_status_display()}. {reason.strip()}", user=user)
    service.save()
    return service


@transaction.atomic
def service_mark_reviewed(*, service: Service, on=None, note: str = "", user=None) -> Service:
    """Record that the details were checked with the provider."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    service.assured_date = on or timezone.localdate()
    service.full_clean(exclude=["search_vector"])
    _stamp(service, reason=f"Reviewed: details checked. {note.strip()}".strip(), user=user)
    service.save()
    return service


@transaction.atomic
def location_create(*, name: str, details: Mapping[str, Any] | None = None, reason: str = "Venue added", user=None):
    details = dict(details or {})
    _check_fields(details, LOCATION_FIELDS)
    location = Location(name=name, **details)
    location.full_clean()
    _stamp(location, reason=reason, user=user)
    location.save()
    return location


@transaction.atomic
def location_update(*, location: Location, changes: Mapping[str, Any], reason: str = "Venue updated", user=None):
    _check_fields(changes, LOCATION_FIELDS)
    location = Location.objects.select_for_update().get(pk=location.pk)
    for field, value in changes.items():
        setattr(location, field, value)
    location.full_clean()
    _stamp(location, reason=reason, user=user)
    location.save()
    # Feed readers ask for services modified since a date: a venue change changes its services.
    for service in location.services.select_for_update():
        _stamp(service, reason=f"Venue updated: {location.name}", user=user)
        service.save(update_fields=["last_modified"])
    return location


def feedback_submit(
    *,
    topic: str,
    comment: str,
    service: Service | None = None,
    role: str = "",
    name: str = "",
    email: str = "",
) -> Feedback:
    """Record a comment from the public and tell the people who moderate it."""
    with transaction.atomic():
        feedback = Feedback(topic=topic, comment=comment.strip(), service=service, role=role, name=name, email=email)
        feedback.full_clean()
        _stamp(feedback, reason="Sent by a member of the public")
        feedback.save()
        transaction.on_commit(lambda: _notify_moderators(feedback))
    return feedback


def _notify_moderators(feedback: Feedback) -> None:
    User = get_user_model()
    recipients = sorted(
        {
            user.email
            for user in User.objects.with_perm(
                "provision.change_feedback",
                include_superusers=False,
                backend="django.contrib.auth.backends.ModelBackend",  # django-axes sits first; it holds no permissions
            )
            if user.email and user.is_active
        }
    )
    if not recipients:
        return
    link = settings.SITE_URL + reverse("provision:manage-feedback-detail", kwargs={"pk": feedback.pk})
    lines = [f"New feedback on the Local Offer: {feedback.get_topic_display()}."]
    if feedback.service_id:
        service_link = settings.SITE_URL + reverse("provision:service-detail", kwargs={"pk": feedback.service_id})
        lines.append(f"About the service: {feedback.service.name} {service_link}")
    lines += ["", f"Read and respond: {link}"]
    try:
        send_mail(
            subject=f"Local Offer feedback: {feedback.get_topic_display()}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=recipients,
        )
    except OSError:  # the mail server is down: the feedback is saved and in the queue anyway
        logger.exception("Could not email moderators about feedback %s", feedback.pk)


@transaction.atomic
def feedback_publish(
    *, feedback: Feedback, published_comment: str, response: str, action: str = "", note: str = "", user
) -> Feedback:
    """Publish an anonymised comment with the partnership's response and action ("You said, we did")."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    now = timezone.now()
    feedback.status = Feedback.Status.PUBLISHED
    feedback.published_comment = published_comment.strip()
    feedback.response = response.strip()
    feedback.action = action.strip()
    feedback.moderation_note = note.strip()
    feedback.published_at = feedback.published_at or now
    feedback.moderated_by = user
    feedback.moderated_at = now
    errors = {}
    if not feedback.published_comment:
        errors["published_comment"] = "Enter the comment as it will be published, without names or details."
    if not feedback.response:
        errors["response"] = "Enter the partnership's response."
    if errors:
        raise ValidationError(errors)
    feedback.full_clean()
    _stamp(feedback, reason="Published with a response", user=user)
    feedback.save()
    return feedback


@transaction.atomic
def feedback_close(*, feedback: Feedback, note: str = "", user) -> Feedback:
    """Close without publishing (for example a problem report that has been fixed)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    now = timezone.now()
    feedback.status = Feedback.Status.CLOSED
    feedback.moderation_note = note.strip()
    feedback.moderated_by = user
    feedback.moderated_at = now
    feedback.full_clean()
    _stamp(feedback, reason="Closed without publishing", user=user)
    feedback.save()
    return feedback
