"""Personal data move from the shared Person to each Registration and Attendance: the
conference that collected them holds its own copy (issue 15). Person keeps only the CPF
that links one human's registrations. Audit entries lose the names they carried."""

import django.db.models.deletion
from django.db import migrations, models

COPIED = [
    "name",
    "social_name",
    "nis",
    "other_document",
    "birth_date",
    "phone",
    "email",
    "municipality_id",
    "name_key",
    "erased_at",
]


def copy_personal_data(apps, schema_editor):
    for model_name in ("Registration", "Attendance"):
        model = apps.get_model("participants", model_name)
        batch = []
        for row in model.objects.select_related("person").iterator(chunk_size=2000):
            for field in COPIED:
                setattr(row, field, getattr(row.person, field))
            batch.append(row)
            if len(batch) == 1000:
                model.objects.bulk_update(batch, COPIED)
                batch = []
        if batch:
            model.objects.bulk_update(batch, COPIED)


def forget_names_in_audit(apps, schema_editor):
    """Audit entries of people, registrations and attendances named the person in
    ``object_repr`` (``code — name``) and, for a new person, in ``changes``."""
    entry = apps.get_model("core", "AuditEntry")
    content_type = apps.get_model("contenttypes", "ContentType")
    for model_name in ("person", "registration", "attendance"):
        ct = content_type.objects.filter(app_label="participants", model=model_name).first()
        if ct is None:
            continue
        rows = entry.objects.filter(content_type=ct)
        if model_name == "person":
            rows.update(object_repr="—", changes={})
            continue
        for audit in rows.filter(object_repr__contains=" — ").iterator():
            audit.object_repr = audit.object_repr.split(" — ")[0]
            audit.save(update_fields=["object_repr"])


def personal_fields(default_name=True):
    return [
        ("name", models.CharField(default="", max_length=200, verbose_name="full name")),
        ("social_name", models.CharField(blank=True, max_length=200, verbose_name="social name")),
        ("nis", models.CharField(blank=True, max_length=11, verbose_name="NIS")),
        (
            "other_document",
            models.CharField(blank=True, max_length=60, verbose_name="other document"),
        ),
        ("birth_date", models.DateField(blank=True, null=True, verbose_name="birth date")),
        ("phone", models.CharField(blank=True, max_length=11, verbose_name="phone")),
        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
        (
            "municipality",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territory.municipality",
                verbose_name="municipality of residence",
            ),
        ),
        (
            "name_key",
            models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        (
            "erased_at",
            models.DateTimeField(blank=True, null=True, verbose_name="personal data erased at"),
        ),
    ]


def contact_constraint(model_name):
    return models.CheckConstraint(
        condition=models.Q(
            models.Q(("phone", ""), _negated=True),
            models.Q(("email", ""), _negated=True),
            ("erased_at__isnull", False),
            _connector="OR",
        ),
        name=f"{model_name}_has_a_contact",
        violation_error_message="Give a phone or an e-mail (at least one).",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0006_alter_registration_origin"),
        ("territory", "0001_initial"),
        ("core", "0002_alter_auditentry_action"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=model_name, name=name, field=field, preserve_default=False
            )
            if name in {"name", "name_key"}
            else migrations.AddField(model_name=model_name, name=name, field=field)
            for model_name in ("registration", "attendance")
            for name, field in personal_fields()
        ],
        migrations.RunPython(copy_personal_data, migrations.RunPython.noop),
        migrations.RunPython(forget_names_in_audit, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="person", name="person_has_a_contact"),
        *[
            migrations.RemoveField(model_name="person", name=name)
            for name, _field in personal_fields()
        ],
        migrations.AlterModelOptions(
            name="person",
            options={"verbose_name": "person", "verbose_name_plural": "people"},
        ),
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["conference", "name"],
                "verbose_name": "registration",
                "verbose_name_plural": "registrations",
            },
        ),
        migrations.AlterModelOptions(
            name="attendance",
            options={
                "ordering": ["event", "name"],
                "verbose_name": "attendance",
                "verbose_name_plural": "attendances",
            },
        ),
        migrations.AddConstraint(
            model_name="registration", constraint=contact_constraint("registration")
        ),
        migrations.AddConstraint(
            model_name="attendance", constraint=contact_constraint("attendance")
        ),
    ]
