"""Staff sign-in (/entrar/ and the admin's) with limits on failed passwords: per
username and per address (core.ratelimit). While either is over its limit the
sign-in is refused before the password is checked, so the right password does not get
in either: otherwise a guesser would simply keep going until it did."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plenaria.core import ratelimit
from plenaria.core.net import address_bucket, client_address


class ThrottledLoginMixin:
    throttled: ratelimit.Throttled | None = None

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = address_bucket(client_address(self.request)) if self.request else ""
        # A username's failures count per network, so someone guessing from elsewhere
        # does not keep its owner out; all networks together have a higher ceiling.
        on_network = f"{username}|{address}"
        wait = max(
            ratelimit.LOGIN_ADDRESS.blocked(address) if address else 0,
            ratelimit.LOGIN_USERNAME.blocked(on_network) if username else 0,
            ratelimit.LOGIN_USERNAME_ALL.blocked(username) if username else 0,
        )
        if wait:
            self.throttled = ratelimit.Throttled(
                _("Too many failed sign-ins. Try again in %(wait)s.")
                % {"wait": ratelimit.describe_wait(wait)},
                retry_after=wait,
            )
            raise self.throttled
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                if address:
                    ratelimit.LOGIN_ADDRESS.hit(address)
                if username:
                    ratelimit.LOGIN_USERNAME.hit(on_network)
                    ratelimit.LOGIN_USERNAME_ALL.hit(username)
            raise


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class ThrottledLoginView(LoginView):
    """Django's LoginView; a throttled sign-in answers 429 with Retry-After."""

    form_class = ThrottledAuthenticationForm
    http_method_names = ["get", "post", "options"]

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.throttled.retry_after)
        return response
