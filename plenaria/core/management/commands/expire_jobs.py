from django.core.management.base import BaseCommand

from plenaria.core import jobs


class Command(BaseCommand):
    help = (
        "Deletes the files of finished background jobs past their expiry, marks jobs whose "
        "worker died as failed, and deletes job rows older than 30 days. Starting a job "
        "does the same; run this hourly where jobs are rare."
    )

    def handle(self, *args, **options):
        counts = jobs.tidy()
        self.stdout.write(
            "expired files: {expired}, stopped jobs: {stopped}, deleted rows: {deleted}".format(
                **counts
            )
        )
