from django.core.management.base import BaseCommand

from plenaria.core import jobs, mail


class Command(BaseCommand):
    help = (
        "Deletes the files of finished background jobs past their expiry, marks jobs whose "
        "worker died as failed, deletes job rows older than 30 days and e-mails the mail "
        "server refused more than 7 days ago. Starting a job does the same for jobs; run "
        "this hourly."
    )

    def handle(self, *args, **options):
        counts = jobs.tidy()
        counts["emails"] = mail.tidy()
        self.stdout.write(
            "expired files: {expired}, stopped jobs: {stopped}, deleted rows: {deleted}, "
            "failed e-mails deleted: {emails}".format(**counts)
        )
