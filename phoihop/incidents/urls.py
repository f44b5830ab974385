from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("thong-bao/", views.incident_create, name="create"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/thao-tac/", views.incident_action, name="action"),
    path("<int:pk>/danh-gia/", views.incident_assess, name="assess"),
    path("<int:pk>/gop/", views.incident_merge, name="merge"),
    path("<int:pk>/dinh-huong/", views.orientation_save, name="orientation_save"),
    path("<int:pk>/dinh-huong/phe-duyet/", views.orientation_approve, name="orientation_approve"),
    path("<int:pk>/dinh-huong/phien-ban/", views.orientation_versions, name="orientation_versions"),
    path("<int:pk>/to-cong-tac/", views.member_add, name="member_add"),
    path("<int:pk>/nhat-ky/", views.log_append, name="log_append"),
    path("<int:pk>/bao-cao-tinh-hinh/", views.section_save, name="section_save"),
    path("<int:pk>/thong-cao/", views.release_create, name="release_create"),
    path("<int:pk>/hop-bao/", views.conference_record, name="conference_record"),
    path("thanh-vien/<int:pk>/roi-to/", views.member_remove, name="member_remove"),
    path("bao-cao-tinh-hinh/<int:pk>/", views.sitrep_action, name="sitrep_action"),
    path("thong-cao/<int:pk>/", views.release_detail, name="press_release"),
    path("thong-cao/<int:pk>/thao-tac/", views.release_action, name="release_action"),
]
