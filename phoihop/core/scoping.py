"""Scoping in one place: what an actor may see, for every organisation-owned model.

Every model that belongs to an organisation uses a `ScopedQuerySet` (directly or through
`ScopedManager`) and names the lookup to its owning organisation's tree path. Views and API
views read such data only through `visible_to(actor)` or `get_visible_or_404`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404

if TYPE_CHECKING:
    from .actor import Actor

M = TypeVar("M", bound=models.Model)


def path_filter(lookup: str, paths: tuple[str, ...]) -> Q:
    """Q matching rows whose `lookup` (a tree path) lies in one of `paths`' subtrees."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to what an actor may see.

    Subclasses set `scope_path_lookup` to the lookup that reaches the owning organisation's
    path, e.g. "organisation__path", or override `visible_to` for a different rule.
    """

    scope_path_lookup = "organisation__path"

    def visible_to(self, actor: Actor) -> ScopedQuerySet:
        if actor.sees_everything:
            return self.all()
        return self.filter(path_filter(self.scope_path_lookup, actor.scope_paths))


def get_visible_or_404(model: type[M] | ScopedQuerySet, actor: Actor, **lookup) -> M:
    """Fetch one object the actor may see; anything else is a 404, as if it did not exist.

    `model` may be a model or one of its scoped querysets (to add select_related).
    """
    queryset = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    assert isinstance(queryset, ScopedQuerySet), f"{queryset.model.__name__} is not scoped"
    try:
        return queryset.visible_to(actor).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Không tìm thấy") from exc


class ScopedThroughQuerySet(ScopedQuerySet):
    """Rows visible exactly when their parent is: a task's outputs follow the task.

    Subclasses name the relation to the parent in `scope_through`.
    """

    scope_through = ""

    def visible_to(self, actor: Actor) -> ScopedQuerySet:
        parent = self.model._meta.get_field(self.scope_through).related_model
        visible = parent._default_manager.all().visible_to(actor)
        return self.filter(**{f"{self.scope_through}__in": visible})
