from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(sender, using="default", **kwargs):
    """The database cache's table (rate limits) comes with every `migrate`: `make
    migrate`, a deployment's migrate, the test database and the benches all get it,
    and nobody has to remember `createcachetable`. Does nothing when the cache is
    Redis or the table exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "plenaria.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.utils.module_loading import autodiscover_modules

        from plenaria.core import collation, site  # noqa: F401 - site registers its check

        # SQLite gets the Portuguese collation PostgreSQL has from ICU (core.collation).
        connection_created.connect(collation.register, dispatch_uid="plenaria.collation")

        post_migrate.connect(_create_cache_table, sender=self)
        # Each app's jobs module registers its kinds of background job (core.jobs).
        autodiscover_modules("jobs")
