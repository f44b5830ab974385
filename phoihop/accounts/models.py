from django.contrib.auth.models import AbstractUser
from django.db import models

from phoihop.core.scoping import ScopedQuerySet

from .roles import Role


class User(AbstractUser):
    """A person who signs in. Officials only: the system keeps no profiles of citizens."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    job_title = models.CharField("chức vụ", max_length=150, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username


class MembershipQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation__path"

    def active(self):
        return self.filter(is_active=True)


class Membership(models.Model):
    """A user's role in one organisation; the only source of what a user may see and do."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    title = models.CharField("chức danh", max_length=150, blank=True)
    is_active = models.BooleanField("còn hiệu lực", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "vai trò trong cơ quan"
        verbose_name_plural = "vai trò trong cơ quan"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]
        ordering = ["organisation__path", "role"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.organisation}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id
