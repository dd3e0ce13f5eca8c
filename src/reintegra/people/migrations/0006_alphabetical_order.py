from django.db import migrations, models, transaction

BATCH = 1_000


def store_sort_names(apps, schema_editor):
    """Give every person stored so far the key that lists them in alphabetical order, a batch
    per transaction: a registry of a million people is not locked for the whole of it."""
    from reintegra.people.alphabet import sort_key

    Person = apps.get_model("people", "Person")
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                Person.objects.filter(pk__gt=last).order_by("pk").only("pk", "display_name")[:BATCH]
            )
            if not batch:
                return
            for person in batch:
                person.sort_name = sort_key(person.display_name)
            Person.objects.bulk_update(batch, ["sort_name"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    # Each step in a transaction of its own: adding a column with a constant default changes
    # no row (PostgreSQL 11 and later), the keys are written a batch at a time, and the index
    # is built once they are there.
    atomic = False

    dependencies = [
        ("core", "0001_initial"),
        ("people", "0005_refresh_match_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=180),
        ),
        migrations.RunPython(store_sort_names, migrations.RunPython.noop, atomic=False),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["sort_name", "pk"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_name", "id"], name="person_alphabetical_idx"),
        ),
    ]
