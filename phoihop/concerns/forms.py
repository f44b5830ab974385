"""Forms only parse input; the services validate and decide."""

from django import forms

from phoihop.core.forms import DateInput, StyledForm
from phoihop.incidents.models import Incident
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.models import Task

from .models import SUMMARY_MAX, Category, Claim, Concern, ConcernSource
from .selectors import linkable
from .services.corrections import CLAIM_FIELDS, ClaimData
from .services.recording import LINKS, ConcernData, SourceData
from .services.taxonomy import CategoryData
from .services.transitions import ActionInput, StepData


class CommuneChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LinkFields(forms.Form):
    """The case and the programme task a concern relates to, among those the actor sees."""

    incident = forms.ModelChoiceField(
        Incident.objects.none(),
        label="Vụ việc phức tạp, nhạy cảm liên quan",
        required=False,
        error_messages={"invalid_choice": LINKS["incident"]},
    )
    task = forms.ModelChoiceField(
        Task.objects.none(),
        label="Nhiệm vụ chương trình phối hợp liên quan",
        required=False,
        error_messages={"invalid_choice": LINKS["task"]},
    )

    def _limit_links(self, actor) -> None:
        self.fields["incident"].queryset = linkable(actor, "incident")
        self.fields["task"].queryset = linkable(actor, "task").order_by("-pk")

    def link_ids(self) -> dict[str, int | None]:
        return {
            f"{name}_id": getattr(self.cleaned_data[name], "pk", None)
            for name in ("incident", "task")
        }


class ConcernForm(StyledForm, LinkFields):
    field_order = [
        *("title", "summary", "category", "places", "first_seen", "scale", "trend"),
        *("source_kinds", "source_url", "incident", "task", "contact"),
    ]
    title = forms.CharField(label="Vấn đề (nêu ngắn gọn, khách quan)", max_length=300)
    summary = forms.CharField(
        label="Tóm tắt",
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Nêu sự việc, không ghi tên, địa chỉ người phản ánh.",
    )
    category = forms.ModelChoiceField(
        Category.objects.filter(is_active=True),
        label="Lĩnh vực",
        error_messages={"required": "Vui lòng chọn lĩnh vực của vấn đề."},
    )
    places = CommuneChoiceField(
        AdminUnit.objects.none(),
        label="Địa bàn (xã, phường, đặc khu)",
        error_messages={"required": "Vấn đề phải có ít nhất một địa bàn cấp xã."},
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    first_seen = forms.DateField(label="Xuất hiện từ ngày", widget=DateInput())
    scale = forms.ChoiceField(label="Mức độ lan rộng", choices=Concern.Scale.choices)
    trend = forms.ChoiceField(label="Xu hướng", choices=Concern.Trend.choices)
    source_kinds = forms.MultipleChoiceField(
        label="Nguồn thông tin",
        choices=ConcernSource.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    source_url = forms.URLField(
        label="Đường dẫn bài đăng công khai (nếu có)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Đường dẫn không hợp lệ (ví dụ https://baoquangngai.vn/…)."},
    )
    contact = forms.CharField(
        label="Thông tin liên hệ người kiến nghị (chỉ khi pháp luật buộc phải trả lời riêng)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Được mã hóa, chỉ cán bộ trực tiếp xử lý được xem, mỗi lần xem được ghi nhật ký.",
    )

    def __init__(self, *args, province: AdminUnit | None, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_links(actor)
        communes = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)
        self.fields["places"].queryset = (
            communes.filter(parent=province).order_by("name") if province else communes.none()
        )

    def data_object(self) -> ConcernData:
        data = self.cleaned_data
        return ConcernData(
            title=data["title"],
            summary=data["summary"],
            category=data["category"],
            first_seen=data["first_seen"],
            scale=data["scale"],
            trend=data["trend"],
            **self.link_ids(),
        )

    def sources(self) -> list[SourceData]:
        kinds = list(self.cleaned_data["source_kinds"])
        url = self.cleaned_data["source_url"]
        if url and ConcernSource.Kind.ONLINE_POST not in kinds:
            kinds.append(ConcernSource.Kind.ONLINE_POST)
        return [
            SourceData(kind=kind, url=url if kind == ConcernSource.Kind.ONLINE_POST else "")
            for kind in kinds
        ]


class ConcernUpdateForm(StyledForm, LinkFields):
    field_order = ["title", "summary", "places", "first_seen", "scale", "trend"]
    title = forms.CharField(label="Vấn đề", max_length=300)
    summary = forms.CharField(
        label="Tóm tắt",
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    places = CommuneChoiceField(
        AdminUnit.objects.none(),
        label="Địa bàn",
        error_messages={"required": "Vấn đề phải có ít nhất một địa bàn cấp xã."},
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    first_seen = forms.DateField(label="Xuất hiện từ ngày", widget=DateInput())
    scale = forms.ChoiceField(label="Mức độ lan rộng", choices=Concern.Scale.choices)
    trend = forms.ChoiceField(label="Xu hướng", choices=Concern.Trend.choices)

    def __init__(self, *args, province, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_links(actor)
        self.fields["places"].queryset = AdminUnit.objects.filter(
            level=AdminUnit.Level.COMMUNE, parent=province
        ).order_by("name")

    def update_values(self) -> dict:
        """The keyword arguments of `recording.concern_update`: the links as ids."""
        data = self.cleaned_data
        values = {name: data[name] for name in ("title", "summary", "first_seen", "scale", "trend")}
        return {**values, **self.link_ids(), "places": list(data["places"])}


class ActionForm(StyledForm, forms.Form):
    """Every step's input in one form; the service says which fields the action needs."""

    action = forms.CharField(widget=forms.HiddenInput)
    document_ref = forms.CharField(label="Số, ký hiệu văn bản", max_length=120, required=False)
    document_date = forms.DateField(label="Ngày văn bản", required=False, widget=DateInput())
    note = forms.CharField(
        label="Ghi chú, lý do",
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    category = forms.ModelChoiceField(
        Category.objects.filter(is_active=True), label="Lĩnh vực", required=False
    )
    competent_body = forms.ModelChoiceField(
        Organisation.objects.none(), label="Cơ quan có thẩm quyền", required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Cơ quan được giao (cơ quan đầu tiên chủ trì)",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    answer = forms.CharField(
        label="Nội dung trả lời",
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # An id, not a choice: a forged or stale id reaches the service, which says why it fails.
    transfer_to = forms.IntegerField(label="Chuyển đến cơ quan", required=False)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = bodies if bodies is not None else Organisation.objects.none()
        self.fields["competent_body"].queryset = bodies
        self.fields["agencies"].queryset = bodies

    def step(self) -> StepData:
        data = self.cleaned_data
        return StepData(
            document_ref=data["document_ref"],
            document_date=data["document_date"],
            note=data["note"],
        )

    def extra(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            category=data["category"],
            competent_body=data["competent_body"],
            agencies=list(data["agencies"]),
            answer=data["answer"],
            transfer_to_id=data["transfer_to"],
        )


class MergeForm(forms.Form):
    into = forms.IntegerField()


class ContactViewForm(StyledForm, forms.Form):
    reason = forms.CharField(label="Lý do xem", min_length=10, max_length=500)


class ContactForm(StyledForm, forms.Form):
    contact = forms.CharField(label="Thông tin liên hệ", max_length=500)


class RetentionForm(StyledForm, forms.Form):
    months = forms.IntegerField(
        label="Xóa thông tin liên hệ sau khi vấn đề kết thúc (tháng)", min_value=1, max_value=120
    )


class ClaimForm(StyledForm, forms.ModelForm):
    url = forms.URLField(
        label="Đường dẫn công khai",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )

    class Meta:
        model = Claim
        fields = CLAIM_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "correction": forms.Textarea(attrs={"rows": 3}),
            "first_seen": DateInput(),
            "corrected_on": DateInput(),
        }

    def __init__(self, *args, concerns, incidents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = concerns
        self.fields["concern"].label = "Vấn đề liên quan"
        self.fields["incident"].queryset = incidents
        self.fields["incident"].label = "Vụ việc phức tạp, nhạy cảm liên quan"
        self.fields["incident"].error_messages["invalid_choice"] = LINKS["incident"]
        self.fields["summary"].max_length = SUMMARY_MAX

    def _post_clean(self):
        """No model validation here: the service validates (and never on a half-built row)."""

    def data_object(self) -> ClaimData:
        data = self.cleaned_data
        return ClaimData(**{name: data[name] for name in self.Meta.fields})


class CategoryForm(StyledForm, forms.Form):
    """The operator's form for one sector; the service checks the values and says why."""

    code = forms.CharField(
        label="Mã (không dấu, duy nhất)",
        max_length=40,
        help_text="Ví dụ: dat_dai, moi_truong.",
        error_messages={"required": "Vui lòng nhập mã lĩnh vực."},
    )
    name = forms.CharField(
        label="Tên lĩnh vực",
        max_length=120,
        error_messages={"required": "Vui lòng nhập tên lĩnh vực."},
    )
    deadline_working_days = forms.IntegerField(
        label="Hạn giải quyết (ngày làm việc)",
        error_messages={
            "invalid": "Hạn giải quyết phải là một số ngày làm việc.",
            "required": "Vui lòng nhập hạn giải quyết (số ngày làm việc).",
        },
    )
    order = forms.IntegerField(
        label="Thứ tự hiển thị",
        initial=0,
        error_messages={"invalid": "Thứ tự hiển thị phải là một số."},
    )

    def data_object(self) -> CategoryData:
        return CategoryData(**self.cleaned_data)
