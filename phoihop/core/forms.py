"""Form helpers every app's forms share: Bootstrap styling, text cleaning, the date input,
service errors."""

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeGuard

from django import forms

from phoihop.core.text import clean_text

# A mixin placed before a Django form class: to the checker it is a form, at run time it adds
# nothing to the method order.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class StyledForm(_FormBase):
    """Gives every widget its Bootstrap class, marks invalid fields, and puts every text field
    through `clean_text` (decision 0016): every form of the project derives from this class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        for name, field in self.fields.items():
            if _is_plain_text(field) and not isinstance(field.to_python, partial):
                _clean_text_of(field, str(field.label or name))
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def _is_plain_text(field: forms.Field) -> TypeGuard[forms.CharField]:
    """A text field other than a password: a secret is compared as typed, never normalised."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def _clean_text_of(field: forms.CharField, label: str) -> None:
    """Run `clean_text` inside the field's own conversion, before its validators: the length
    limit then counts the NFC text, and a NUL gets the Vietnamese message, not Django's."""
    field.to_python = partial(_cleaned, field.to_python, field, label)  # type: ignore[method-assign]


def _cleaned(to_python: Callable[[Any], Any], field: forms.CharField, label: str, value: Any):
    value = to_python(value)
    if not isinstance(value, str):
        return value
    # The widget decides, checked at clean time: some forms swap it after __init__.
    return clean_text(value, multiline=isinstance(field.widget, forms.Textarea), field=label)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_service_errors(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: per field where the form has the field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
