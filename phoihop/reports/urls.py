from django.urls import path

from . import config_views, review_views, views

app_name = "reports"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("yeu-cau/tao-moi/", views.request_create, name="create"),
    path("tinh-hinh-nop/", views.grid, name="grid"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request"),
    path("yeu-cau/<int:pk>/sua/", views.request_edit, name="request_edit"),
    path("yeu-cau/<int:pk>/ban-hanh/", views.request_issue, name="request_issue"),
    path("yeu-cau/<int:pk>/tong-hop/", views.request_consolidate, name="request_consolidate"),
    path("yeu-cau/<int:pk>/bao-cao-tong-hop/", views.consolidation, name="consolidation"),
    path(
        "yeu-cau/<int:pk>/bao-cao-tong-hop/ban-hanh/",
        views.consolidation_issue,
        name="consolidation_issue",
    ),
    path(
        "yeu-cau/<int:pk>/bao-cao-tong-hop.docx",
        views.consolidation_docx,
        name="consolidation_docx",
    ),
    path(
        "yeu-cau/<int:pk>/bao-cao-tong-hop.pdf", views.consolidation_pdf, name="consolidation_pdf"
    ),
    path("so-ket-tong-ket/", review_views.conference_list, name="conferences"),
    path("so-ket-tong-ket/tao-moi/", review_views.conference_create, name="conference_create"),
    path("so-ket-tong-ket/<int:pk>/", review_views.conference_detail, name="conference"),
    path(
        "so-ket-tong-ket/<int:pk>/thao-tac/",
        review_views.conference_action,
        name="conference_action",
    ),
    path("khen-thuong/", review_views.award_list, name="awards"),
    path("khen-thuong/<int:pk>/thao-tac/", review_views.award_action, name="award_action"),
    path("danh-gia/", review_views.evaluation_list, name="evaluations"),
    path("danh-gia.xlsx", review_views.evaluation_xlsx, name="evaluations_xlsx"),
    path("cau-hinh/", config_views.configuration, name="configuration"),
    path("cau-hinh/so-ket/", config_views.review_defaults, name="review_defaults"),
    path("cau-hinh/mau/tao-moi/", config_views.template_create, name="template_create"),
    path("cau-hinh/mau/<int:pk>/", config_views.template_edit, name="template"),
    path("cau-hinh/tieu-chi/tao-moi/", config_views.criterion_create, name="criterion_create"),
    path("cau-hinh/tieu-chi/<int:pk>/", config_views.criterion_edit, name="criterion"),
    path("cau-hinh/tieu-chi/<int:pk>/xoa/", config_views.criterion_delete, name="criterion_delete"),
    path("bao-cao/<int:pk>/", views.submission_detail, name="submission"),
    path("bao-cao/<int:pk>/thao-tac/", views.submission_action, name="submission_action"),
    path("bao-cao/<int:pk>/van-ban.docx", views.submission_docx, name="submission_docx"),
    path("bao-cao/<int:pk>/van-ban.pdf", views.submission_pdf, name="submission_pdf"),
]
