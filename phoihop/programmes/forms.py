from django import forms

from phoihop.core.forms import DateInput, StyledForm
from phoihop.core.params import query_number
from phoihop.organisations.models import Organisation

from .models import ContentItem, Programme, ProgrammeParty, Task
from .services import ProgrammeData, TaskData

PROGRAMME_TEXT_FIELDS = ["title", "kind", "basis", "start", "end", "grounds", "methods"]


class BodyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProgrammeForm(StyledForm, forms.ModelForm):
    content_items = forms.ModelMultipleChoiceField(
        ContentItem.objects.none(),
        label="Nội dung phối hợp",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Programme
        fields = PROGRAMME_TEXT_FIELDS
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "grounds": forms.Textarea(attrs={"rows": 3}),
            "methods": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, regime, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_items"].queryset = regime.content_items.all()

    def data_object(self) -> ProgrammeData:
        return ProgrammeData(**{name: self.cleaned_data[name] for name in PROGRAMME_TEXT_FIELDS})


class ProgrammeCreateForm(ProgrammeForm):
    parties = BodyChoiceField(
        Organisation.objects.none(),
        label="Cơ quan ký kết cùng Ban",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = candidates


class PartyForm(StyledForm, forms.ModelForm):
    class Meta:
        model = ProgrammeParty
        fields = [
            "signing_body",
            "authority",
            "signatory_title",
            "signatory_name",
            "document_number",
            "document_date",
        ]
        widgets = {"document_date": DateInput()}


class PartyAddForm(StyledForm, forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="Thêm bên ký kết")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PlanForm(StyledForm, forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)


class TaskForm(StyledForm, forms.Form):
    title = forms.CharField(label="Nhiệm vụ", max_length=500)
    description = forms.CharField(
        label="Nội dung cụ thể", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead = forms.ModelChoiceField(Organisation.objects.none(), label="Đơn vị chủ trì")
    cooperating = BodyChoiceField(
        Organisation.objects.none(),
        label="Đơn vị phối hợp",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due = forms.DateField(label="Thời hạn (ngày)", required=False, widget=DateInput())
    due_in_working_days = forms.IntegerField(
        label="hoặc: số ngày làm việc kể từ hôm nay", required=False, min_value=0, max_value=1000
    )
    expected_output = forms.ChoiceField(label="Sản phẩm dự kiến", choices=Task.OutputKind.choices)
    content_items = forms.ModelMultipleChoiceField(
        ContentItem.objects.none(),
        label="Thuộc nội dung",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, bodies, content_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = bodies
        self.fields["cooperating"].queryset = bodies
        self.fields["content_items"].queryset = content_items

    def data_object(self) -> TaskData:
        data = self.cleaned_data
        return TaskData(
            title=data["title"],
            description=data["description"],
            lead=data["lead"],
            due=data["due"],
            due_in_working_days=data["due_in_working_days"],
            expected_output=data["expected_output"],
        )


class ProgressForm(StyledForm, forms.Form):
    progress = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)


class DeferForm(ReasonForm):
    new_due = forms.DateField(label="Thời hạn mới", widget=DateInput())
    field_order = ["new_due", "reason"]


class OutputForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="Loại sản phẩm", choices=Task.OutputKind.choices)
    title = forms.CharField(label="Tên sản phẩm", max_length=500)
    produced_on = forms.DateField(label="Ngày", widget=DateInput())
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="Đơn vị thực hiện")
    count = forms.IntegerField(label="Số lượng", min_value=1, max_value=100000, initial=1)
    link = forms.URLField(label="Đường dẫn", required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label="Tệp đính kèm", required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = bodies


class AttachmentForm(StyledForm, forms.Form):
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)
    file = forms.FileField(label="Tệp")


class ImportForm(StyledForm, forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) đã xuất từ hệ thống, tối đa 10 MB")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx xuất từ hệ thống.")
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        return upload


class DeadlinesForm(StyledForm, forms.Form):
    reminder_days = forms.CharField(
        label="Nhắc trước hạn (ngày làm việc, cách nhau bởi dấu phẩy)", max_length=40
    )
    escalate_focal_leader_after = forms.IntegerField(
        label="Báo lãnh đạo đầu mối sau hạn (ngày làm việc)", min_value=1, max_value=60
    )
    escalate_board_leader_after = forms.IntegerField(
        label="Báo lãnh đạo Ban sau hạn (ngày làm việc)", min_value=1, max_value=60
    )

    def clean_reminder_days(self):
        parts = [p.strip() for p in self.cleaned_data["reminder_days"].split(",") if p.strip()]
        if not parts or not all(query_number(p) is not None for p in parts):
            raise forms.ValidationError("Nhập các số ngày, ví dụ: 3, 0")
        return [int(p) for p in parts]


class AssignmentDueForm(StyledForm, forms.Form):
    due = forms.DateField(label="Hạn của đơn vị phối hợp", widget=DateInput())
