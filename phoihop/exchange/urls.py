from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("di/", views.outbox, name="outbox"),
    path("soan/", views.dispatch_create, name="create"),
    path("<int:pk>/", views.dispatch_detail, name="detail"),
    path("<int:pk>/cong-van.docx", views.dispatch_docx, name="docx"),
    path("<int:pk>/sua/", views.dispatch_edit, name="edit"),
    path("<int:pk>/gui/", views.dispatch_send, name="send"),
    path("<int:pk>/gui-lai/", views.dispatch_resend, name="resend"),
    path("<int:pk>/huy/", views.dispatch_cancel, name="cancel"),
    path("<int:pk>/dinh-kem/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/tiep-nhan/", views.recipient_acknowledge, name="acknowledge"),
    path("<int:pk>/tra-loi/", views.dispatch_reply, name="reply"),
    path("<int:pk>/chuyen/", views.recipient_forward, name="forward"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
]
