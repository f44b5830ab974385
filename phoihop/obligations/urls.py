from django.urls import path

from . import views

app_name = "obligations"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("dem/", views.count, name="count"),
]
