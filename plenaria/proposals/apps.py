from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plenaria.proposals"
    verbose_name = _("Deliberation")

    def ready(self):
        from plenaria.conferences import services as conference_services
        from plenaria.proposals.selectors import method_lock

        conference_services.METHOD_LOCKS.append(method_lock)
