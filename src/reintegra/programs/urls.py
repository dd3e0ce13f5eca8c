from django.urls import path

from reintegra.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/teams/", views.team_edit, name="team_edit"),
    path("<int:pk>/participants/", views.attendance_edit, name="attendance_edit"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/new/", views.target_set, name="target_set"),
    path("targets/<int:pk>/remove/", views.target_remove, name="target_remove"),
]
