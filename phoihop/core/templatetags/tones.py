"""`tone_of`: the tone of a stored choice value, for `components/badge.html`.

A field read from the database holds the plain value ("closed"), not the member, so the template
names the choices class beside it; model instances expose their nested choices classes, and
Django never calls a choices class in a template:

    tone=concern.state|tone_of:concern.State
"""

from django import template

from phoihop.core.tones import Tone, TonedChoices

register = template.Library()


@register.filter
def tone_of(value: str, choices: type[TonedChoices]) -> Tone:
    return choices(value).tone
