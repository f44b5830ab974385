"""The obligations API's routes, included by phoihop/api/urls.py under the `api` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("me/obligations/", views.MyObligationsView.as_view(), name="my_obligations"),
]
