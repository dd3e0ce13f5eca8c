"""The administration site: accounts, memberships and reference data, for administrators.

Every save goes through the services (validated and audited); nothing is deleted here: accounts
are switched off and memberships revoked, so the history stays.
"""

from contextvars import ContextVar

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra.accounts import services as account_services
from reintegra.accounts.models import Membership, User
from reintegra.cases import assessments
from reintegra.cases.models import (
    AnswerScale,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    ScaleOption,
)
from reintegra.core.access import access_context
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role
from reintegra.knowledge import services as knowledge_services
from reintegra.knowledge import specialists as specialist_services
from reintegra.knowledge.models import QualificationCategory, Topic

_admin_actor: ContextVar[User | None] = ContextVar("reintegra_admin_actor", default=None)


class ReintegraAdminSite(admin.AdminSite):
    site_header = _("Reintegra administration")
    site_title = _("Reintegra administration")
    index_title = _("Accounts and reference data")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and access_context(user).has_role(Role.ADMINISTRATOR)


admin_site = ReintegraAdminSite(name="admin")


class AdministratorOnly:
    """Model permissions follow the administrator role, not Django's per-model permissions."""

    def has_module_permission(self, request) -> bool:
        return admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return admin_site.has_permission(request)

    def has_add_permission(self, request) -> bool:
        return admin_site.has_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return admin_site.has_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ServicePasswordChangeForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        return account_services.user_set_password(
            actor=_admin_actor.get(), user=self.user, password=self.cleaned_data["password1"]
        )


@admin.register(User, site=admin_site)
class ReintegraUserAdmin(AdministratorOnly, UserAdmin):
    change_password_form = ServicePasswordChangeForm
    list_display = ["username", "first_name", "last_name", "profession", "is_active", "last_login"]
    list_filter = ["is_active", "profession"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Work"), {"fields": ["profession", "language", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    *("username", "password1", "password2"),
                    *("first_name", "last_name", "email", "profession", "language"),
                ]
            },
        )
    ]
    readonly_fields = ["username", "last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["fields"] = [
                *("username", "password1", "password2"),
                *("first_name", "last_name", "email", "profession", "language"),
            ]
        return super().get_form(request, obj, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        token = _admin_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _admin_actor.reset(token)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if not change:
                created = account_services.user_create(
                    actor=request.user,
                    username=data["username"],
                    password=data["password1"],
                    first_name=data.get("first_name", ""),
                    last_name=data.get("last_name", ""),
                    email=data.get("email", ""),
                    profession=data.get("profession", ""),
                    language=data.get("language", ""),
                )
                obj.pk = created.pk
                obj._state.adding = False
                return
            stored = User.objects.get(pk=obj.pk)
            account_services.user_update(
                actor=request.user,
                user=stored,
                **{
                    f: data[f]
                    for f in ("first_name", "last_name", "email", "phone", "profession", "language")
                    if f in data
                },
            )
            if "is_active" in data:
                account_services.user_set_active(
                    actor=request.user, user=stored, active=data["is_active"]
                )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))

    def save_related(self, request, form, formsets, change):
        """Groups and Django permissions are not used: memberships carry access."""


@admin.register(Membership, site=admin_site)
class MembershipAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = [
        "user",
        "role",
        "organisation",
        "scope",
        "valid_from",
        "valid_until",
        "revoked_at",
    ]
    list_filter = ["role", "scope", "organisation"]
    search_fields = ["user__username", "user__last_name", "organisation__code"]
    autocomplete_fields = ["user", "organisation"]
    actions = ["revoke"]
    fields = ["user", "organisation", "role", "scope", "permissions", "valid_from", "valid_until"]

    def get_readonly_fields(self, request, obj=None):
        # A membership is not edited: it is revoked and a new one granted, so history stays.
        return self.fields if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        try:
            created = account_services.membership_grant(
                actor=request.user,
                user=data["user"],
                organisation=data["organisation"],
                role=data["role"],
                scope=data["scope"],
                permissions=data.get("permissions") or [],
                valid_from=data.get("valid_from"),
                valid_until=data.get("valid_until"),
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
            return
        obj.pk = created.pk
        obj._state.adding = False

    @admin.action(description=_("Revoke the selected memberships now"))
    def revoke(self, request, queryset):
        for membership in queryset:
            account_services.membership_revoke(actor=request.user, membership=membership)
        self.message_user(request, _("Revoked."), messages.SUCCESS)


@admin.register(Region, site=admin_site)
class RegionAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # Regions come from the shipped reference data.


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["code", "name_ru", "kind", "region", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # Organisations are kept by the reference-data loader for now.


# --- Assessment instruments: configured by administrators -----------------------------------------
# They are reference data; the assessments made with them are kept, so nothing here is deleted
# (an instrument is switched off with its active flag). Saves go through the service, audited.


class InstrumentPartAdmin(AdministratorOnly, admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        assessments.instrument_part_save(actor=request.user, obj=obj, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        # save(commit=False) also records what changed, for the administration's history.
        instances = formset.save(commit=False)
        changed = {id(inline.instance): inline.changed_data for inline in formset.forms}
        for instance in instances:
            assessments.instrument_part_save(
                actor=request.user, obj=instance, changed=changed.get(id(instance), [])
            )


class AdministratorOnlyInline(AdministratorOnly):
    def has_add_permission(self, request, obj=None) -> bool:
        return admin_site.has_permission(request)


class ScaleOptionInline(AdministratorOnlyInline, admin.TabularInline):
    model = ScaleOption
    extra = 1
    fields = ["position", "code", "label_kk", "label_ru", "label_en"]


@admin.register(AnswerScale, site=admin_site)
class AnswerScaleAdmin(InstrumentPartAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    inlines = [ScaleOptionInline]


class InstrumentDomainInline(AdministratorOnlyInline, admin.StackedInline):
    model = InstrumentDomain
    extra = 0
    show_change_link = True
    fields = [
        ("position", "code"),
        ("name_kk", "name_ru", "name_en"),
        ("guidance_kk", "guidance_ru", "guidance_en"),
    ]


@admin.register(Instrument, site=admin_site)
class InstrumentAdmin(InstrumentPartAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "purpose", "is_active"]
    list_filter = ["purpose", "is_active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    inlines = [InstrumentDomainInline]


class InstrumentItemInline(AdministratorOnlyInline, admin.StackedInline):
    model = InstrumentItem
    extra = 0
    fields = [
        ("position", "code", "scale"),
        ("text_kk", "text_ru", "text_en"),
        ("guidance_kk", "guidance_ru", "guidance_en"),
    ]


@admin.register(InstrumentDomain, site=admin_site)
class InstrumentDomainAdmin(InstrumentPartAdmin):
    list_display = ["instrument", "position", "code", "name_ru"]
    list_filter = ["instrument"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    inlines = [InstrumentItemInline]


# --- The knowledge centre: topics and qualification categories -----------------------------------
# Reference data kept by administrators; saves go through the services, audited; nothing deleted.


@admin.register(Topic, site=admin_site)
class TopicAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    fields = ["code", "name_kk", "name_ru", "name_en"]

    def save_model(self, request, obj, form, change):
        knowledge_services.topic_save(actor=request.user, topic=obj, changed=form.changed_data)


@admin.register(QualificationCategory, site=admin_site)
class QualificationCategoryAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = [
        *(
            "code",
            "name_ru",
            "seniority",
            "min_years_experience",
            "required_trainings",
            "is_active",
        ),
    ]
    list_filter = ["is_active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    fields = [
        "code",
        ("name_kk", "name_ru", "name_en"),
        "seniority",
        "criteria",
        ("min_years_experience", "required_trainings"),
        "is_active",
    ]

    def save_model(self, request, obj, form, change):
        specialist_services.category_save(
            actor=request.user, category=obj, changed=form.changed_data
        )
