from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from allauth.mfa.base.views import AuthenticateView
from allauth.mfa.models import Authenticator
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import sso
from .forms import ApiTokenForm, LanguageForm, LoginForm, ProfileForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    """The password log-in, with a button per single sign-on provider. A right password hands
    the user to allauth's log-in stages: the authenticator-code step (`SecondStepView`) when
    they have set one up, then the session."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        login = Login(user=user, redirect_url=self.get_success_url())
        response = perform_password_login(self.request, {"username": user.get_username()}, login)
        _set_language_cookie(response, user.language)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = sso.providers(self.request)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A provider's button posts here and is sent on to the provider: the browser follows
        # that redirect only if the page's form-action allows the provider's origin.
        origins = sorted({p.origin for p in context["sso_providers"] if p.origin})
        if origins:
            response._csp_update = {"form-action": origins}
        return response


def provider_login(request, provider_id: str):
    """allauth's start of a single sign-on; its confirmation page (a GET) posts to itself and
    is sent on to the provider, so that page's form-action allows the provider's origin too."""
    response = oidc_views.login(request, provider_id)
    origins = [p.origin for p in sso.providers(request) if p.id == provider_id and p.origin]
    if origins:
        response._csp_update = {"form-action": origins}
    return response


class SecondStepView(AuthenticateView):
    """allauth's authenticator-code step under axes: a wrong code counts as a failed log-in of
    the username (as a wrong password does), and a locked-out username gets no more tries."""

    def post(self, request, *args, **kwargs):
        credentials = {"username": self.stage.login.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return get_lockout_response(request, None, credentials)
        if self.form is not None and "code" in request.POST and self.form.is_valid():
            return self.form_valid(self.form)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return get_lockout_response(request, None, credentials)
        return self.form_invalid(self.form)


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        _set_language_cookie(response, user.language)
        return response
    return _profile_page(request, form=form)


def _profile_page(request, *, form, token_form=None, new_key=None, status=200):
    memberships = request.user.memberships.select_related("organisation")
    authenticators = set(request.user.authenticator_set.values_list("type", flat=True))
    context = {
        "form": form,
        "memberships": memberships,
        "token_form": token_form or ApiTokenForm(user=request.user),
        "tokens": request.user.api_tokens.all(),
        "new_key": new_key,
        "has_totp": Authenticator.Type.TOTP in authenticators,
        "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in authenticators,
        "has_password": request.user.has_usable_password(),
    }
    return render(request, "accounts/profile.html", context, status=status)


@never_cache  # the page with a new key on it is kept by no cache, the browser's included
@login_required
@require_POST
def token_create(request):
    """A new personal API token; its key is shown on this one answer, never again."""
    token_form = ApiTokenForm(request.POST, user=request.user)
    profile_form = ProfileForm(instance=request.user)
    if not token_form.is_valid():
        return _profile_page(request, form=profile_form, token_form=token_form, status=400)
    _token, key = token_form.issue()
    return _profile_page(request, form=profile_form, new_key=key)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    """Revoke a token (asked first): its owner's, or any for the platform admin. Someone
    else's token answers 404, as one that does not exist."""
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if not request.user.has_perm("accounts.revoke_apitoken", token):
        raise Http404
    if request.method == "POST":
        if token.revoke(by=request.user):
            messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect(f"{reverse('accounts:profile')}#api-tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user keeps the choice in their profile."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        _set_language_cookie(response, language)
    return response
