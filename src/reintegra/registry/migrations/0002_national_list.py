"""The 23 foreign organisations on Kazakhstan's national list of banned terrorist and extremist
organisations, as the Committee for Religious Affairs listed them (zakon.kz, 7 October 2021).

The source gives no court, decision number or date: they are left empty, never guessed. The kind
is set where it is commonly known from the public national list, and left empty otherwise.
"""

from django.db import migrations

SOURCE = (
    "Committee for Religious Affairs: the foreign organisations included in the national list of "
    "terrorist and extremist organisations banned in Kazakhstan. Published in «A lot of work is "
    "being done in Kazakhstan with persons subject to radical ideology», zakon.kz, 07.10.2021."
)
T, E, UNSTATED = "terrorist", "extremist", ""

# (English, Russian, Kazakh, kind, other names and spellings)
NATIONAL_LIST = [
    ("Al-Qaeda", "Аль-Каида", "Әл-Қаида", T, ["Al Qaeda", "Al-Qaida", "Аль-Каеда"]),
    (
        "Islamic Movement of East Turkestan",
        "Исламское движение Восточного Туркестана",
        "Шығыс Түркістан ислам қозғалысы",
        T,
        ["East Turkestan Islamic Movement", "ETIM", "ИДВТ"],
    ),
    (
        "Islamic Movement of Uzbekistan",
        "Исламское движение Узбекистана",
        "Өзбекстан ислам қозғалысы",
        T,
        ["IMU", "ИДУ"],
    ),
    (
        "Kurdish People's Congress",
        "Курдский народный конгресс",
        "Күрд халық конгресі",
        T,
        ["Kongra-Gel", "Конгра-Гель"],
    ),
    ("Asbat al-Ansar", "Асбат аль-Ансар", "Асбат әл-Ансар", T, ["Usbat al-Ansar"]),
    (
        "Muslim Brotherhood",
        "Братья-мусульмане",
        "Мұсылман бауырлар",
        T,
        ["Muslim Brothers", "Братья мусульмане", "Al-Ikhwan al-Muslimun"],
    ),
    ("Taliban Movement", "Движение Талибан", "Талибан қозғалысы", T, ["Taliban", "Талибан"]),
    ("Boz Gurd", "Боз гурд", "Боз гурд", T, ["Boz gourd"]),
    (
        "Jamaat of the Mujahideen of Central Asia",
        "Джамаат моджахедов Центральной Азии",
        "Орталық Азия моджахедтерінің жамағаты",
        T,
        ["Жамаат моджахедов Центральной Азии"],
    ),
    ("Lashkar-e-Taiba", "Лашкар-и-Тайба", "Лашкар-и-Тайба", T, ["Lashkar-e-Tayyiba"]),
    (
        "Society for Social Reforms",
        "Общество социальных реформ",
        "Әлеуметтік реформалар қоғамы",
        T,
        ["Social Reform Society"],
    ),
    (
        "Hizb ut-Tahrir",
        "Хизб ут-Тахрир",
        "Хизб ут-Тахрир",
        E,
        ["Hizb-ut-Tahrir", "Hizbut Tahrir", "Hizb ut-Tahrir al-Islami", "Хизб-ут-Тахрир"],
    ),
    ("Aum Shinrikyo", "Аум Синрикё", "Аум Синрикё", T, ["АУМ Синрике", "Aum Sinrikyo"]),
    (
        "Organization for the Liberation of East Turkestan",
        "Организация освобождения Восточного Туркестана",
        "Шығыс Түркістанды азат ету ұйымы",
        T,
        [],
    ),
    (
        "Islamic Party of Turkestan",
        "Исламская партия Туркестана",
        "Түркістан ислам партиясы",
        T,
        ["Turkistan Islamic Party"],
    ),
    ("Alla-Ayat", "Алла-Аят", "Алла-Аят", UNSTATED, ["Allah-Ayat"]),
    ("Ata Zholy", "Ата жолы", "Ата жолы", UNSTATED, []),
    (
        "Jund al-Khilafah",
        "Джунд аль-Халифат",
        "Жұнд әл-Халифат",
        T,
        ["Jund al-Khalifat", "Soldiers of the Caliphate", "Солдаты халифата"],
    ),
    (
        "Senim. Bilim. Omir",
        "РОО «Сенім. Білім. Өмір»",
        "«Сенім. Білім. Өмір» РҚБ",
        UNSTATED,
        ["Сенім. Білім. Өмір", "Сеним. Билим. Омир"],
    ),
    (
        "Tablighi Jamaat",
        "Таблиги джамагат",
        "Таблиғи жамағат",
        E,
        ["Tabligi jamagat", "Таблиги Джамаат", "Tablighi Jamaat"],
    ),
    (
        "At-Takfir wal-Hijra",
        "Ат-Такфир валь-Хиджра",
        "Ат-Такфир уәл-Хиджра",
        E,
        ["Takfir wal-Hijra", "At-takfirwal-hijra"],
    ),
    (
        "Islamic State",
        "Исламское государство",
        "Ислам мемлекеті",
        T,
        ["ISIS", "ISIL", "IS", "Daesh", "ИГИЛ", "ИГ", "ДАИШ", "Islamic State of Iraq and the Levant"],
    ),
    (
        "Al-Nusra Front",
        "Фронт ан-Нусра",
        "Ан-Нусра майданы",
        T,
        ["Front of al-Nusra", "Jabhat al-Nusra", "Джабхат ан-Нусра", "Nusra Front"],
    ),
]
KIND_NOTE = "The source does not say whether it is listed as terrorist or extremist."


def load(apps, schema_editor):
    from reintegra.registry.names import name_keys

    organisation_model = apps.get_model("registry", "BannedOrganisation")
    key_model = apps.get_model("registry", "OrganisationKey")
    for name_en, name_ru, name_kk, kind, aliases in NATIONAL_LIST:
        if organisation_model.objects.filter(name_en=name_en).exists():
            continue
        organisation = organisation_model.objects.create(
            name_en=name_en,
            name_ru=name_ru,
            name_kk=name_kk,
            kind=kind,
            aliases=[a for a in aliases if a not in (name_en, name_ru, name_kk)],
            source=SOURCE,
            notes="" if kind else KIND_NOTE,
        )
        keys = set()
        for name in (name_en, name_ru, name_kk, *aliases):
            keys |= name_keys(name)
        key_model.objects.bulk_create(
            key_model(organisation=organisation, key=key) for key in sorted(keys)
        )


def unload(apps, schema_editor):
    organisation_model = apps.get_model("registry", "BannedOrganisation")
    organisation_model.objects.filter(
        name_en__in=[row[0] for row in NATIONAL_LIST], source=SOURCE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
