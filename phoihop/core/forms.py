from django import forms
from django.contrib.contenttypes.models import ContentType

from phoihop.accounts.models import User
from phoihop.organisations.models import Organisation

from .auditing import AUDITED
from .models import CalendarException
from .selectors import AuditFilter


class StyledForm:
    """Gives every widget its Bootstrap class and marks invalid fields (presentation only)."""

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
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditFilterForm(StyledForm, forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), required=False, label="Cơ quan", empty_label="Tất cả"
    )
    user = forms.ModelChoiceField(
        User.objects.none(), required=False, label="Người thực hiện", empty_label="Tất cả"
    )
    object_type = forms.ModelChoiceField(
        ContentType.objects.none(), required=False, label="Loại đối tượng", empty_label="Tất cả"
    )
    date_from = forms.DateField(required=False, label="Từ ngày", widget=DateInput())
    date_to = forms.DateField(required=False, label="Đến ngày", widget=DateInput())

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from phoihop.accounts.selectors import user_list

        self.fields["organisation"].queryset = Organisation.objects.visible_to(actor)
        self.fields["user"].queryset = user_list(actor=actor)
        app_models = [label.split(".") for label in AUDITED]
        self.fields["object_type"].queryset = ContentType.objects.filter(
            app_label__in=[a for a, _ in app_models], model__in=[m.lower() for _, m in app_models]
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            actor_id=data["user"].pk if data.get("user") else None,
            content_type_id=data["object_type"].pk if data.get("object_type") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class CalendarExceptionForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CalendarException
        fields = ["day", "kind", "note"]
        widgets = {"day": DateInput()}
        error_messages = {"day": {"unique": "Ngày này đã được khai báo."}}


def add_service_errors(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: per field where the form has the field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
