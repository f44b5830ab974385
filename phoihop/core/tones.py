"""The colour a choice is shown in: a `Tone` declared next to each choices class.

A badge's colour is presentation, but which states read as "done", "waiting" or "in trouble" is
knowledge about the states, so it is written once beside them instead of in each template:

    class State(TonedChoices):
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã thống nhất"

        TONES = nonmember({"draft": Tone.WARNING, "approved": Tone.SUCCESS})

    class State(TonedChoices, tone=Tone.LIGHT):  # every member in one tone
        ...

`enum.nonmember` keeps the mapping from becoming a member; it is keyed by the stored values
because the members do not exist yet while the class body runs. Templates read a stored value's
tone with the `tone_of` filter (`core/templatetags/tones.py`) and draw it with
`components/badge.html`; code holding a member reads `member.tone`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from django.db import models


class Tone(StrEnum):
    """Bootstrap's contextual colours, as used in `text-bg-<tone>`."""

    SUCCESS = "success"
    WARNING = "warning"
    DANGER = "danger"
    INFO = "info"
    SECONDARY = "secondary"
    PRIMARY = "primary"
    LIGHT = "light"
    DARK = "dark"


class TonedChoices(models.TextChoices):
    """TextChoices whose every member has a tone: a `TONES` mapping, or one `tone=` for all."""

    TONES: ClassVar[Mapping[str, Tone]]

    def __init_subclass__(cls, *, tone: Tone | None = None, **kwargs: object) -> None:
        # The members exist by now (Python 3.11+ creates them before __init_subclass__ runs), so
        # an incomplete or misspelt mapping fails when the models load, not on some page later.
        super().__init_subclass__(**kwargs)
        values = {member.value for member in cls}
        if tone is not None:
            if "TONES" in cls.__dict__:
                raise TypeError(f"{cls.__qualname__}: give either tone= or TONES, not both")
            cls.TONES = dict.fromkeys(values, tone)
        declared = set(getattr(cls, "TONES", {}))
        if declared != values:
            raise TypeError(
                f"{cls.__qualname__}.TONES must give a tone to exactly its values: "
                f"missing {sorted(values - declared)}, unknown {sorted(declared - values)}"
            )

    @property
    def tone(self) -> Tone:
        return self.TONES[self.value]
