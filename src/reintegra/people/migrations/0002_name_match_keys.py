from django.db import migrations, models


def fill_match_keys(apps, schema_editor):
    """Compute the cross-script keys of every name already stored."""
    from reintegra.people.name_keys import store_match_keys

    store_match_keys(apps.get_model("people", "PersonName"))


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
