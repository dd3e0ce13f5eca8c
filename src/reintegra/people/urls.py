from django.urls import path

from reintegra.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("export.csv", views.person_export, name="person_export"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/family/", views.family, name="family"),
    path("<int:pk>/relationships/new/", views.relationship_add, name="relationship_add"),
    path("<int:pk>/returns/new/", views.return_add, name="return_add"),
    path("<int:pk>/names/new/", views.name_add, name="name_add"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
]
