from django import forms
from django.contrib.auth.forms import AuthenticationForm

from phoihop.core.forms import StyledForm
from phoihop.organisations.models import Organisation

from .models import User
from .roles import Role


class LoginForm(StyledForm, AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt "
        "chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class TokenForm(StyledForm, forms.Form):
    token = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name}"


class MembershipForm(StyledForm, forms.Form):
    organisation = OrganisationChoiceField(Organisation.objects.none(), label="Cơ quan")
    role = forms.ChoiceField(choices=Role.choices, label="Vai trò")
    title = forms.CharField(label="Chức danh", max_length=150, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(actor).current()


class UserCreateForm(MembershipForm):
    username = forms.RegexField(
        label="Tên đăng nhập",
        max_length=150,
        regex=r"^[a-z0-9_.-]+$",
        error_messages={"invalid": "Chỉ dùng chữ thường không dấu, số và các ký tự . _ -"},
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử")
    password = forms.CharField(
        label="Mật khẩu ban đầu", widget=forms.PasswordInput(render_value=False), max_length=128
    )
    field_order = ["username", "full_name", "email", "password", "organisation", "role", "title"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError("Tên đăng nhập này đã có người dùng.")
        return username
