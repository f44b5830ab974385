"""The default taxonomy of sectors, loaded as data (an administrator may change it later)."""

from __future__ import annotations

# (code, name, answer deadline in working days)
DEFAULT_CATEGORIES = [
    ("land", "Đất đai", 30),
    ("housing", "Nhà ở, xây dựng", 30),
    ("resettlement", "Bồi thường, giải phóng mặt bằng, tái định cư", 30),
    ("environment", "Môi trường", 20),
    ("social_insurance", "Bảo hiểm xã hội", 15),
    ("health", "Y tế", 15),
    ("education", "Giáo dục", 20),
    ("transport", "Giao thông", 20),
    ("prices", "Giá cả, thị trường", 10),
    ("public_order", "An ninh, trật tự", 10),
    ("other", "Khác", 30),
]


def load_categories(model) -> None:
    """Create the default categories that are missing (idempotent; used by the migration,
    the demo and the tests, whose flush wipes migration data)."""
    for order, (code, name, days) in enumerate(DEFAULT_CATEGORIES):
        model.objects.get_or_create(
            code=code, defaults={"name": name, "deadline_working_days": days, "order": order}
        )
