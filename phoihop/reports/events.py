"""How the reports app's events read in the audit trail and on timelines."""

EVENT_LABELS = {
    "report_template_created": "Thêm mẫu báo cáo",
    "report_template_updated": "Sửa mẫu báo cáo",
    "evaluation_criterion_created": "Thêm tiêu chí đánh giá",
    "evaluation_criterion_updated": "Sửa tiêu chí đánh giá",
    "evaluation_criterion_deleted": "Xóa tiêu chí đánh giá",
    "report_request_created": "Soạn yêu cầu báo cáo",
    "report_request_updated": "Sửa dự thảo yêu cầu báo cáo",
    "report_request_issued": "Ban hành yêu cầu báo cáo",
    "report_request_consolidated": "Tổng hợp báo cáo",
    "report_submission_started": "Bắt đầu soạn báo cáo",
    "report_submission_updated": "Sửa báo cáo",
    "report_stale_acknowledged": "Xác nhận đã rà soát đoạn cũ",
    "report_submission_review": "Trình lãnh đạo",
    "report_submission_redraft": "Sửa tiếp báo cáo",
    "report_submission_signed": "Ghi nhận ký báo cáo",
    "report_submission_submitted": "Gửi báo cáo",
    "report_submission_accepted": "Tiếp nhận báo cáo",
    "report_submission_returned": "Trả lại báo cáo",
    "consolidation_updated": "Sửa báo cáo tổng hợp",
    "consolidation_issued": "Ban hành báo cáo tổng hợp",
}
