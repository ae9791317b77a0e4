from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plenaria.voting"
    verbose_name = _("Plenary voting")
