"""The forms of the site pages: the audit trail filter and the calendar's days off."""

from django import forms
from django.contrib.contenttypes.models import ContentType

from phoihop.accounts.models import User
from phoihop.accounts.selectors import user_list
from phoihop.core.auditing import AUDITED
from phoihop.core.forms import DateInput, StyledForm
from phoihop.core.models import CalendarException
from phoihop.core.selectors import AuditFilter
from phoihop.organisations.models import Organisation


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
