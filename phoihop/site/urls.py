from django.urls import path

from . import views

# The namespace stays "core": these names ("core:home", "core:search"…) are what every app's
# templates and tests reverse, and they predate the site app.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("nhat-ky/", views.audit, name="audit"),
    path("nhat-ky/xuat-excel/", views.audit_export, name="audit_export"),
    path("cong-viec-nen/<int:pk>/", views.job_detail, name="job"),
    path("cong-viec-nen/<int:pk>/tai-ve/", views.job_download, name="job_download"),
    path("lich-lam-viec/", views.calendar, name="calendar"),
    path("lich-lam-viec/<int:pk>/xoa/", views.calendar_exception_remove, name="calendar_remove"),
    path("healthz", views.healthz, name="healthz"),
]
