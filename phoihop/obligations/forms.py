"""The filters of "Việc của tôi": capability, owing body, and which list."""

from django import forms

from phoihop.core.forms import StyledForm

from .selectors import WAITING, ObligationFilter
from .steps import Capability


class ObligationFilterForm(StyledForm, forms.Form):
    capability = forms.ChoiceField(
        label="Lĩnh vực", required=False, choices=[("", "Tất cả"), *Capability.choices]
    )
    organisation = forms.TypedChoiceField(
        label="Cơ quan", required=False, coerce=int, empty_value=None
    )
    nhom = forms.ChoiceField(
        label="Danh sách",
        required=False,
        choices=[("", "Việc của tôi"), (WAITING, "Chờ cơ quan khác (do tôi giao)")],
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = {m.organisation_id: m.organisation for m in actor.memberships}
        self.fields["organisation"].choices = [
            ("", "Tất cả"),
            *((pk, body.short_name or body.name) for pk, body in bodies.items()),
        ]

    def to_filter(self) -> ObligationFilter:
        """The filters asked for; a value that is not offered is left out (the form says so)
        and the others still apply."""
        self.is_valid()
        data = self.cleaned_data
        return ObligationFilter(
            capability=data.get("capability", ""),
            organisation_id=data.get("organisation"),
            waiting=data.get("nhom") == WAITING,
        )
