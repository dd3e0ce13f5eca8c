from django.urls import path

from reintegra.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export.csv", views.case_export, name="case_export"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/observations/new/", views.observation_add, name="observation_add"),
    path("<int:pk>/services/new/", views.service_add, name="service_add"),
    path("<int:pk>/timeline/", views.case_timeline, name="case_timeline"),
    path("for/<int:person_pk>/new/", views.case_create, name="case_create"),
    path("consents/for/<int:person_pk>/new/", views.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
