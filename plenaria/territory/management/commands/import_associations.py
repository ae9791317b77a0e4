from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenaria.territory import services


class Command(BaseCommand):
    help = (
        "Import associations/regions and their members from a CSV "
        "(association;acronym;kind;state;ibge_code). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file: Path, **options):
        result = services.parse_association_csv(csv_file.read_bytes())
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} bad line(s); nothing imported.")
        added = services.association_import(actor=None, result=result)
        self.stdout.write(self.style.SUCCESS(f"{added} memberships added."))
