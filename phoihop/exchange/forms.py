"""Forms of the exchange pages: they parse input only; the services decide and validate."""

from django import forms

from phoihop.core.forms import DateInput, StyledForm
from phoihop.incidents.models import Incident
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Programme

from .models import Dispatch, DispatchRecipient
from .services import DispatchData


class DispatchForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(
        label="Loại công văn",
        choices=[c for c in Dispatch.Kind.choices if c[0] != Dispatch.Kind.REPLY],
    )
    summary = forms.CharField(label="Trích yếu (V/v)", max_length=500)
    addressees = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Kính gửi",
        help_text="Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    copied = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Để biết",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    urgency = forms.ChoiceField(label="Độ khẩn", choices=Dispatch.Urgency.choices)
    body = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    numbering = forms.ChoiceField(label="Cách lấy số", choices=Dispatch.Numbering.choices)
    number = forms.IntegerField(
        label="Số (theo sổ của cơ quan)", required=False, min_value=1, max_value=999999
    )
    symbol = forms.CharField(label="Ký hiệu", max_length=60, required=False)
    issued_on = forms.DateField(label="Ngày ban hành (theo sổ)", required=False, widget=DateInput())
    expects_reply = forms.BooleanField(
        label="Yêu cầu nơi nhận trả lời bằng văn bản", required=False
    )
    reply_working_days = forms.IntegerField(
        label="Hạn trả lời (ngày làm việc)", min_value=1, max_value=60
    )
    programme = forms.ModelChoiceField(
        Programme.objects.none(),
        label="Thuộc chương trình phối hợp",
        required=False,
        empty_label="(không)",
    )
    incident = forms.ModelChoiceField(
        Incident.objects.none(),
        label="Vụ việc liên quan",
        required=False,
        empty_label="(không)",
    )

    def __init__(self, *args, candidates, programmes, incidents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressees"].queryset = candidates
        self.fields["copied"].queryset = candidates
        self.fields["programme"].queryset = programmes
        self.fields["incident"].queryset = incidents
        self.fields["incident"].label_from_instance = _incident_label
        self.fields["summary"].widget.attrs["autofocus"] = True

    def data_object(self) -> DispatchData:
        data = self.cleaned_data
        return DispatchData(
            summary=data["summary"],
            kind=data["kind"],
            body=data.get("body") or "",
            urgency=data["urgency"],
            numbering=data["numbering"],
            number=data.get("number"),
            symbol=data.get("symbol") or "",
            issued_on=data.get("issued_on"),
            expects_reply=data.get("expects_reply", False),
            reply_working_days=data["reply_working_days"],
            programme=data.get("programme"),
            incident=data.get("incident"),
            addressees=list(data["addressees"]),
            copied=list(data.get("copied") or []),
        )


def _incident_label(incident: Incident) -> str:
    return f"{incident.reference} — {incident.title}" if incident.reference else incident.title


class ReplyForm(StyledForm, forms.Form):
    summary = forms.CharField(
        label="Trích yếu (V/v)",
        max_length=500,
        required=False,
        help_text="Để trống: «Trả lời Công văn số …».",
    )
    body = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 8}))
    numbering = forms.ChoiceField(label="Cách lấy số", choices=Dispatch.Numbering.choices)
    number = forms.IntegerField(
        label="Số (theo sổ của cơ quan)", required=False, min_value=1, max_value=999999
    )
    issued_on = forms.DateField(label="Ngày ban hành (theo sổ)", required=False, widget=DateInput())

    def data_object(self) -> DispatchData:
        data = self.cleaned_data
        return DispatchData(
            summary=data.get("summary") or "",
            body=data["body"],
            numbering=data["numbering"],
            number=data.get("number"),
            issued_on=data.get("issued_on"),
        )


class ForwardForm(StyledForm, forms.Form):
    to = forms.ModelChoiceField(
        Organisation.objects.none(), label="Chuyển đến cơ quan có thẩm quyền"
    )
    reason = forms.CharField(label="Lý do chuyển", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = candidates


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="Lý do hủy", widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(StyledForm, forms.Form):
    file = forms.FileField(
        label="Tệp đính kèm", help_text="PDF, Word (DOCX), Excel (XLSX), ODT, ảnh JPEG/PNG."
    )
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)


class FilterForm(StyledForm, forms.Form):
    """The list filters; invalid values are simply ignored (a filter never errors)."""

    q = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(required=False, choices=[("", "Tất cả"), *Dispatch.Kind.choices])
    state = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Tất cả"),
            *DispatchRecipient.State.choices,
            ("overdue", "Quá hạn trả lời"),
            *[(k, v) for k, v in Dispatch.State.choices if k != "sent"],
        ],
    )
    urgency = forms.ChoiceField(required=False, choices=[("", "Tất cả"), *Dispatch.Urgency.choices])
    date_from = forms.DateField(required=False)
    date_to = forms.DateField(required=False)
