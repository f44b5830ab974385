"""How the obligations' events read on the audit trail."""

EVENT_LABELS = {
    "obligation_opened": "Giao việc cần làm",
    "obligation_moved": "Chuyển việc cần làm sang cơ quan khác",
    "obligation_met": "Hoàn thành việc cần làm",
    "obligation_closed": "Đóng việc cần làm theo hồ sơ",
}
