"""Forms of the case pages: they parse input only; the services decide and validate."""

from django import forms

from phoihop.accounts.models import User
from phoihop.core.forms import StyledForm
from phoihop.organisations.models import AdminUnit, Organisation

from . import services
from .models import Channel, Incident, WorkingGroupMember

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _when(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=DateTimeInput(), input_formats=LOCAL_FORMATS
    )


class IncidentReportForm(StyledForm, forms.Form):
    reporting_body = forms.ModelChoiceField(
        Organisation.objects.none(), label="Cơ quan thông báo", empty_label=None
    )
    title = forms.CharField(label="Tên vụ việc", max_length=300)
    classification = forms.ChoiceField(
        label="Phân loại", choices=Incident.Classification.choices, initial="normal"
    )
    summary = forms.CharField(
        label="Tóm tắt trung lập",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Chỉ nêu sự việc; không ghi họ tên, thông tin cá nhân của người dân. "
        "Vụ việc mật: để trống, chỉ ghi số hồ sơ.",
    )
    reference = forms.CharField(label="Số hồ sơ, nơi lưu giữ", max_length=255, required=False)
    sector = forms.ChoiceField(label="Lĩnh vực", choices=Incident.Sector.choices)
    severity = forms.ChoiceField(label="Mức độ", choices=Incident.Severity.choices)
    places = forms.ModelMultipleChoiceField(
        AdminUnit.objects.none(),
        label="Địa bàn (xã, phường, đặc khu)",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    competent_body = forms.ModelChoiceField(
        Organisation.objects.none(), label="Cơ quan có thẩm quyền giải quyết"
    )
    channels = forms.MultipleChoiceField(
        label="Đã thông báo qua kênh",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    reported_at = _when("Thời điểm thông báo (để trống: bây giờ)", required=False)

    def __init__(self, *args, bodies, competent, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_body"].queryset = Organisation.objects.filter(
            pk__in=[b.pk for b in bodies]
        )
        self.fields["competent_body"].queryset = competent
        self.fields["places"].queryset = places

    def data_object(self) -> services.IncidentData:
        data = self.cleaned_data
        return services.IncidentData(
            title=data["title"],
            summary=data["summary"],
            reference=data["reference"],
            sector=data["sector"],
            severity=data["severity"],
            classification=data["classification"],
            channels=list(data["channels"]),
            reported_at=data.get("reported_at"),
            places=list(data["places"]),
        )


class AssessForm(StyledForm, forms.Form):
    assessment = forms.CharField(label="Đánh giá ban đầu", widget=forms.Textarea(attrs={"rows": 3}))
    severity = forms.ChoiceField(label="Mức độ", choices=Incident.Severity.choices)


class MergeForm(StyledForm, forms.Form):
    into = forms.ModelChoiceField(Incident.objects.none(), label="Gộp vào vụ việc")
    reason = forms.CharField(label="Lý do", required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates


class OrientationForm(StyledForm, forms.Form):
    handler = forms.CharField(label="Cơ quan, người chủ trì xử lý", max_length=500)
    message = forms.CharField(
        label="Nội dung định hướng thông tin", widget=forms.Textarea(attrs={"rows": 4})
    )
    spokesperson = forms.CharField(label="Người phát ngôn, cung cấp thông tin", max_length=300)
    channels = forms.MultipleChoiceField(
        label="Kênh thông tin", choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )

    def data_object(self) -> services.OrientationData:
        return services.OrientationData(
            **{k: self.cleaned_data[k] for k in ("handler", "message", "spokesperson")},
            channels=list(self.cleaned_data["channels"]),
        )


class MemberForm(StyledForm, forms.Form):
    user = forms.ModelChoiceField(User.objects.none(), label="Cán bộ")
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="Cơ quan")
    role = forms.ChoiceField(label="Vai trò", choices=WorkingGroupMember.Role.choices)

    def __init__(self, *args, users, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["organisation"].queryset = bodies


class PressReleaseForm(StyledForm, forms.Form):
    title = forms.CharField(label="Tiêu đề", max_length=300)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 8}))


class PublishForm(StyledForm, forms.Form):
    where = forms.CharField(label="Nơi công bố", max_length=300)
    when = _when("Thời điểm công bố")
    link = forms.URLField(label="Đường dẫn", required=False, max_length=500, assume_scheme="https")


class ConferenceForm(StyledForm, forms.Form):
    held_at = _when("Thời gian")
    place = forms.CharField(label="Địa điểm", max_length=300)
    spokesperson = forms.ModelChoiceField(User.objects.none(), label="Người phát ngôn")
    co_hosts = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Cơ quan đồng chủ trì",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    outlets = forms.CharField(
        label="Cơ quan báo chí được mời", widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(label="Ghi chú", required=False)

    def __init__(self, *args, users, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spokesperson"].queryset = users
        self.fields["co_hosts"].queryset = bodies

    def data_object(self) -> services.ConferenceData:
        data = self.cleaned_data
        return services.ConferenceData(
            held_at=data["held_at"],
            place=data["place"],
            spokesperson=data["spokesperson"],
            outlets=data["outlets"],
            co_hosts=list(data["co_hosts"]),
            notes=data["notes"],
        )
