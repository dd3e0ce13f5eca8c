"""Form helpers shared by every app."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest, HttpResponse


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def apply_edit_refusal(form: forms.Form, error: ValidationError, record: Any) -> bool:
    """Show a service's refusal of an edit on its form. When another user saved the record
    first (``code="conflict"``), keep what this user typed and take the newer version, so that
    saving again, now knowingly, goes over it. Returns whether it was such a conflict."""
    conflict = getattr(error, "code", "") == "conflict"
    apply_service_errors(form, error)
    record.refresh_from_db()
    if conflict:
        form.data = form.data.copy()
        form.data["version"] = record.version
    return conflict


def submit(
    request: HttpRequest,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    then: Callable[[Any], HttpResponse],
) -> HttpResponse | None:
    """The POST half of a form page: validate, call the service, show its errors on the form,
    or confirm and redirect. Returns None when the page should be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = perform(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    messages.success(request, success)
    return then(result)


def act(request: HttpRequest, perform: Callable[[], Any], *, success: str) -> bool:
    """A button with no form fields: call the service, then say what happened, its refusal or
    ``success``. Returns whether it succeeded."""
    try:
        perform()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True


class FormRenderer(DjangoTemplates):
    """Fields as Pico CSS lays them out: label, input, then errors and help beneath."""

    field_template_name = "web/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker; it takes ISO dates whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
