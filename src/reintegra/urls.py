from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from reintegra.accounts import api as accounts_api
from reintegra.audit import api as audit_api
from reintegra.cases import api as cases_api
from reintegra.cases import api_assessments, api_referrals
from reintegra.core import api as core_api
from reintegra.knowledge import api as knowledge_api
from reintegra.people import api as people_api
from reintegra.registry import api as registry_api
from reintegra.reports import api as reports_api
from reintegra.tracing import api as tracing_api
from reintegra.web import views as web_views
from reintegra.web.admin import admin_site

router = DefaultRouter()
router.register("regions", core_api.RegionViewSet, basename="region")
router.register("organisations", core_api.OrganisationViewSet, basename="organisation")
router.register("audit/events", audit_api.EventViewSet, basename="event")
router.register("people", people_api.PersonViewSet, basename="person")
router.register("names", people_api.PersonNameViewSet, basename="name")
router.register("documents", people_api.IdentityDocumentViewSet, basename="document")
router.register("relationships", people_api.RelationshipViewSet, basename="relationship")
router.register("returns", people_api.ReturnViewSet, basename="return")
router.register("cases", cases_api.CaseViewSet, basename="case")
router.register("observations", cases_api.ObservationViewSet, basename="observation")
router.register("consents", cases_api.ConsentViewSet, basename="consent")
router.register("services", cases_api.ServiceViewSet, basename="service")
router.register("plans", cases_api.PlanViewSet, basename="plan")
router.register("approvals", cases_api.ApprovalViewSet, basename="approval")
router.register("tasks", cases_api.TaskViewSet, basename="task")
router.register("emergency-access", cases_api.EmergencyAccessViewSet, basename="emergency-access")
router.register("referrals", api_referrals.ReferralViewSet, basename="referral")
router.register("transfers", api_referrals.TransferViewSet, basename="transfer")
router.register("instruments", api_assessments.InstrumentViewSet, basename="instrument")
router.register("assessments", api_assessments.AssessmentViewSet, basename="assessment")
router.register(
    "banned-organisations",
    registry_api.BannedOrganisationViewSet,
    basename="banned-organisation",
)
router.register("banned-materials", registry_api.BannedMaterialViewSet, basename="banned-material")

router.register("abroad-records", tracing_api.AbroadRecordViewSet, basename="abroad-record")
router.register("import-batches", tracing_api.ImportBatchViewSet, basename="import-batch")
router.register("import-rows", tracing_api.ImportRowViewSet, basename="import-row")
router.register("indicators", reports_api.IndicatorViewSet, basename="indicator")
router.register("materials", knowledge_api.MaterialViewSet, basename="material")
router.register("topics", knowledge_api.TopicViewSet, basename="topic")

api_patterns = [
    path("", include(router.urls)),
    path("me/", accounts_api.me, name="me"),
    path("audit/verify/", audit_api.audit_verify, name="audit-verify"),
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz/", web_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("reintegra.accounts.urls")),
    path("reference/", include("reintegra.core.urls")),
    path("people/", include("reintegra.people.urls")),
    path("cases/", include("reintegra.cases.urls")),
    path("activities/", include("reintegra.programs.urls")),
    path("audit/", include("reintegra.audit.urls")),
    path("reports/", include("reintegra.reports.urls")),
    path("register/", include("reintegra.registry.urls")),
    path("knowledge/", include("reintegra.knowledge.urls")),
    path("tracing/", include("reintegra.tracing.urls")),
    path("api/", include((api_patterns, "api"))),
    path("admin/", admin_site.urls),
]
handler400 = "reintegra.web.views.bad_request"
