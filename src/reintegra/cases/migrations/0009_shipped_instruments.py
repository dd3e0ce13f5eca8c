"""The shipped assessment instruments, so that every installation (production too) has them."""

from django.db import migrations

from reintegra.cases.instrument_content import load_instruments


def forwards(apps, schema_editor):
    load_instruments(
        scale_model=apps.get_model("cases", "AnswerScale"),
        option_model=apps.get_model("cases", "ScaleOption"),
        instrument_model=apps.get_model("cases", "Instrument"),
        domain_model=apps.get_model("cases", "InstrumentDomain"),
        item_model=apps.get_model("cases", "InstrumentItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_assessments")]

    # Going back keeps the rows: 0006 going back removes the tables anyway.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
