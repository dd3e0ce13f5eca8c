from django.urls import path

from reintegra.tracing import views, views_merge

app_name = "tracing"
urlpatterns = [
    path("lists/", views.batch_list, name="batch_list"),
    path("lists/new/", views.batch_upload, name="batch_upload"),
    path("lists/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("lists/<int:pk>/discard/", views.batch_discard, name="batch_discard"),
    path("lists/<int:pk>/progress/", views.batch_progress, name="batch_progress"),
    path("lists/<int:pk>/review/", views.review, name="review"),
    path("rows/<int:pk>/decide/", views.row_decide, name="row_decide"),
    path("abroad/", views.abroad_list, name="abroad_list"),
    path("abroad/report/", views.abroad_report, name="abroad_report"),
    path("abroad/new/<int:person_pk>/", views.abroad_create, name="abroad_create"),
    path("abroad/<int:pk>/", views.abroad_detail, name="abroad_detail"),
    path("abroad/<int:pk>/status/", views.abroad_status_add, name="abroad_status_add"),
    path("abroad/<int:pk>/evidence/", views.abroad_evidence_add, name="abroad_evidence_add"),
]
urlpatterns += [
    path("people/<int:pk>/merge/", views_merge.merge_choose, name="merge_choose"),
    path("people/<int:pk>/merge/<int:other>/", views_merge.merge_confirm, name="merge_confirm"),
    path("merges/<int:pk>/undo/", views_merge.merge_undo, name="merge_undo"),
]
