"""The steps each capability declares: what an obligation is about and how it is worded.

A capability lists its steps as `STEPS = [Step(...)]` in `<app>/obligations.py`; the registry
collects them through `core.plugins.app_modules("obligations")` once per process. The engine never
knows a capability's wording: the hand-off notice, the reminder and the escalation come from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from phoihop.accounts.roles import WORKING_ROLES, Role
from phoihop.core.plugins import app_modules

PLACEHOLDERS = frozenset({"label", "due", "body", "step"})


class Capability(models.TextChoices):
    PRG = "PRG", "Chương trình phối hợp"
    XCH = "XCH", "Trao đổi thông tin"
    INC = "INC", "Vụ việc phức tạp, nhạy cảm"
    CNC = "CNC", "Vấn đề dư luận quan tâm"
    RPT = "RPT", "Báo cáo"


@dataclass(frozen=True)
class Step:
    """One kind of obligation: `code` is stable ("task.report"), `title` names what is owed in
    lists, and `notice`, `reminder`, `escalation` are the Vietnamese texts of the three messages.
    They may use {label} (the object's safe label), {due} (the due time), {body} (the owing body)
    and {step} (the title). `roles` act at the owing body when the obligation names neither a
    person nor a role."""

    code: str
    capability: str
    title: str
    notice: str
    reminder: str
    escalation: str
    roles: tuple[str, ...] = WORKING_ROLES

    def check(self) -> None:
        """Stop start-up on a wording or role that would fail at the first notice."""
        if self.capability not in Capability.values:
            raise ImproperlyConfigured(f"{self.code}: unknown capability {self.capability!r}")
        unknown_roles = set(self.roles) - set(Role.values)
        if unknown_roles or not self.roles:
            raise ImproperlyConfigured(f"{self.code}: roles {sorted(unknown_roles)} are unknown")
        for text in (self.notice, self.reminder, self.escalation):
            names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
            if names - PLACEHOLDERS:
                raise ImproperlyConfigured(
                    f"{self.code}: unknown placeholders {sorted(names - PLACEHOLDERS)}"
                )

    def words(self, text: str, *, label: str, due: str, body: str) -> str:
        return text.format(label=label, due=due, body=body, step=self.title)


def collect(modules) -> dict[str, Step]:
    """The steps of `modules`, checked; a code declared twice is a configuration error.

    A module without `STEPS` declares none: `phoihop.api.obligations` (the API's package of the
    same name) is found by `app_modules("obligations")` too."""
    found: dict[str, Step] = {}
    for module in modules:
        for step in getattr(module, "STEPS", ()):
            if step.code in found:
                raise ImproperlyConfigured(f"Obligation step {step.code!r} is declared twice")
            step.check()
            found[step.code] = step
    return found


@lru_cache(maxsize=1)
def registered_steps() -> dict[str, Step]:
    return collect(app_modules("obligations"))


def step_for(code: str) -> Step:
    try:
        return registered_steps()[code]
    except KeyError as exc:
        raise ImproperlyConfigured(
            f"Obligation step {code!r} is not declared in any app's obligations.py"
        ) from exc


def title_of(code: str) -> str:
    """The step's title, or its code for a step no longer declared (the check reports it)."""
    step = registered_steps().get(code)
    return step.title if step is not None else code


def declared_codes() -> list[str]:
    return list(registered_steps())


def steps_by_role() -> dict[str, list[str]]:
    """Role → the codes of the steps that role acts on by default (no role named)."""
    acted: dict[str, list[str]] = defaultdict(list)
    for step in registered_steps().values():
        for role in step.roles:
            acted[role].append(step.code)
    return acted
