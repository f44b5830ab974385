"""How the exchange app's events read in the audit trail and on the dispatch's timeline."""

EVENT_LABELS = {
    "dispatch_created": "Soạn công văn",
    "dispatch_updated": "Sửa dự thảo công văn",
    "dispatch_cancelled": "Hủy dự thảo công văn",
    "dispatch_attachment_added": "Đính kèm tệp",
    "dispatch_sent": "Gửi công văn",
    "dispatch_resent": "Gửi lại cho nơi chưa nhận được",
    "dispatch_read": "Nơi nhận đã xem",
    "dispatch_acknowledged": "Nơi nhận đã tiếp nhận",
    "dispatch_replied": "Nơi nhận đã trả lời",
    "dispatch_forwarded": "Chuyển cơ quan có thẩm quyền",
}
