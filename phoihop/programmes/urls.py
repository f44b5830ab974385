from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("tao-moi/", views.programme_create, name="create"),
    path("bao-phu/", views.coverage, name="coverage"),
    path("quy-che/", views.regimes, name="regimes"),
    path("<int:pk>/dinh-kem/", views.attachment_add, name="attachment_add"),
    path("tai-lieu/<int:pk>/", views.attachment_download, name="attachment"),
    path("san-pham/<int:pk>/tep/", views.output_download, name="output_file"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/sua/", views.programme_edit, name="edit"),
    path("<int:pk>/van-ban.docx", views.programme_docx, name="docx"),
    path("<int:pk>/van-ban.pdf", views.programme_pdf, name="pdf"),
    path("<int:pk>/thao-tac/", views.programme_action, name="action"),
    path("<int:pk>/nhac-han/", views.programme_deadlines, name="deadlines"),
    path("<int:pk>/them-ben-ky/", views.party_add, name="party_add"),
    path("<int:pk>/lap-ke-hoach/", views.plan_create, name="plan_create"),
    path("ben-ky/<int:pk>/", views.party_edit, name="party"),
    path("ben-ky/<int:pk>/bo/", views.party_remove, name="party_remove"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/them-nhiem-vu/", views.task_create, name="task_create"),
    path("ke-hoach/<int:pk>/xuat-excel/", views.plan_export, name="plan_export"),
    path("ke-hoach/<int:pk>/nhap-excel/", views.plan_import, name="plan_import"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/thao-tac/", views.task_action, name="task_action"),
    path("nhiem-vu/<int:pk>/tien-do/", views.task_progress, name="task_progress"),
    path("nhiem-vu/<int:pk>/lui-han/", views.task_defer, name="task_defer"),
    path("nhiem-vu/<int:pk>/huy/", views.task_cancel, name="task_cancel"),
    path("nhiem-vu/<int:pk>/chuyen-nam-sau/", views.task_carry_over, name="task_carry_over"),
    path("nhiem-vu/<int:pk>/san-pham/", views.output_add, name="output_add"),
    path("phan-cong/<int:pk>/han/", views.assignment_due, name="assignment_due"),
]
