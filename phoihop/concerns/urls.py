from django.urls import path

from . import views

app_name = "concerns"
urlpatterns = [
    path("", views.concern_list, name="list"),
    path("ghi-nhan/", views.concern_create, name="create"),
    path("goi-y/", views.concern_suggest, name="suggest"),
    path("cho-phan-loai/", views.concern_queue, {"name": "triage"}, name="triage_queue"),
    path("hdnd/", views.concern_queue, {"name": "council"}, name="council_queue"),
    path("ubnd/", views.concern_queue, {"name": "committee"}, name="committee_queue"),
    path("co-quan-duoc-giao/", views.concern_queue, {"name": "agency"}, name="agency_queue"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/xuat-excel/", views.statistics_export, name="statistics_export"),
    path("luu-tru-lien-he/", views.retention, name="retention"),
    path("linh-vuc/", views.category_list, name="categories"),
    path("linh-vuc/them/", views.category_form, name="category_create"),
    path("linh-vuc/<int:pk>/sua/", views.category_form, name="category_edit"),
    path(
        "linh-vuc/<int:pk>/ngung-dung/",
        views.category_confirm,
        {"action": "deactivate"},
        name="category_deactivate",
    ),
    path(
        "linh-vuc/<int:pk>/dung-lai/",
        views.category_confirm,
        {"action": "activate"},
        name="category_activate",
    ),
    path(
        "linh-vuc/<int:pk>/xoa/",
        views.category_confirm,
        {"action": "delete"},
        name="category_delete",
    ),
    path("thong-tin-sai/", views.claim_list, name="claims"),
    path("thong-tin-sai/ghi-nhan/", views.claim_create, name="claim_create"),
    path("thong-tin-sai/<int:pk>/", views.claim_detail, name="claim"),
    path("<int:pk>/", views.concern_detail, name="detail"),
    path("<int:pk>/cap-nhat/", views.concern_edit, name="edit"),
    path("<int:pk>/goi-y/", views.concern_detail_suggestions, name="detail_suggestions"),
    path("<int:pk>/thao-tac/", views.concern_act, name="act"),
    path("<int:pk>/gop/", views.concern_merge, name="merge"),
    path("<int:pk>/tach/", views.concern_unmerge, name="unmerge"),
    path("<int:pk>/lien-he/", views.contact_add, name="contact_add"),
    path("lien-he/<int:pk>/xem/", views.contact_view, name="contact_view"),
]
