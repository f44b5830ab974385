from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("yeu-cau/tao-moi/", views.request_create, name="create"),
    path("tinh-hinh-nop/", views.grid, name="grid"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request"),
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
    path("bao-cao/<int:pk>/", views.submission_detail, name="submission"),
    path("bao-cao/<int:pk>/thao-tac/", views.submission_action, name="submission_action"),
    path("bao-cao/<int:pk>/van-ban.docx", views.submission_docx, name="submission_docx"),
    path("bao-cao/<int:pk>/van-ban.pdf", views.submission_pdf, name="submission_pdf"),
]
