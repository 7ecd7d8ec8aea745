from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ApiTokenForm, LanguageForm, LoginForm, ProfileForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _set_language_cookie(response, form.get_user().language)
        return response


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
    context = {
        "form": form,
        "memberships": memberships,
        "token_form": token_form or ApiTokenForm(user=request.user),
        "tokens": request.user.api_tokens.all(),
        "new_key": new_key,
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
