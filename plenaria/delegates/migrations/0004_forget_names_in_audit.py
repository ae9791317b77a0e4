"""Audit entries of the delegate lists written before issue 15 named people: a candidacy
was shown by the person's name, and election results, seat changes and replacements
carried names in ``changes``. Each becomes the registration's code, so that erasing a
person's data leaves no name in the log."""

import json

from django.db import migrations

MODELS = ("candidacy", "election", "delegatelist", "handover", "delegation")


def forget_names(apps, schema_editor):
    entry = apps.get_model("core", "AuditEntry")
    content_type = apps.get_model("contenttypes", "ContentType")
    candidacy = apps.get_model("delegates", "Candidacy")
    types = {
        ct.model: ct
        for ct in content_type.objects.filter(app_label="delegates", model__in=MODELS)
    }
    if not types:
        return
    codes = dict(candidacy.objects.values_list("pk", "registration__code"))
    if "candidacy" in types:
        for row in entry.objects.filter(content_type=types["candidacy"]).iterator():
            row.object_repr = codes.get(int(row.object_id), "—")
            row.save(update_fields=["object_repr"])
    names = {}
    for conference, code, name, social in candidacy.objects.values_list(
        "conference_id", "registration__code", "registration__name", "registration__social_name"
    ):
        names.setdefault(f"conference:{conference}", []).extend(
            (json.dumps(n, ensure_ascii=False)[1:-1], code) for n in (social, name) if n
        )
    rows = entry.objects.filter(content_type__in=types.values(), context__in=names)
    for row in rows.iterator():
        text = json.dumps(row.changes, ensure_ascii=False)
        cleaned = text
        for name, code in sorted(names[row.context], key=lambda pair: -len(pair[0])):
            cleaned = cleaned.replace(name, code)
        if cleaned != text:
            row.changes = json.loads(cleaned)
            row.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("delegates", "0003_handover"),
        ("participants", "0007_personal_data_per_registration"),
        ("core", "0002_alter_auditentry_action"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget_names, migrations.RunPython.noop)]
