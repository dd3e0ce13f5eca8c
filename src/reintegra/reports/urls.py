from django.urls import path

from reintegra.reports import views, views_dashboard

app_name = "reports"
urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_export, {"format": "xlsx"}, name="dashboard_xlsx"),
    path("dashboard.csv.zip", views.dashboard_export, {"format": "csv"}, name="dashboard_csv"),
    path("dashboard.pdf", views.dashboard_export, {"format": "pdf"}, name="dashboard_pdf"),
    path(
        "indicators/<str:code>.xlsx",
        views.indicator_export,
        {"format": "xlsx"},
        name="indicator_xlsx",
    ),
    path(
        "indicators/<str:code>.csv",
        views.indicator_export,
        {"format": "csv"},
        name="indicator_csv",
    ),
    path("partner/", views.partner_export, name="partner_export"),
    path("published/", views.published_list, name="published_list"),
    path("people.xlsx", views.person_export_xlsx, name="person_xlsx"),
    path("cases.xlsx", views.case_export_xlsx, name="case_xlsx"),
    path("cases/<int:pk>/summary.pdf", views.case_summary, name="case_summary"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/rows/", views.export_rows, name="export_rows"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
