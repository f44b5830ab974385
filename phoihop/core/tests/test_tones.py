from enum import nonmember

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from phoihop.concerns.models import Concern
from phoihop.core.tones import Tone, TonedChoices
from phoihop.reports.models import ReportSubmission


class PlanState(TonedChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã thống nhất"

    TONES = nonmember({"draft": Tone.WARNING, "approved": Tone.SUCCESS})


def test_a_member_and_a_stored_value_read_the_tone_declared_beside_the_choices():
    assert PlanState.APPROVED.tone is Tone.SUCCESS
    rendered = Template("{% load tones %}{{ value|tone_of:choices }}").render(
        Context({"value": "draft", "choices": PlanState})
    )
    assert rendered == "warning"


def test_a_missing_tone_fails_when_the_class_is_declared():
    with pytest.raises(TypeError, match=r"missing \['closed'\]"):

        class State(TonedChoices):
            OPEN = "open", "Mở"
            CLOSED = "closed", "Đóng"

            TONES = nonmember({"open": Tone.PRIMARY})


def test_a_misspelt_value_fails_when_the_class_is_declared():
    with pytest.raises(TypeError, match=r"unknown \['clossed'\]"):

        class State(TonedChoices):
            OPEN = "open", "Mở"
            CLOSED = "closed", "Đóng"

            TONES = nonmember({"open": Tone.PRIMARY, "closed": Tone.SUCCESS, "clossed": Tone.DARK})


def test_one_tone_for_every_member_cannot_be_mixed_with_a_mapping():
    with pytest.raises(TypeError, match="either tone= or TONES"):

        class State(TonedChoices, tone=Tone.LIGHT):
            OPEN = "open", "Mở"

            TONES = nonmember({"open": Tone.PRIMARY})


def test_one_tone_for_every_member_covers_them_all():
    assert {ReportSubmission.State(v).tone for v in ReportSubmission.State.values} == {
        Tone.SECONDARY
    }


def test_a_model_instance_hands_its_choices_class_to_the_filter_in_a_template():
    concern = Concern(state=Concern.State.CLOSED)
    rendered = Template("{% load tones %}{{ concern.state|tone_of:concern.State }}").render(
        Context({"concern": concern})
    )
    assert rendered == "success"


def test_the_badge_draws_the_tone_with_a_border_when_light_and_adds_nothing_after_itself():
    html = render_to_string(
        "components/badge.html", {"label": "chưa xem", "tone": Tone.LIGHT, "count": 3}
    )
    assert html.startswith('<span class="badge text-bg-light border"')
    assert html.endswith(">3 chưa xem</span>")
    html = render_to_string("components/badge.html", {"label": "Cao", "tone": "danger"})
    assert html == '<span class="badge text-bg-danger"\n>Cao</span>'
