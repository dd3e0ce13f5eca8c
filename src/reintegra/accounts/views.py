from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from reintegra.accounts import services
from reintegra.accounts.forms import LoginForm, ProfileForm
from reintegra.accounts.selectors import membership_list
from reintegra.web.forms import apply_service_errors


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _set_language_cookie(response, form.get_user().language)
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        # The change goes through the service (validated and audited), not form.save().
        user = services.user_set_password(
            actor=self.request.user,
            user=self.request.user,
            password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(self.request, user)
        return redirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.user_update(actor=user, user=user, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Your account was saved."))
                response = redirect("accounts:profile")
                _set_language_cookie(response, form.cleaned_data["language"])
                return response
    else:
        form = ProfileForm(
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "phone": user.phone,
                "language": user.language,
            }
        )
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": membership_list(user=user, of_user=user)},
    )


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """Shown instead of the login page while a login is locked after failed attempts."""
    return render(
        request,
        "accounts/locked_out.html",
        {"lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )
