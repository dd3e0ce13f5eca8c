from django.db import migrations


def refresh_match_keys(apps, schema_editor):
    """Compute the cross-script keys of stored names again: the keys now fold ё written as yo
    or io in Latin (Fyodorov, Piotr) to е, join a separate Arabic-script қызы or ұлы (قز, اول)
    to the father's name, and give the words of a name in Arabic script an ``@`` key of their
    consonants (found so from Latin and Cyrillic). Only names whose keys change are written."""
    from reintegra.people.name_keys import store_match_keys

    store_match_keys(apps.get_model("people", "PersonName"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_person_age_index"),
    ]

    operations = [
        migrations.RunPython(refresh_match_keys, migrations.RunPython.noop),
    ]
