"""The knowledge centre in the demo: topics, materials in Kazakh, Russian and English, two sets
of counter-arguments, qualification categories and the demo specialists' profiles.

Deterministic and synthetic: no real person is named or described. Made through the services,
as the demo case worker, so the demo holds what real use leaves behind (versions, audit entries).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.core.models import Organisation
from reintegra.knowledge import services, specialists
from reintegra.knowledge.models import Material, QualificationCategory, Topic
from reintegra.knowledge.services import TextInput

TOPICS = [
    ("returnees", "Қайтарылған азаматтар", "Вернувшиеся граждане", "Returned citizens"),
    ("women-children", "Әйелдер мен балалар", "Женщины и дети", "Women and children"),
    ("theology", "Дін және теология", "Религия и теология", "Religion and theology"),
    ("psychology", "Психологиялық көмек", "Психологическая помощь", "Psychological support"),
    ("prevention", "Алдын алу", "Профилактика", "Prevention"),
    ("law", "Құқық", "Право", "Law"),
    ("penal", "Түзеу мекемелері", "Исправительные учреждения", "Penal institutions"),
    ("recruitment", "Рекрутерлердің уәждері", "Аргументы вербовщиков", "Recruiters' claims"),
]

# The criteria in words are left to the administrator: the page states the years and the
# certificates each category requires in the reader's language, from the numbers below.
CATEGORIES = [
    ("highest", "Жоғары санат", "Высшая категория", "Highest category", 3, 7, 3, ""),
    ("first", "Бірінші санат", "Первая категория", "First category", 2, 4, 2, ""),
    ("second", "Екінші санат", "Вторая категория", "Second category", 1, 2, 1, ""),
]


def T(title: str, summary: str, body: str) -> TextInput:
    return TextInput(title, summary, body)


# kind, audience, public, topics, texts
MATERIALS = [
    (
        "manual",
        "specialists",
        True,
        ["returnees", "women-children", "psychology"],
        {
            "kk": T(
                "Қайтарылған әйелдермен жұмыс: әдістемелік нұсқаулық",
                "Бейімделу орталығынан аймақтағы сүйемелдеуге дейінгі кезеңдер.",
                "Алғашқы кездесуде сенім орнату маңызды: әйелге не күтетінін, кім көмектесетінін "
                "және оның құқықтарын түсіндіріңіз. Психолог жарақат белгілерін бағалайды, теолог "
                "діни сұрақтарға құрметпен жауап береді, әлеуметтік қызметкер құжаттар, жәрдемақы "
                "және тұрғын үй мәселелерін шешеді. Жеке жоспар отбасымен бірге жасалады және "
                "жүйелі түрде қайта қаралады. Әйелдің өз шешімдері мен заңды сенімі құрметтеледі.",
            ),
            "ru": T(
                "Работа с вернувшимися женщинами: методическое пособие",
                "Этапы от адаптационного центра до сопровождения в регионе.",
                "На первой встрече важно установить доверие: объясните женщине, чего ожидать, кто "
                "будет помогать и каковы её права. Психолог оценивает признаки травмы, теолог с "
                "уважением отвечает на религиозные вопросы, социальный работник решает вопросы "
                "документов, пособий и жилья. Индивидуальный план составляется вместе с семьёй и "
                "регулярно пересматривается. Решения женщины и её законная вера уважаются.",
            ),
            "en": T(
                "Working with returned women: a methodological manual",
                "The stages from the adaptation centre to follow-up in the region.",
                "At the first meeting, build trust: explain what to expect, who will help and "
                "what her rights are. The psychologist assesses signs of trauma, the theologian "
                "answers religious questions with respect, the social worker sees to documents, "
                "benefits and housing. The individual plan is made with the family and reviewed "
                "regularly. Her own decisions and her lawful faith are respected.",
            ),
        },
    ),
    (
        "manual",
        "specialists",
        True,
        ["women-children", "psychology"],
        {
            "kk": T(
                "Қақтығыс аймағынан оралған балалар: алдымен жәбірленуші",
                "Баланың әл-ауқатына негізделген экологиялық бағалау.",
                "Бала ең алдымен жәбірленуші ретінде қарастырылады. Бағалау баланың денсаулығына, "
                "қауіпсіздігіне, білімге қолжетімділігіне және отбасымен байланысына назар "
                "аударады. Мектепке орналастыру, тіл үйрену және ойын терапиясы қалыпты өмірге "
                "оралуға көмектеседі. Баланың мүддесі әр шешімде жазылады.",
            ),
            "ru": T(
                "Дети, вернувшиеся из зоны конфликта: прежде всего пострадавшие",
                "Экологическая оценка, основанная на благополучии ребёнка.",
                "Ребёнок прежде всего рассматривается как пострадавший. Оценка обращает "
                "внимание на здоровье, безопасность, доступ к образованию и связь с семьёй. "
                "Устройство в школу, "
                "изучение языка и игровая терапия помогают вернуться к обычной жизни. Интересы "
                "ребёнка записываются в каждом решении.",
            ),
            "en": T(
                "Children returned from the conflict zone: victims first",
                "An ecological assessment built on the child's well-being.",
                "A child is treated first as a victim. The assessment looks at health, safety, "
                "access to schooling and ties with the family. School placement, language classes "
                "and play therapy help the return to ordinary life. The child's best interests are "
                "recorded in every decision.",
            ),
        },
    ),
    (
        "manual",
        "specialists",
        False,
        ["theology", "prevention"],
        {
            "kk": T(
                "Теологтың жеке әңгімесі: құрылымы мен этикасы",
                "Әңгіме сенімге емес, мінез-құлық пен қажеттіліктерге бағытталады.",
                "Теолог адамның заңды сенімін сынамайды: ол жат ағымдардың уағызындағы "
                "бұрмалауларды дәлелдермен көрсетеді. Әңгіме ерікті, құпия сақталады, "
                "адамның өз сұрақтарынан басталады. Әр кездесуден кейін тек жұмыс "
                "нәтижесі жазылады.",
            ),
            "ru": T(
                "Индивидуальная беседа теолога: структура и этика",
                "Беседа направлена на поведение и потребности, а не на веру.",
                "Теолог не критикует законную веру человека: он с аргументами показывает искажения "
                "в проповедях деструктивных течений. Беседа добровольна, конфиденциальна и "
                "начинается с вопросов самого человека. После встречи записывается только "
                "результат работы.",
            ),
        },
    ),
    (
        "training",
        "specialists",
        True,
        ["psychology", "returnees"],
        {
            "kk": T(
                "Оқу модулі: жарақатты ескеретін тәсіл",
                "Мамандарға арналған екі күндік модуль.",
                "Модуль жарақаттың белгілерін, қайта жарақаттаудан сақтануды, қауіпсіз кеңістік "
                "құруды және маманның өзін күтуін қамтиды. Практикалық жаттығулар мен талдаулар.",
            ),
            "ru": T(
                "Учебный модуль: подход с учётом травмы",
                "Двухдневный модуль для специалистов.",
                "Модуль охватывает признаки травмы, предотвращение повторной травматизации, "
                "создание безопасного пространства и заботу специалиста о себе. Практические "
                "упражнения и разборы.",
            ),
            "en": T(
                "Training module: a trauma-informed approach",
                "A two-day module for specialists.",
                "The module covers signs of trauma, avoiding re-traumatisation, creating a safe "
                "space and the specialist's own care. Practical exercises and case discussions.",
            ),
        },
    ),
    (
        "training",
        "specialists",
        False,
        ["penal", "prevention"],
        {
            "ru": T(
                "Учебный модуль: работа в исправительных учреждениях",
                "Лекции и встречи с осуждёнными за терроризм и экстремизм.",
                "Как готовить встречу с администрацией учреждения, как вести групповую лекцию и "
                "индивидуальную беседу, как продолжить работу после освобождения через "
                "региональный центр.",
            ),
            "en": T(
                "Training module: working in penal institutions",
                "Lectures and meetings with people sentenced for terrorism or extremism.",
                "How to prepare a meeting with the institution's administration, how to hold a "
                "group lecture and an individual conversation, how to continue the work after "
                "release through the regional centre.",
            ),
        },
    ),
    (
        "case_study",
        "partners",
        True,
        ["returnees", "women-children"],
        {
            "kk": T(
                "Кейс: үш баласы бар әйелдің бейімделуі (анонимделген)",
                "Бір жыл ішіндегі отбасымен жұмыс.",
                "Әйел бейімделу орталығынан кейін ата-анасының үйіне оралды. Балаларға ДНҚ "
                "сараптамасы мен сот шешімі арқылы туу туралы куәлік алынды, олар мектепке барды. "
                "Әйел тігін курсын бітіріп, жұмысқа орналасты. Теологпен әңгімелер оның "
                "сұрақтарына жауап берді. Бір жылдан кейін команда сүйемелдеуді азайтты.",
            ),
            "ru": T(
                "Кейс: адаптация женщины с тремя детьми (анонимизирован)",
                "Работа с семьёй в течение года.",
                "После адаптационного центра женщина вернулась в дом родителей. Детям по "
                "результатам ДНК-экспертизы и решению суда выданы свидетельства о рождении, они "
                "пошли в школу. Женщина окончила курсы швеи и устроилась на работу. Беседы с "
                "теологом ответили на её вопросы. Через год команда сократила сопровождение.",
            ),
            "en": T(
                "Case study: the adaptation of a mother of three (anonymised)",
                "A year of work with the family.",
                "After the adaptation centre the woman went back to her parents' home. Her "
                "children received birth certificates after a DNA test and a court ruling, and "
                "went to school. She completed a sewing course and found work. Conversations with "
                "the theologian answered her questions. After a year the team reduced follow-up.",
            ),
        },
    ),
    (
        "case_study",
        "specialists",
        False,
        ["prevention", "theology"],
        {
            "ru": T(
                "Кейс: молодой человек после интернет-вербовки (анонимизирован)",
                "Добровольное обращение семьи и полгода бесед.",
                "Семья обратилась после того, как молодой человек стал отказываться от учёбы и "
                "общения. Психолог и теолог работали с ним и с родителями; спорт и возвращение к "
                "учёбе помогли восстановить связи. Описаны только обезличенные обстоятельства.",
            ),
        },
    ),
    (
        "legal_act",
        "public",
        True,
        ["law"],
        {
            "kk": T(
                "«Діни қызмет және діни бірлестіктер туралы» Заң: негізгі ережелер",
                "Мамандарға арналған қысқаша шолу.",
                "Заң ар-ождан бостандығын кепілдендіреді және діни бірлестіктерді тіркеу тәртібін "
                "белгілейді. Шолу мамандардың жұмысына қатысты баптарды түсіндіреді.",
            ),
            "ru": T(
                "Закон «О религиозной деятельности и религиозных объединениях»: основные положения",
                "Краткий обзор для специалистов.",
                "Закон гарантирует свободу совести и устанавливает порядок регистрации "
                "религиозных объединений. Обзор поясняет статьи, относящиеся к работе "
                "специалистов.",
            ),
            "en": T(
                "The Law on Religious Activity and Religious Associations: main provisions",
                "A short overview for specialists.",
                "The law guarantees freedom of conscience and sets out how religious associations "
                "are registered. The overview explains the articles that bear on specialists' "
                "work.",
            ),
        },
    ),
    (
        "legal_act",
        "specialists",
        False,
        ["law", "penal"],
        {
            "ru": T(
                "Обзор: признание материалов экстремистскими и блокировка ссылок",
                "Как суд признаёт материалы экстремистскими и что это значит для работы.",
                "Материалы, признанные судом экстремистскими, запрещены к распространению, а "
                "ссылки на них блокируются. Специалист не распространяет такие материалы даже для "
                "опровержения: он пересказывает тезис и отвечает на него.",
            ),
        },
    ),
    (
        "research",
        "partners",
        True,
        ["returnees", "women-children"],
        {
            "ru": T(
                "Исследование: что помогает вернувшимся женщинам работать и учиться",
                "Обзор факторов занятости и образования.",
                "Занятость и образование — главные факторы устойчивой реинтеграции. Наибольший "
                "эффект дают профессиональные курсы, помощь в уходе за детьми и поддержка семьи.",
            ),
            "en": T(
                "Research: what helps returned women to work and study",
                "A review of the factors of employment and education.",
                "Employment and education are the main factors of lasting reintegration. "
                "Vocational courses, help with childcare and family support have the most effect.",
            ),
        },
    ),
    (
        "research",
        "specialists",
        False,
        ["prevention"],
        {
            "kk": T(
                "Зерттеу: спорт жастарды алдын алу жұмысына тарту құралы ретінде",
                "Мешіттер арасындағы мини-футбол лигасының тәжірибесі.",
                "Спорт жарыстары жастарды мешіт қауымымен және бір-бірімен байланыстырады. "
                "Лигаға қатысу имамдармен сенімді әңгімеге жол ашады.",
            ),
            "en": T(
                "Research: sport as a way to reach young people in prevention",
                "The experience of a mini-football league between mosques.",
                "Tournaments connect young people with their mosque communities and with each "
                "other. Taking part in the league opens the way to a trusted conversation with "
                "imams.",
            ),
        },
    ),
    (
        "manual",
        "partners",
        True,
        ["prevention", "returnees"],
        {
            "en": T(
                "The multidisciplinary team: roles and handovers",
                "Who does what in a case, and how the team decides.",
                "The case worker keeps the plan; the psychologist, theologian, teacher, lawyer "
                "and doctor work in their fields and record their sessions; the coordinator "
                "approves plans and closures. Decisions are taken by the team, with reasons, and "
                "never by a score computed by a machine.",
            ),
            "ru": T(
                "Мультидисциплинарная команда: роли и передача дел",
                "Кто что делает в деле и как команда принимает решения.",
                "Социальный работник ведёт план; психолог, теолог, педагог, юрист и врач работают "
                "в своей области и записывают встречи; координатор утверждает планы и закрытие. "
                "Решения принимает команда, с обоснованием, а не балл, вычисленный машиной.",
            ),
        },
    ),
    (
        "training",
        "partners",
        True,
        ["theology", "recruitment"],
        {
            "kk": T(
                "Оқу модулі: рекрутерлердің уәждеріне жауап беру",
                "Имамдар мен теологтарға арналған семинар.",
                "Семинарда рекрутерлердің жиі айтатын уәждері талданады және сенімге құрметпен "
                "қарайтын жауаптар жасалады. Қатысушылар рөлдік ойындарда жаттығады.",
            ),
            "en": T(
                "Training module: answering recruiters' claims",
                "A seminar for imams and theologians.",
                "The seminar takes the claims recruiters make most often and works out answers "
                "that respect faith. Participants practise them in role play.",
            ),
        },
    ),
]

# Two sets of counter-arguments: (topic, {lang: (question, answer)})
QA_SETS = [
    (
        {
            "kk": T(
                "Рекрутерлердің уәждері және оларға жауаптар",
                "Жат ағымдардың уағызшылары жиі айтатын пікірлер және дәлелді жауаптар.",
                "",
            ),
            "ru": T(
                "Аргументы вербовщиков и ответы на них",
                "Утверждения, которые чаще всего звучат от проповедников деструктивных течений, "
                "и аргументированные ответы.",
                "",
            ),
            "en": T(
                "Recruiters' claims and answers to them",
                "The claims most often heard from preachers of destructive movements, and "
                "reasoned answers.",
                "",
            ),
        },
        True,
        [
            (
                "recruitment",
                {
                    "kk": (
                        "«Нағыз мұсылман соғыс аймағына көшуге міндетті (хиджра)».",
                        "Ғұламалардың басым көпшілігі мұсылман бейбіт елде өз дінін еркін "
                        "ұстана алатын болса, көшу міндет емес деп есептейді. Отбасын қауіпке "
                        "тігу және балаларды соғысқа апару діннің мақсаттарына қайшы келеді.",
                    ),
                    "ru": (
                        "«Настоящий мусульманин обязан переселиться в зону войны (хиджра)».",
                        "Большинство учёных считают, что переселение не обязательно, если "
                        "мусульманин свободно исповедует веру в мирной стране. Подвергать семью "
                        "опасности и везти детей на войну противоречит целям религии.",
                    ),
                    "en": (
                        '"A true Muslim must move to the war zone (hijra)."',
                        "Most scholars hold that moving is not a duty where a Muslim practises "
                        "the faith freely in a peaceful country. Putting one's family in danger "
                        "and taking children to war runs against the aims of the religion.",
                    ),
                },
            ),
            (
                "recruitment",
                {
                    "kk": (
                        "«Мемлекет пен оның заңдарын мойындау – күпірлік».",
                        "Ислам тарихында мұсылмандар әртүрлі мемлекеттерде өмір сүріп, "
                        "келісімдер мен заңдарды сақтаған. Ар-ождан бостандығын кепілдендіретін "
                        "заңға бағыну сенімге қайшы емес.",
                    ),
                    "ru": (
                        "«Признавать государство и его законы — неверие».",
                        "В истории ислама мусульмане жили в разных государствах и соблюдали "
                        "договоры и законы. Подчинение закону, который гарантирует свободу "
                        "совести, не противоречит вере.",
                    ),
                    "en": (
                        '"Recognising the state and its laws is unbelief."',
                        "Throughout Islamic history Muslims have lived in many states and kept "
                        "their agreements and laws. Obeying a law that guarantees freedom of "
                        "conscience does not contradict faith.",
                    ),
                },
            ),
            (
                "women-children",
                {
                    "kk": (
                        "«Әйелдің міндеті – күйеуіне қайда болса да еру».",
                        "Отбасындағы міндеттер әйелді өмірі мен балаларының өміріне қауіп "
                        "төндіретін нәрсеге мәжбүрлеуді ақтамайды. Балаларды қорғау – "
                        "ата-ананың ең басты міндеті.",
                    ),
                    "ru": (
                        "«Долг жены — следовать за мужем куда угодно».",
                        "Обязанности в семье не оправдывают принуждение женщины к тому, что "
                        "угрожает её жизни и жизни детей. Защита детей — главный долг родителей.",
                    ),
                    "en": (
                        '"A wife\'s duty is to follow her husband wherever he goes."',
                        "Duties within the family do not justify forcing a woman into what "
                        "threatens her life and her children's. Protecting children is the "
                        "parents' first duty.",
                    ),
                },
            ),
        ],
    ),
    (
        {
            "ru": T(
                "Вопросы вернувшихся женщин о вере и жизни дома",
                "Вопросы, которые задают на встречах с теологом, и ответы.",
                "",
            ),
            "en": T(
                "Questions returned women ask about faith and life at home",
                "Questions asked at meetings with the theologian, and the answers.",
                "",
            ),
            "kk": T(
                "Оралған әйелдердің сенім мен үйдегі өмір туралы сұрақтары",
                "Теологпен кездесулерде қойылатын сұрақтар мен жауаптар.",
                "",
            ),
        },
        False,
        [
            (
                "theology",
                {
                    "ru": (
                        "Могу ли я молиться и носить платок, живя здесь?",
                        "Да. Закон гарантирует свободу совести; молитва и одежда — ваш выбор. "
                        "Программа касается поведения, связанного с насилием, а не законной веры.",
                    ),
                    "kk": (
                        "Осында тұрып намаз оқып, орамал тағуға бола ма?",
                        "Иә. Заң ар-ождан бостандығына кепілдік береді; намаз бен киім – сіздің "
                        "таңдауыңыз. Бағдарлама заңды сенімге емес, зорлық-зомбылыққа қатысты "
                        "мінез-құлыққа бағытталған.",
                    ),
                    "en": (
                        "May I pray and wear a headscarf while living here?",
                        "Yes. The law guarantees freedom of conscience; prayer and dress are your "
                        "choice. The program is about behaviour linked to violence, not lawful "
                        "faith.",
                    ),
                },
            ),
            (
                "psychology",
                {
                    "ru": (
                        "Дети плохо спят и боятся громких звуков. Это пройдёт?",
                        "Это частые реакции на пережитое. Психолог поможет ребёнку и вам; "
                        "режим, безопасность и школа обычно постепенно уменьшают страхи.",
                    ),
                    "en": (
                        "My children sleep badly and fear loud noises. Will it pass?",
                        "These are common reactions to what they lived through. The psychologist "
                        "will help them and you; routine, safety and school usually ease the "
                        "fears over time.",
                    ),
                },
            ),
        ],
    ),
]


def _topics() -> dict[str, Topic]:
    found = {}
    for code, kk, ru, en in TOPICS:
        topic = Topic.objects.filter(code=code).first() or services.topic_save(
            actor=None, topic=Topic(code=code, name_kk=kk, name_ru=ru, name_en=en)
        )
        found[code] = topic
    return found


def _categories() -> dict[str, QualificationCategory]:
    found = {}
    for code, kk, ru, en, seniority, years, trainings, criteria in CATEGORIES:
        found[code] = QualificationCategory.objects.filter(
            code=code
        ).first() or specialists.category_save(
            actor=None,
            category=QualificationCategory(
                code=code,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                seniority=seniority,
                criteria=criteria,
                min_years_experience=years,
                required_trainings=trainings,
            ),
        )
    return found


def _material(actor, organisation, topics, kind, audience, public, codes, texts, **extra):
    material = services.material_create(
        actor=actor,
        kind=kind,
        audience=audience,
        is_public=public,
        organisation=organisation,
        topics=[topics[c] for c in codes],
        texts=texts,
        author="AQNIET",
        anonymised=kind == "case_study",
        **extra,
    )
    return material


def _profiles(categories) -> None:
    today = timezone.localdate()
    plans = {
        "psychologist": (
            8,
            "highest",
            "Психология магистрі / Магистр психологии",
            [
                ("training", "Травма-ориентированная помощь", "UNICEF", 900, 365 * 3),
                ("certificate", "Клиническая психология", "КазНУ", 1500, None),
                ("training", "Кризисное консультирование", "UNDP", 300, 21),  # expires soon
            ],
        ),
        "theologian": (
            5,
            "first",
            "Исламтану магистрі / Магистр исламоведения",
            [
                ("certificate", "Теологиялық сараптама", "Нұр-Мүбарак университеті", 1200, 600),
                ("training", "Counter-narratives", "UNOCT", 700, 400),
                ("training", "Работа в исправительных учреждениях", "КДД", 800, -30),  # expired
            ],
        ),
    }
    for username, (years, category, education, trainings) in plans.items():
        user = User.objects.filter(username=username).first()
        if user is None or hasattr(user, "specialist"):
            continue
        profile = specialists.specialist_create(
            actor=None, user=user, years_experience=years, education=education
        )
        for kind, title, issuer, days_ago, valid_days in trainings:
            issued = today - dt.timedelta(days=days_ago)
            specialists.certificate_add(
                actor=None,
                specialist=profile,
                kind=kind,
                title=title,
                issuer=issuer,
                issued_on=issued,
                expires_on=today + dt.timedelta(days=valid_days) if valid_days else None,
                hours=36,
            )
        specialists.specialist_update(
            actor=None,
            specialist=profile,
            expected_version=profile.version,
            category=categories[category],
            category_since=today - dt.timedelta(days=200),
            years_experience=years,
            education=education,
        )


def demo_knowledge_load() -> int:
    """Topics, categories, the materials and the specialists' profiles; returns how many
    materials were made (none if they are already there)."""
    topics = _topics()
    categories = _categories()
    _profiles(categories)
    if Material.objects.exists():
        return 0
    actor = User.objects.filter(username="caseworker").first()
    organisation = Organisation.objects.get(code="aqniet-aktau")
    made = []
    for kind, audience, public, codes, texts in MATERIALS:
        made.append(_material(actor, organisation, topics, kind, audience, public, codes, texts))
    for texts, public, pairs in QA_SETS:
        material = _material(
            actor, organisation, topics, "qa", "specialists", public, ["recruitment"], texts
        )
        for code, by_language in pairs:
            services.qa_pair_add(
                actor=actor,
                material=material,
                topic=topics[code],
                questions={lang: q for lang, (q, _a) in by_language.items()},
                answers={lang: a for lang, (_q, a) in by_language.items()},
            )
        made.append(material)
    # One material has a second version: the first stays readable.
    first = made[0]
    texts = {t.language: TextInput(t.title, t.summary, t.body) for t in first.current_texts()}
    texts["en"] = TextInput(
        texts["en"].title,
        texts["en"].summary,
        texts["en"].body + " Follow-up continues for years, with periodic reassessment.",
    )
    services.material_update(
        actor=actor, material=first, expected_version=first.version, texts=texts
    )
    for material in made[:-1]:  # the last questions-and-answers set stays a draft
        material.refresh_from_db()
        services.material_publish(actor=actor, material=material)
    return len(made)
