from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.browser, name="browser"),
    path("dia-ban/<int:pk>/", views.admin_unit, name="admin_unit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/them-truc-thuoc/", views.create_child, name="create_child"),
    path("<int:pk>/dau-moi/", views.focal_point, name="focal_point"),
    path("<int:pk>/hop-nhat/", views.merge, name="merge"),
    path("<int:pk>/chia-tach/", views.split, name="split"),
]
