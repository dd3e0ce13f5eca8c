from django.urls import path

from reintegra.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list_view, name="event_list"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("verify/", views.verify, name="verify"),
]
