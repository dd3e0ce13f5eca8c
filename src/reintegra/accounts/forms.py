from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The login or password is wrong. After %(limit)s failed attempts the account is "
            "locked for %(minutes)s minutes."
        ),
        "inactive": _("This account is switched off."),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": settings.LOGIN_LOCKOUT_MINUTES,
            },
        )


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("first name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=30, required=False)
    language = forms.ChoiceField(
        label=_("interface language"),
        required=False,
        choices=[("", _("As the browser asks")), *list(settings.LANGUAGES)],
    )
