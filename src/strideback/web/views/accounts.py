"""Server mode pages: sign-in, setting a password from a one-time link, a person's Sharing page (share
codes, who can read, revoke in one tap, the audit log, API tokens) (a clinician's pages are in `clinic.py`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from strideback.domain.accounts import Role
from strideback.web.server_access import account_of, server_mode
from strideback.web.views._common import page

login_view = auth_views.LoginView.as_view(
    template_name="strideback/accounts/login.html", redirect_authenticated_user=True
)
_logout = auth_views.LogoutView.as_view(next_page=reverse_lazy("login"))


def logout_view(request: HttpRequest) -> HttpResponseBase:
    """Sign out; the browser also drops what this site kept on the device (the service worker's copy
    of Today, check-ins queued offline), so the next person on a shared phone finds none of it."""
    response = _logout(request)
    if request.method == "POST":
        response["Clear-Site-Data"] = '"cache", "storage"'
    return response


password_change_view = auth_views.PasswordChangeView.as_view(
    template_name="strideback/accounts/form.html",
    success_url=reverse_lazy("today"),
    extra_context={"heading": "Change your password"},
)
set_password_view = auth_views.PasswordResetConfirmView.as_view(
    template_name="strideback/accounts/form.html",
    success_url=reverse_lazy("login"),
    extra_context={"heading": "Choose your password"},
)


def _person_account(request: HttpRequest):
    account = account_of(request) if server_mode() else None
    if account is None or account.role is not Role.PERSON:
        raise Http404("sharing is part of server mode")
    return account


@require_http_methods(["GET", "POST"])
def sharing_page(request: HttpRequest) -> HttpResponse:
    from strideback.services import accounts, consent

    account = _person_account(request)
    context: dict[str, object] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "invite":
            context["new_code"] = consent.invite(account)
        elif action == "revoke":
            consent.revoke(account, request.POST.get("clinician") or None)
            messages.success(request, "Access revoked.")
            return redirect("sharing")
        elif action == "token":
            context["new_token"] = accounts.create_token(account.email, request.POST.get("name", "")[:100])
        elif action == "revoke_tokens":
            accounts.revoke_tokens(account.email)
            messages.success(request, "All your API tokens are revoked.")
            return redirect("sharing")
    context |= {"shares": consent.shares(account), "audit": consent.audit_log(account)}
    response = page(request, "accounts/sharing.html", "sharing", context)
    response["Cache-Control"] = "no-store"  # a new code or token is shown once
    return response


@require_http_methods(["GET", "POST"])
def second_factor_page(request: HttpRequest) -> HttpResponse:
    """A clinician's TOTP: set up an authenticator app on first use (secret and otpauth link), then enter
    its six-digit code after each sign-in (django-otp)."""
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    account = account_of(request) if server_mode() else None
    if account is None or account.role is not Role.CLINICIAN:
        raise Http404("second factors are for clinicians")
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    error = ""
    if request.method == "POST":
        if device.verify_token(request.POST.get("token", "").strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            target = request.GET.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//") else "/clinic/")
        error = "That code is not right. Check the time on your phone and try the current code."
    import base64

    context = {
        "enrolling": enrolling,
        "secret": base64.b32encode(device.bin_key).decode() if enrolling else "",
        "config_url": device.config_url if enrolling else "",
        "error": error,
    }
    response = page(request, "accounts/second_factor.html", "clinic", context)
    response["Cache-Control"] = "no-store"
    return response
