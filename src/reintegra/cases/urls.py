from django.urls import path

from reintegra.cases import (
    views,
    views_assessments,
    views_emergency,
    views_referrals,
    views_team,
)

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export.csv", views.case_export, name="case_export"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/observations/new/", views.observation_add, name="observation_add"),
    path("<int:pk>/services/new/", views.service_add, name="service_add"),
    path("<int:pk>/timeline/", views.case_timeline, name="case_timeline"),
    path("<int:pk>/team/", views_team.team_edit, name="team_edit"),
    path("<int:pk>/close/", views.closure_request, name="closure_request"),
    path("<int:pk>/plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/assessments/", views_assessments.assessment_list, name="assessment_list"),
    path("<int:pk>/assessments/new/", views_assessments.assessment_start, name="assessment_start"),
    path(
        "<int:pk>/assessments/changes/",
        views_assessments.assessment_changes,
        name="assessment_changes",
    ),
    path("assessments/<int:pk>/", views_assessments.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:pk>/answers/",
        views_assessments.assessment_answer,
        name="assessment_answer",
    ),
    path(
        "assessments/<int:pk>/need-level/",
        views_assessments.need_level_decide,
        name="need_level_decide",
    ),
    path(
        "assessments/<int:pk>/discard/",
        views_assessments.assessment_discard,
        name="assessment_discard",
    ),
    path("approvals/", views.approval_list, name="approval_list"),
    path("approvals/<int:pk>/", views.approval_decide, name="approval_decide"),
    path("<int:pk>/emergency/", views_emergency.emergency_access, name="emergency_access"),
    path("emergency/", views_emergency.emergency_list, name="emergency_list"),
    path("emergency/<int:pk>/end/", views_emergency.emergency_access_end, name="emergency_end"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/done/", views.task_complete, name="task_complete"),
    path("for/<int:person_pk>/new/", views.case_create, name="case_create"),
    path("consents/for/<int:person_pk>/new/", views.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/referrals/new/", views_referrals.referral_request, name="referral_request"),
    path("referrals/", views_referrals.referral_inbox, name="referral_inbox"),
    path("referrals/<int:pk>/", views_referrals.referral_detail, name="referral_detail"),
    path("<int:pk>/transfers/new/", views_referrals.transfer_request, name="transfer_request"),
    path("transfers/", views_referrals.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/", views_referrals.transfer_detail, name="transfer_detail"),
]
