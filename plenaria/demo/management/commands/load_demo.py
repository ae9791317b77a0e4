from django.core.management.base import BaseCommand

from plenaria.demo.world import load_demo


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo world ready. Logins (password for all):"))
        for username, password, what in logins:
            self.stdout.write(f"  {username:<18} {password:<15} {what}")
