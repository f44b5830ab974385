"""Forms of the reports pages: parsing only; the services decide and validate."""

from __future__ import annotations

from django import forms

from phoihop.core.forms import DateInput, StyledForm
from phoihop.core.plugins import figure_catalogue
from phoihop.organisations.models import Organisation

from .models import Consolidation, PeriodKind, ReportSubmission, ReportText, ReviewConference
from .services.criteria import CriterionData
from .services.requests import RequestData
from .services.templates import PLACEHOLDERS, TemplateData

KIND_CHOICES = [
    (value, label)
    for value, label in Organisation.Kind.choices
    if value not in {Organisation.Kind.BOARD, Organisation.Kind.PARTY_COMMITTEE}
]


class RequestForm(StyledForm, forms.Form):
    letter_number = forms.CharField(
        label="Số, ký hiệu công văn", max_length=60, help_text="Ví dụ: 310-CV/BTGTU"
    )
    letter_date = forms.DateField(label="Ngày công văn", widget=DateInput())
    title = forms.CharField(label="Trích yếu", max_length=500)
    period_kind = forms.ChoiceField(label="Kỳ báo cáo", choices=PeriodKind.choices)
    period_start = forms.DateField(label="Kỳ báo cáo từ ngày", widget=DateInput())
    period_end = forms.DateField(label="đến ngày", widget=DateInput())
    data_cutoff = forms.DateField(
        label="Số liệu tính đến ngày",
        required=False,
        widget=DateInput(),
        help_text="Để trống: ngày cuối kỳ.",
    )
    deadline = forms.DateField(
        label="Hạn nộp",
        required=False,
        widget=DateInput(),
        help_text="Để trống: theo số ngày làm việc mặc định của quy chế.",
    )
    kinds = forms.MultipleChoiceField(
        label="Gửi tất cả cơ quan thuộc loại",
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.ModelMultipleChoiceField(
        label="Hoặc chọn từng cơ quan",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["recipients"].queryset = candidates

    def data_object(self) -> RequestData:
        data = self.cleaned_data
        return RequestData(
            title=data["title"],
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            period_kind=data["period_kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            data_cutoff=data.get("data_cutoff"),
            deadline=data.get("deadline"),
        )


TEXTAREA = {"rows": 4}


class SubmissionForm(StyledForm, forms.ModelForm):
    class Meta:
        model = ReportSubmission
        fields = [*ReportText.TEXT_FIELDS, *ReportText.SIGNATURE_FIELDS]
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in ReportText.TEXT_FIELDS
            if name != "summary"
        }


class ConsolidationForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Consolidation
        fields = [*ReportText.TEXT_FIELDS, *ReportText.SIGNATURE_FIELDS, "number", "signed_on"]
        widgets = {
            "signed_on": DateInput(),
            **{
                name: forms.Textarea(attrs=TEXTAREA)
                for name in ReportText.TEXT_FIELDS
                if name != "summary"
            },
        }


class SignForm(StyledForm, forms.Form):
    number = forms.CharField(label="Số, ký hiệu báo cáo", max_length=60, required=False)
    signed_on = forms.DateField(label="Ngày ký", widget=DateInput(), required=False)


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ConferenceForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="Loại hội nghị", choices=ReviewConference.Kind.choices)
    title = forms.CharField(label="Tên hội nghị", max_length=500)
    period_start = forms.DateField(label="Kỳ đánh giá từ ngày", widget=DateInput())
    period_end = forms.DateField(label="đến ngày", widget=DateInput())
    held_on = forms.DateField(label="Ngày tổ chức", widget=DateInput())
    venue = forms.CharField(label="Địa điểm", max_length=255, required=False)
    participants = forms.ModelMultipleChoiceField(
        label="Thành phần tham dự",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["participants"].queryset = candidates


class InvitationForm(StyledForm, forms.Form):
    number = forms.CharField(label="Số giấy mời", max_length=60, required=False)
    invited_on = forms.DateField(label="Ngày giấy mời", widget=DateInput(), required=False)


class DocumentForm(StyledForm, forms.Form):
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)
    link = forms.URLField(label="Đường dẫn", required=False, assume_scheme="https")


class ConclusionForm(StyledForm, forms.Form):
    text = forms.CharField(label="Nội dung kết luận", widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=Organisation.objects.none())
    due = forms.DateField(label="Thời hạn", widget=DateInput())

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["lead"].queryset = candidates


class ConcludeForm(StyledForm, forms.Form):
    number = forms.CharField(label="Số thông báo kết luận", max_length=60, required=False)


class AwardForm(StyledForm, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Tập thể (cơ quan)", queryset=Organisation.objects.none()
    )
    official = forms.CharField(label="Cá nhân (nếu có)", max_length=150, required=False)
    title = forms.CharField(label="Hình thức khen", max_length=200, initial="Bằng khen")
    reason = forms.CharField(label="Thành tích", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["organisation"].queryset = candidates


class PeriodForm(StyledForm, forms.Form):
    tu = forms.DateField(label="Từ ngày", widget=DateInput(), required=False)
    den = forms.DateField(label="Đến ngày", widget=DateInput(), required=False)


PLACEHOLDER_HELP = "Chỗ điền dùng được: " + ", ".join(
    "{" + key + "} (" + label + ")" for key, label in PLACEHOLDERS.items()
)


class TemplateForm(StyledForm, forms.Form):
    name = forms.CharField(label="Tên mẫu", max_length=200)
    summary = forms.CharField(label="Trích yếu", max_length=500, help_text=PLACEHOLDER_HELP)
    opening = forms.CharField(label="Mở đầu", widget=forms.Textarea(attrs={"rows": 3}))
    closing = forms.CharField(label="Kết thúc", widget=forms.Textarea(attrs={"rows": 3}))
    is_default = forms.BooleanField(label="Mẫu mặc định của quy chế", required=False)

    def data_object(self) -> TemplateData:
        return TemplateData(**self.cleaned_data)


class CriterionForm(StyledForm, forms.Form):
    label = forms.CharField(label="Tiêu chí", max_length=200)
    numerator_key = forms.ChoiceField(label="Số liệu tử số (phần đạt)")
    denominator_key = forms.ChoiceField(label="Số liệu mẫu số (tổng số)")
    weight = forms.IntegerField(label="Trọng số (%)", help_text="Số nguyên từ 0 đến 100.")
    order = forms.IntegerField(label="Thứ tự", required=False, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(key, f"{label} ({key})") for key, label in sorted(figure_catalogue().items())]
        for name in ("numerator_key", "denominator_key"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = "Chọn một số liệu trong danh sách."

    def data_object(self) -> CriterionData:
        return CriterionData(**(self.cleaned_data | {"order": self.cleaned_data["order"] or 0}))


class ReviewDefaultsForm(StyledForm, forms.Form):
    preliminary_review_by_day = forms.IntegerField(
        label="Sơ kết năm tổ chức trước ngày (tháng 1)", help_text="Mặc định: 15."
    )
    final_review_within_months = forms.IntegerField(
        label="Tổng kết giai đoạn trong vòng (tháng sau khi kết thúc)", help_text="Mặc định: 3."
    )
