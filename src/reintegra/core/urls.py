from django.urls import path

from reintegra.core import views

app_name = "core"
urlpatterns = [
    path("regions/", views.region_list, name="region_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
