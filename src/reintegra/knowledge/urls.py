from django.urls import path

from reintegra.knowledge import views, views_specialists

app_name = "knowledge"
urlpatterns = [
    path("", views.material_list, name="material_list"),
    path("new/", views.material_create, name="material_create"),
    path("<int:pk>/", views.material_detail, name="material_detail"),
    path("<int:pk>/edit/", views.material_edit, name="material_edit"),
    path("<int:pk>/publish/", views.material_publish, name="material_publish"),
    path("<int:pk>/questions/new/", views.qa_add, name="qa_add"),
    path("<int:pk>/attachments/new/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("questions/", views.qa_browse, name="qa_browse"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("specialists/", views_specialists.specialist_list, name="specialist_list"),
    path("specialists/new/", views_specialists.specialist_create, name="specialist_create"),
    path("specialists/report/", views_specialists.specialist_report, name="specialist_report"),
    path("specialists/<int:pk>/", views_specialists.specialist_detail, name="specialist_detail"),
    path("specialists/<int:pk>/edit/", views_specialists.specialist_edit, name="specialist_edit"),
    path(
        "specialists/<int:pk>/certificates/new/",
        views_specialists.certificate_add,
        name="certificate_add",
    ),
    path(
        "certificates/expiring/",
        views_specialists.certificate_expiring,
        name="certificate_expiring",
    ),
    path(
        "certificates/<int:pk>/file/",
        views_specialists.certificate_download,
        name="certificate_download",
    ),
]
