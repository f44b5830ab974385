from django.urls import include, path

from phoihop.programmes import views as programme_views

urlpatterns = [
    path("", include("phoihop.site.urls")),
    path("tai-khoan/", include("phoihop.accounts.urls")),
    path("co-quan/", include("phoihop.organisations.urls")),
    path("chuong-trinh/", include("phoihop.programmes.urls")),
    path("cong-van/", include("phoihop.exchange.urls")),
    path("vu-viec/", include("phoihop.incidents.urls")),
    path("van-de/", include("phoihop.concerns.urls")),
    path("bao-cao/", include("phoihop.reports.urls")),
    path("thong-bao/", include("phoihop.notifications.urls")),
    path("viec-cua-toi/", programme_views.my_work, name="my_work"),
    path("viec-can-lam/", include("phoihop.obligations.urls")),
    path("api/v1/", include("phoihop.api.urls")),
]

handler400 = "phoihop.site.views.bad_request"
handler403 = "phoihop.site.views.permission_denied"
handler404 = "phoihop.site.views.page_not_found"
handler500 = "phoihop.site.views.server_error"
