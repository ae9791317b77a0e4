from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plenaria.delegates"
    verbose_name = _("Delegates")
