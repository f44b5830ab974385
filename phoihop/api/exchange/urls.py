"""Information exchange (XCH), under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("dispatches/", views.DispatchListView.as_view(), name="dispatches"),
    path("dispatches/inbox/", views.InboxView.as_view(), name="inbox"),
    path("dispatches/<int:pk>/", views.DispatchDetailView.as_view(), name="dispatch"),
    path("dispatches/<int:pk>/send/", views.DispatchSendView.as_view(), name="dispatch_send"),
    path("dispatches/<int:pk>/resend/", views.DispatchResendView.as_view(), name="dispatch_resend"),
    path(
        "dispatches/<int:pk>/recipients/",
        views.DispatchRecipientsView.as_view(),
        name="dispatch_recipients",
    ),
    path("dispatches/<int:pk>/reply/", views.DispatchReplyView.as_view(), name="dispatch_reply"),
    path(
        "recipients/<int:pk>/acknowledge/",
        views.RecipientAcknowledgeView.as_view(),
        name="recipient_acknowledge",
    ),
    path(
        "recipients/<int:pk>/forward/",
        views.RecipientForwardView.as_view(),
        name="recipient_forward",
    ),
]
