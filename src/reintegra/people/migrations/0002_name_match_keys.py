from django.db import migrations, models


def fill_match_keys(apps, schema_editor):
    """Compute the cross-script keys of every name already stored."""
    from reintegra.people.name_keys import match_keys

    names = apps.get_model("people", "PersonName")
    batch = []
    for name in names.objects.only("pk", "surname", "given_name", "patronymic", "full_name"):
        written = name.full_name or " ".join(
            part for part in (name.surname, name.given_name, name.patronymic) if part
        )
        name.match_keys = match_keys(written)
        batch.append(name)
        if len(batch) >= 2000:
            names.objects.bulk_update(batch, ["match_keys"])
            batch = []
    if batch:
        names.objects.bulk_update(batch, ["match_keys"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="personname",
            name="match_keys",
            field=models.CharField(
                blank=True, db_default="", default="", editable=False, max_length=400
            ),
        ),
        migrations.RunPython(fill_match_keys, migrations.RunPython.noop),
    ]
