from django import forms

from phoihop.core.forms import StyledForm

from .models import NotificationPreference


class PreferenceForm(StyledForm, forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_enabled", "daily_digest"]
