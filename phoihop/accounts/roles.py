"""Roles a user holds in an organisation (PRODUCT.md, "Who uses it")."""

from django.db import models


class Role(models.TextChoices):
    BOARD_LEADER = "board_leader", "Lãnh đạo Ban (trưởng/phó ban)"
    BOARD_OFFICER = "board_officer", "Chuyên viên Ban"
    DUTY_OFFICER = "duty_officer", "Cán bộ trực"
    AGENCY_LEADER = "agency_leader", "Lãnh đạo phụ trách (đầu mối)"
    AGENCY_OFFICER = "agency_officer", "Chuyên viên tham mưu"
    COUNCIL_OFFICER = "council_officer", "Chuyên viên Văn phòng HĐND"
    COMMITTEE_OFFICER = "committee_officer", "Chuyên viên Văn phòng UBND"
    PARTY_STANDING = "party_standing", "Thường trực cấp ủy (chỉ xem)"
    CLERK = "clerk", "Văn thư"
    ADMIN = "admin", "Quản trị hệ thống"
    AUDITOR = "auditor", "Kiểm tra, bảo vệ dữ liệu cá nhân"


# Roles whose holders see their whole level: the board coordinates with every body at its level
# and sees the consolidated figures of the bodies below it.
LEVEL_SCOPED_ROLES = frozenset(
    {Role.BOARD_LEADER, Role.BOARD_OFFICER, Role.DUTY_OFFICER, Role.PARTY_STANDING}
)
# Roles that must use two-factor authentication where it is enforced.
PRIVILEGED_ROLES = frozenset({Role.ADMIN, Role.AUDITOR})

# The board's own working roles.
BOARD_ROLES = (Role.BOARD_LEADER, Role.BOARD_OFFICER)
# The roles that do a body's coordination work: they report on tasks, write its reports and
# answer what is owed by it. Reminders go to them; escalation goes to leaders.
WORKING_ROLES = (
    Role.AGENCY_LEADER,
    Role.AGENCY_OFFICER,
    Role.COUNCIL_OFFICER,
    Role.COMMITTEE_OFFICER,
    Role.BOARD_OFFICER,
)
