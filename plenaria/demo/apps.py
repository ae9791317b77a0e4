from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo world (`make run` loads it): the top of the layering, it may use every
    app's services and no app uses it."""

    name = "plenaria.demo"
    verbose_name = _("Demo")
