import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import ModelForm

from .models import ApiToken
from .sso import required_provider

User = get_user_model()
LOOKUP_MAX = 254  # the longest e-mail address; usernames are shorter


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong username or password. Both are case-sensitive."),
        "demo_disabled": _("Demo accounts are switched off on this server."),
        "sso_required": _(
            "%(organisation)s logs its members in with single sign-on: use the button "
            "“Log in with %(provider)s” below."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if (
            username
            and not settings.DEMO_LOGIN_ALLOWED
            and User.objects.filter(username=username, is_demo=True).exists()
        ):
            raise forms.ValidationError(self.error_messages["demo_disabled"], code="demo_disabled")
        # Said whatever the password: a member of such an organisation may have none here.
        user = User.objects.filter(username=username).first() if username else None
        requirement = required_provider(user, self.request) if user else None
        if requirement is not None:
            raise forms.ValidationError(
                self.error_messages["sso_required"],
                code="sso_required",
                params={
                    "organisation": requirement.organisation,
                    "provider": requirement.provider.name,
                },
            )
        return super().clean()


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "position", "phone", "language"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class UserLookupField(forms.CharField):
    """A person named by username or e-mail (either, case-insensitive); cleans to the User."""

    def __init__(self, *, active_only: bool = False, not_found=None, **kwargs):
        self.active_only = active_only
        self.not_found = not_found or _("No user with this username or e-mail.")
        # Bounded before the lookup: a long value is no user, and SQLite refuses a LIKE
        # pattern (iexact) past 50,000 characters with an error.
        kwargs.setdefault("max_length", LOOKUP_MAX)
        kwargs.setdefault("error_messages", {}).setdefault(
            "max_length",
            _("A username or e-mail has at most %(limit_value)d characters."),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        users = User.objects.filter(is_active=True) if self.active_only else User.objects.all()
        user = (
            users.filter(username__iexact=value).first()
            or users.filter(email__iexact=value).first()
        )
        if user is None:
            raise forms.ValidationError(self.not_found, code="not_found")
        return user


class JoinForm(UserCreationForm, ModelForm):
    """A new account for someone invited by e-mail: the address is the one the invitation was
    sent to (not typed), the rest they choose."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name"]

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["first_name"].required = True

    def clean(self):
        data = super().clean()
        if User.objects.filter(email__iexact=self.email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists: sign in with it and "
                    "open the invitation from your home page."
                )
            )
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = self.email
        if commit:
            user.save()
        return user


MAX_ACTIVE_TOKENS = 20


class ApiTokenForm(ModelForm):
    """A new personal API token: a name, its access and the day it expires."""

    expires_on = forms.DateField(label=_("Expires on"), required=False)

    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["expires_on"].help_text = _(
            "Empty: in %(default)d days. At most %(maximum)d days ahead."
        ) % {"default": self.default_days, "maximum": self.max_days}
        self.fields["expires_on"].widget.attrs.update(
            min=(self.today + datetime.timedelta(days=1)).isoformat(),
            max=(self.today + datetime.timedelta(days=self.max_days)).isoformat(),
        )

    @property
    def today(self) -> datetime.date:
        return timezone.localdate()

    @property
    def default_days(self) -> int:
        return settings.SIMITRA_API_TOKEN_DEFAULT_DAYS

    @property
    def max_days(self) -> int:
        return settings.SIMITRA_API_TOKEN_MAX_DAYS

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return self.today + datetime.timedelta(days=self.default_days)
        if day <= self.today:
            raise forms.ValidationError(_("Choose a day after today."), code="past")
        if day > self.today + datetime.timedelta(days=self.max_days):
            raise forms.ValidationError(
                _("A token may last at most %(maximum)d days."),
                code="too_far",
                params={"maximum": self.max_days},
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if ApiToken.objects.filter(user=self.user).active().count() >= MAX_ACTIVE_TOKENS:
            raise forms.ValidationError(
                _("You have %(count)d active tokens, the most allowed: revoke one first."),
                code="too_many",
                params={"count": MAX_ACTIVE_TOKENS},
            )
        return cleaned

    def expires_at(self) -> datetime.datetime:
        """The token works until the end of the chosen day, in the site's time zone."""
        end = datetime.datetime.combine(self.cleaned_data["expires_on"], datetime.time.max)
        return timezone.make_aware(end)

    def issue(self) -> tuple[ApiToken, str]:
        return ApiToken.objects.issue(
            user=self.user,
            name=self.cleaned_data["name"],
            scope=self.cleaned_data["scope"],
            expires_at=self.expires_at(),
        )
