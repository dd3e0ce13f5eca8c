from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_alphabetical_order"),
        ("returns", "0002_people_abroad"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="abroadrecord",
            options={
                "ordering": ["person__sort_name", "pk"],
                "verbose_name": "person abroad",
                "verbose_name_plural": "people abroad",
            },
        ),
    ]
