from django import forms

from phoihop.accounts.models import Membership, User
from phoihop.core.forms import DateInput, StyledForm

from .models import AdminUnit, Organisation
from .services import OrganisationData

DESCRIBING_FIELDS = ["name", "short_name", "kind", "side", "admin_unit", "symbol", "parent_name"]


class AdminUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.is_province else f"{obj.name} ({obj.parent.name})"


class OrganisationForm(StyledForm, forms.ModelForm):
    """Describes a body; the seat is chosen within the parent's province."""

    admin_unit = AdminUnitChoiceField(
        AdminUnit.objects.none(), required=False, label="Địa bàn đóng trụ sở"
    )

    class Meta:
        model = Organisation
        fields = [*DESCRIBING_FIELDS, "valid_from"]
        widgets = {"valid_from": DateInput()}

    def __init__(self, *args, province: AdminUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdminUnit.objects.select_related("parent")
        if province is not None:
            units = units.filter(pk=province.pk) | units.filter(parent=province)
        self.fields["admin_unit"].queryset = units.order_by("level", "name")

    def data_object(self) -> OrganisationData:
        values = {name: self.cleaned_data[name] for name in DESCRIBING_FIELDS}
        return OrganisationData(**values, valid_from=self.cleaned_data.get("valid_from"))


class FocalPointForm(StyledForm, forms.Form):
    leader = forms.ModelChoiceField(User.objects.none(), label="Lãnh đạo phụ trách")
    advisory_unit = forms.CharField(label="Đơn vị tham mưu", max_length=255)
    contacts = forms.ModelMultipleChoiceField(
        User.objects.none(),
        required=False,
        label="Cán bộ đầu mối",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        members = User.objects.filter(
            pk__in=Membership.objects.active().filter(organisation=organisation).values("user_id")
        )
        self.fields["leader"].queryset = members
        self.fields["contacts"].queryset = members


class ReorganisationForm(StyledForm, forms.Form):
    effective = forms.DateField(label="Ngày hiệu lực", widget=DateInput())
    basis = forms.CharField(label="Căn cứ (số, ký hiệu văn bản)", max_length=255, required=False)


class MergeForm(ReorganisationForm):
    others = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label="Hợp nhất cùng các cơ quan",
        widget=forms.CheckboxSelectMultiple,
    )
    name = forms.CharField(label="Tên cơ quan mới", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=60, required=False)
    symbol = forms.CharField(label="Ký hiệu trên văn bản", max_length=30, required=False)

    def __init__(self, *args, organisation: Organisation, siblings, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["others"].queryset = siblings

    def into(self) -> OrganisationData:
        first = self.organisation
        return OrganisationData(
            name=self.cleaned_data["name"],
            short_name=self.cleaned_data["short_name"],
            symbol=self.cleaned_data["symbol"],
            kind=first.kind,
            side=first.side,
            admin_unit=first.admin_unit,
            parent_name=first.parent_name,
        )


class SplitForm(ReorganisationForm):
    names = forms.CharField(
        label="Tên các cơ quan mới (mỗi dòng một cơ quan)",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Cơ quan ở dòng đầu tiên kế thừa hồ sơ, số liệu của cơ quan cũ.",
    )

    def clean_names(self):
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if len(names) < 2:
            raise forms.ValidationError("Cần ít nhất hai cơ quan mới, mỗi cơ quan một dòng.")
        if any(len(name) > 255 for name in names):
            raise forms.ValidationError("Tên cơ quan dài quá 255 ký tự.")
        return names

    def parts(self, organisation: Organisation) -> list[OrganisationData]:
        return [
            OrganisationData(
                name=name,
                kind=organisation.kind,
                side=organisation.side,
                admin_unit=organisation.admin_unit,
                parent_name=organisation.parent_name,
            )
            for name in self.cleaned_data["names"]
        ]
