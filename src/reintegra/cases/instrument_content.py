"""The assessment instruments every installation starts with, in Kazakh, Russian and English.

Written for this program, not copied from a published (licensed) instrument. The items ask about
needs and behaviour, never about lawful beliefs; the child instrument treats children first as
victims. Administrators change or add instruments afterwards in the administration site; loading
only creates what is missing, so their changes are kept.

Texts are (Kazakh, Russian, English).
"""

from __future__ import annotations

from typing import Any

T = tuple[str, str, str]

SCALES: dict[str, dict[str, Any]] = {
    "needs": {
        "name": ("Қажеттіліктер шкаласы", "Шкала потребностей", "Needs scale"),
        "options": [
            ("none", ("Қажеттілік жоқ", "Потребности нет", "No need")),
            (
                "some",
                (
                    "Аз қажеттілік: қолдау пайдалы",
                    "Небольшая потребность: поддержка полезна",
                    "Some need: support would help",
                ),
            ),
            (
                "clear",
                (
                    "Айқын қажеттілік: қолдау қазір керек",
                    "Явная потребность: нужна поддержка сейчас",
                    "Clear need: support needed now",
                ),
            ),
            (
                "urgent",
                (
                    "Шұғыл қажеттілік: кідіртпей әрекет ету",
                    "Срочная потребность: действовать без промедления",
                    "Urgent need: act without delay",
                ),
            ),
        ],
    },
    "child-concern": {
        "name": (
            "Баланың әл-ауқатына алаңдаушылық шкаласы",
            "Шкала беспокойства о благополучии ребёнка",
            "Child well-being concern scale",
        ),
        "options": [
            ("well", ("Жағдайы жақсы", "Всё благополучно", "Doing well")),
            (
                "watch",
                (
                    "Аздап алаңдаушылық: бақылау және қолдау",
                    "Есть беспокойство: наблюдать и поддерживать",
                    "Some concern: watch and support",
                ),
            ),
            (
                "support",
                (
                    "Айқын алаңдаушылық: қолдау қажет",
                    "Явное беспокойство: нужна поддержка",
                    "Clear concern: support needed",
                ),
            ),
            (
                "protect",
                (
                    "Қатты алаңдаушылық: қорғау және дереу әрекет ету",
                    "Серьёзное беспокойство: защитить и действовать сейчас",
                    "Serious concern: protect and act now",
                ),
            ),
        ],
    },
}

NO_GUIDANCE: T = ("", "", "")

# (code, name, guidance, [(item code, text, guidance)])
ADULT_DOMAINS: list[tuple[str, T, T, list[tuple[str, T, T]]]] = [
    (
        "health",
        ("Денсаулық", "Здоровье", "Health"),
        (
            "Дене саулығы, созылмалы аурулар, мүгедектік, емхана мен дәріге қолжетімділік. "
            "Адамның келісімімен медициналық құжаттарды қараңыз.",
            "Физическое здоровье, хронические болезни, инвалидность, доступ к поликлинике и "
            "лекарствам. С согласия человека сверьтесь с медицинскими документами.",
            "Physical health, chronic illness, disability, access to a clinic and to medicines. "
            "With the person's consent, check the medical records.",
        ),
        [
            (
                "clinic",
                (
                    "Емханаға және отбасылық дәрігерге тіркелу",
                    "Прикрепление к поликлинике и семейному врачу",
                    "Registration with a polyclinic and a family doctor",
                ),
                NO_GUIDANCE,
            ),
            (
                "treatment",
                (
                    "Ауруды, жарақатты немесе мүгедектікті емдеу",
                    "Лечение болезней, травм или инвалидности",
                    "Treatment of illness, injury or disability",
                ),
                (
                    "Мүгедектік болса, оны ресімдеу қажеттілігін де белгілеңіз.",
                    "При инвалидности отметьте и потребность в её оформлении.",
                    "Where there is a disability, include the need to have it certified.",
                ),
            ),
            (
                "medicines",
                (
                    "Қажетті дәрі-дәрмек пен оңалту құралдарына қолжетімділік",
                    "Доступ к нужным лекарствам и средствам реабилитации",
                    "Access to the medicines and aids needed",
                ),
                NO_GUIDANCE,
            ),
            (
                "womens_health",
                (
                    "Әйелдер және репродуктивті денсаулық",
                    "Женское и репродуктивное здоровье",
                    "Women's and reproductive health care",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "housing",
        ("Тұрғын үй", "Жильё", "Housing"),
        (
            "Адам қайда және кіммен тұрады, баспана қауіпсіз әрі тұрақты ма.",
            "Где и с кем живёт человек, безопасно ли жильё и надолго ли.",
            "Where and with whom the person lives, and whether the home is safe and lasting.",
        ),
        [
            (
                "stable",
                (
                    "Тұрақты тұрғылықты жер",
                    "Постоянное место жительства",
                    "A stable place to live",
                ),
                NO_GUIDANCE,
            ),
            (
                "conditions",
                (
                    "Тұрмыс жағдайы (аумақ, жылу, су, санитария)",
                    "Условия проживания (площадь, отопление, вода, санитария)",
                    "Living conditions (space, heating, water, sanitation)",
                ),
                NO_GUIDANCE,
            ),
            (
                "registration",
                (
                    "Тұрғылықты мекенжай бойынша тіркелу",
                    "Регистрация по месту жительства",
                    "Registration at the address of residence",
                ),
                NO_GUIDANCE,
            ),
            (
                "safety",
                (
                    "Үйдегі қауіпсіздік (зорлық-зомбылық пен қорқыту жоқ)",
                    "Безопасность дома (нет насилия и угроз)",
                    "Safety at home (no violence, no threats)",
                ),
                (
                    "Қауіп болса, бағалауды күтпей, шұғыл көмек көрсетіңіз.",
                    "При угрозе помогите сразу, не дожидаясь конца оценки.",
                    "Where there is a threat, act at once; do not wait for the end of the "
                    "assessment.",
                ),
            ),
        ],
    ),
    (
        "documents",
        ("Құжаттар", "Документы", "Documents"),
        (
            "Адамның және оның қамқорлығындағы балалардың жеке басын куәландыратын және "
            "азаматтық хал актілері құжаттары.",
            "Документы, удостоверяющие личность, и акты гражданского состояния человека и детей "
            "на его попечении.",
            "Identity and civil documents of the person and of the children in their care.",
        ),
        [
            (
                "identity",
                (
                    "Жеке куәлік немесе төлқұжат",
                    "Удостоверение личности или паспорт",
                    "Identity card or passport",
                ),
                NO_GUIDANCE,
            ),
            (
                "children_birth",
                (
                    "Балалардың туу туралы куәліктері (қажет болса ДНҚ-сараптама, сот шешімі)",
                    "Свидетельства о рождении детей (при необходимости ДНК-тест, решение суда)",
                    "Birth certificates of the children (a DNA test or a court ruling where "
                    "needed)",
                ),
                NO_GUIDANCE,
            ),
            (
                "benefits",
                (
                    "Жәрдемақы мен әлеуметтік төлемдерге арналған құжаттар",
                    "Документы для пособий и социальных выплат",
                    "Documents for benefits and social payments",
                ),
                NO_GUIDANCE,
            ),
            (
                "diplomas",
                (
                    "Диплом мен білім туралы куәліктерді қалпына келтіру немесе тану",
                    "Восстановление или признание дипломов и свидетельств об образовании",
                    "Restoring or recognising diplomas and school certificates",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "employment",
        ("Жұмыспен қамту", "Занятость", "Employment"),
        (
            "Жұмыс, табыс және жұмысқа орналасу дағдылары. Үй шаруасымен айналысу — "
            "қажеттілік емес, адамның өз таңдауы.",
            "Работа, доход и навыки для трудоустройства. Ведение домашнего хозяйства — выбор "
            "человека, а не потребность.",
            "Work, income and the skills to find work. Keeping house is the person's choice, "
            "not a need.",
        ),
        [
            (
                "income",
                (
                    "Жұмыс немесе басқа заңды табыс көзі",
                    "Работа или иной законный источник дохода",
                    "Work or another lawful source of income",
                ),
                NO_GUIDANCE,
            ),
            (
                "skills",
                (
                    "Кәсіби дағдылар немесе кәсіпке оқу",
                    "Профессиональные навыки или обучение профессии",
                    "Vocational skills or training for a job",
                ),
                NO_GUIDANCE,
            ),
            (
                "job_search",
                (
                    "Жұмыс іздеуге көмек (жұмыспен қамту орталығы, түйіндеме, сұхбат)",
                    "Помощь в поиске работы (центр занятости, резюме, собеседования)",
                    "Help with looking for work (employment centre, CV, interviews)",
                ),
                NO_GUIDANCE,
            ),
            (
                "childcare",
                (
                    "Жұмыс істеуге немесе оқуға мүмкіндік беретін бала күтімі",
                    "Присмотр за детьми, без которого нельзя работать или учиться",
                    "Childcare that makes work or study possible",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "education",
        ("Білім", "Образование", "Education"),
        (
            "Адамның өзінің білімі мен оқу мүмкіндіктері; балалардың мектебі отбасы "
            "бөлімінде және бала әл-ауқатын бағалауда.",
            "Образование самого человека и возможности учиться; школа детей — в разделе о "
            "семье и в оценке благополучия ребёнка.",
            "The person's own education and chances to study; the children's schooling belongs "
            "to the family domain and the child well-being assessment.",
        ),
        [
            (
                "literacy",
                (
                    "Қазақ немесе орыс тілінде оқу және жазу",
                    "Чтение и письмо на казахском или русском языке",
                    "Reading and writing in Kazakh or Russian",
                ),
                NO_GUIDANCE,
            ),
            (
                "continue",
                (
                    "Білімді жалғастыру немесе аяқтау",
                    "Продолжение или завершение образования",
                    "Continuing or completing education",
                ),
                NO_GUIDANCE,
            ),
            (
                "digital",
                (
                    "Күнделікті цифрлық дағдылар (электрондық үкімет, банк)",
                    "Повседневные цифровые навыки (электронное правительство, банк)",
                    "Everyday digital skills (e-government, banking)",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "family",
        ("Отбасы", "Семья", "Family"),
        (
            "Туыстармен байланыс, балаларды тәрбиелеу, шетелде қалған туыстар туралы алаңдаушылық.",
            "Связь с родственниками, воспитание детей, тревога о родных, оставшихся за рубежом.",
            "Ties with relatives, bringing up the children, worry about family still abroad.",
        ),
        [
            (
                "relatives",
                (
                    "Туыстармен байланыс және қарым-қатынас",
                    "Связь и отношения с родственниками",
                    "Contact and relations with relatives",
                ),
                NO_GUIDANCE,
            ),
            (
                "parenting",
                (
                    "Балаларды күтуге және тәрбиелеуге қолдау",
                    "Поддержка в уходе за детьми и их воспитании",
                    "Support in caring for and bringing up the children",
                ),
                NO_GUIDANCE,
            ),
            (
                "missing",
                (
                    "Шетелде қалған немесе хабарсыз кеткен отбасы мүшелері туралы мәлімет",
                    "Сведения о членах семьи, оставшихся за рубежом или пропавших",
                    "News of family members still abroad or missing",
                ),
                NO_GUIDANCE,
            ),
            (
                "conflict",
                (
                    "Отбасындағы жанжал немесе қысым",
                    "Конфликты или давление в семье",
                    "Conflict or pressure within the family",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "psychological",
        ("Психологиялық әл-ауқат", "Психологическое благополучие", "Psychological well-being"),
        (
            "Психологтың бақылауы мен адамның өз сөзі. Бұл диагноз емес: диагнозды дәрігер қояды.",
            "Наблюдения психолога и слова самого человека. Это не диагноз: диагноз ставит врач.",
            "The psychologist's observations and the person's own words. This is not a "
            "diagnosis: a doctor makes one.",
        ),
        [
            (
                "distress",
                (
                    "Күйзеліс белгілері (ұйқы, мазасыздық, көңіл-күйдің түсуі)",
                    "Признаки дистресса (сон, тревога, подавленность)",
                    "Signs of distress (sleep, anxiety, low mood)",
                ),
                NO_GUIDANCE,
            ),
            (
                "trauma",
                (
                    "Соғыс, жоғалту немесе зорлық-зомбылық әсерлерінің салдары",
                    "Последствия пережитой войны, утрат или насилия",
                    "Effects of war, loss or violence lived through",
                ),
                NO_GUIDANCE,
            ),
            (
                "coping",
                (
                    "Оралғаннан кейінгі күнделікті өмірге бейімделуге қолдау",
                    "Поддержка в повседневной жизни после возвращения",
                    "Support in coping with everyday life after the return",
                ),
                NO_GUIDANCE,
            ),
            (
                "stigma",
                (
                    "Қоғам тарапынан стигма немесе шеттету",
                    "Стигма или отторжение со стороны окружения",
                    "Stigma or rejection by the community",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "religious",
        ("Діни түсінік", "Религиозное понимание", "Religious understanding"),
        (
            "Тек қажеттіліктер мен мінез-құлықты белгілеңіз. Заңды сенім мен діни практика — "
            "адамның жеке ісі, олар бағаланбайды. Теологты ұсынады, таңбайды.",
            "Отмечайте только потребности и поведение. Законные убеждения и религиозная "
            "практика — личное дело человека и не оцениваются. Теолога предлагают, а не "
            "навязывают.",
            "Record needs and behaviour only. Lawful belief and practice are the person's own "
            "and are not assessed. A theologian is offered, never imposed.",
        ),
        [
            (
                "counselling",
                (
                    "Адамның өзі көтерген сұрақтар бойынша теологпен немесе имаммен сөйлесу ниеті",
                    "Желание беседовать с теологом или имамом о вопросах, которые поднимает сам "
                    "человек",
                    "Wish to talk with a theologian or imam about questions the person raises",
                ),
                NO_GUIDANCE,
            ),
            (
                "sources",
                (
                    "Сенімді діни білімге қолжетімділік (танылған ғалымдар, Қазақстан "
                    "мұсылмандары діни басқармасы)",
                    "Доступ к достоверным религиозным знаниям (признанные богословы, Духовное "
                    "управление мусульман Казахстана)",
                    "Access to reliable religious knowledge (recognised scholars, the Spiritual "
                    "Administration of Muslims of Kazakhstan)",
                ),
                NO_GUIDANCE,
            ),
            (
                "pressure",
                (
                    "Адамды қоғамнан оқшаулануға немесе зорлық-зомбылыққа шақыратын адамдардың "
                    "қысымы немесе байланысы",
                    "Давление или контакты людей, призывающих к изоляции от общества или к насилию",
                    "Pressure or contact from people urging isolation from society or violence",
                ),
                (
                    "Нақты оқиғаларды жазыңыз (кім, қашан, қалай), болжамды емес.",
                    "Записывайте конкретные случаи (кто, когда, как), а не предположения.",
                    "Write down what happened (who, when, how), not assumptions.",
                ),
            ),
            (
                "daily_life",
                (
                    "Діни практиканы жұмыспен, оқумен және балалардың мектебімен үйлестіру — "
                    "адамның өз көзқарасы бойынша",
                    "Совмещение религиозной практики с работой, учёбой и школой детей — как это "
                    "видит сам человек",
                    "Fitting religious practice with work, study and the children's schooling, "
                    "as the person sees it",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
]

CHILD_DOMAINS: list[tuple[str, T, T, list[tuple[str, T, T]]]] = [
    (
        "health",
        ("Денсаулық", "Здоровье", "Health"),
        (
            "Соғыс аймағынан оралған бала ең алдымен құрбан. Медициналық құжаттарға және "
            "қамқор ересектің сөзіне сүйеніңіз.",
            "Ребёнок, вернувшийся из зоны конфликта, прежде всего жертва. Опирайтесь на "
            "медицинские документы и слова заботящегося взрослого.",
            "A child back from a conflict zone is first of all a victim. Rely on medical "
            "records and on what the caring adult says.",
        ),
        [
            (
                "checkups",
                (
                    "Медициналық тексерулер және екпелер",
                    "Медицинские осмотры и прививки",
                    "Medical check-ups and vaccinations",
                ),
                NO_GUIDANCE,
            ),
            (
                "nutrition",
                ("Тамақтану және өсу", "Питание и рост", "Nutrition and growth"),
                NO_GUIDANCE,
            ),
            (
                "treatment",
                (
                    "Ауруды, жарақатты немесе мүгедектікті емдеу",
                    "Лечение болезней, травм или инвалидности",
                    "Treatment of illness, injury or disability",
                ),
                NO_GUIDANCE,
            ),
            (
                "sleep",
                ("Ұйқы және күн тәртібі", "Сон и распорядок дня", "Sleep and daily routine"),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "development",
        ("Даму", "Развитие", "Development"),
        (
            "Баланы басқа балалармен емес, өзінің бұрынғы жағдайымен салыстырыңыз.",
            "Сравнивайте ребёнка не с другими детьми, а с ним самим раньше.",
            "Compare the child with their own earlier progress, not with other children.",
        ),
        [
            (
                "speech",
                (
                    "Жасына сай сөйлеу және тіл (қазақ немесе орыс)",
                    "Речь и язык (казахский или русский) по возрасту",
                    "Speech and language (Kazakh or Russian) for the child's age",
                ),
                NO_GUIDANCE,
            ),
            (
                "movement",
                (
                    "Қимыл және дене дамуы",
                    "Движение и физическое развитие",
                    "Movement and physical development",
                ),
                NO_GUIDANCE,
            ),
            (
                "play",
                ("Ойын және білуге құмарлық", "Игра и любознательность", "Play and curiosity"),
                NO_GUIDANCE,
            ),
            (
                "self_care",
                (
                    "Жасына сай өзіне-өзі қызмет көрсету дағдылары",
                    "Навыки самообслуживания по возрасту",
                    "Self-care skills for the child's age",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "schooling",
        ("Мектеп және балабақша", "Школа и детский сад", "School and kindergarten"),
        (
            "Мұғаліммен сөйлесіңіз; баланың шетелде өткізіп алған жылдары оның кінәсі емес.",
            "Поговорите с учителем; годы, пропущенные ребёнком за рубежом, — не его вина.",
            "Talk with the teacher; the years a child missed abroad are not the child's fault.",
        ),
        [
            (
                "enrolled",
                (
                    "Жасына сай балабақшаға немесе мектепке қабылданған",
                    "Зачислен в детский сад или школу по возрасту",
                    "Enrolled in a kindergarten or school suited to the child's age",
                ),
                NO_GUIDANCE,
            ),
            (
                "attendance",
                ("Тұрақты қатысу", "Регулярное посещение", "Regular attendance"),
                NO_GUIDANCE,
            ),
            (
                "catching_up",
                (
                    "Шетелде өткізіп алған оқуды толықтыру",
                    "Восполнение обучения, пропущенного за рубежом",
                    "Catching up on learning missed abroad",
                ),
                NO_GUIDANCE,
            ),
            (
                "belonging",
                (
                    "Мұғалімдер мен сыныптастары қабылдағанын сезінеді",
                    "Чувствует себя принятым учителями и одноклассниками",
                    "Feels accepted by teachers and classmates",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "caregivers",
        ("Қамқор ересектер", "Заботящиеся взрослые", "Caregivers"),
        (
            "Баланы бағатын ересектер: анасы, туыстары, қорғаншы. Баланың мүддесі бірінші "
            "орында; ересектерге қажет қолдауды жазыңыз.",
            "Взрослые, которые заботятся о ребёнке: мать, родственники, опекун. Интересы "
            "ребёнка на первом месте; запишите, какая поддержка нужна взрослым.",
            "The adults who care for the child: the mother, relatives, a guardian. The child's "
            "best interests come first; record the support the adults need.",
        ),
        [
            (
                "stable_care",
                (
                    "Баланы бағатын тұрақты, қамқор ересек адам",
                    "Постоянный заботливый взрослый рядом с ребёнком",
                    "A stable, caring adult who looks after the child",
                ),
                NO_GUIDANCE,
            ),
            (
                "guardianship",
                (
                    "Қажет болса, қорғаншылық заң бойынша рәсімделген",
                    "Опека оформлена по закону, если она нужна",
                    "Guardianship settled in law where it is needed",
                ),
                NO_GUIDANCE,
            ),
            (
                "caregiver_support",
                (
                    "Ересектерге баланы күту үшін қажет қолдау",
                    "Поддержка, нужная взрослым для ухода за ребёнком",
                    "Support the adults need to care for the child",
                ),
                NO_GUIDANCE,
            ),
            (
                "protection",
                (
                    "Елеусіз қалудан, зорлық-зомбылықтан және қанаудан қорғалу",
                    "Защищённость от пренебрежения, насилия и эксплуатации",
                    "Protection from neglect, violence and exploitation",
                ),
                (
                    "Қауіп болса, қорғаншылық органына бірден хабарлаңыз.",
                    "При опасности сразу сообщите в орган опеки.",
                    "Where the child is in danger, tell the guardianship body at once.",
                ),
            ),
        ],
    ),
    (
        "trauma",
        ("Жарақат белгілері", "Признаки травмы", "Signs of trauma"),
        (
            "Соғысты көрген балалар — құрбандар. Бақылаңыз; баладан оқиғалар туралы сұрамаңыз. "
            "Белгілер сақталса, балалар психологына жолдаңыз.",
            "Дети, пережившие войну, — жертвы. Наблюдайте; не расспрашивайте ребёнка о "
            "событиях. Если признаки сохраняются, направьте к детскому психологу.",
            "Children who lived through war are victims. Observe; do not question the child "
            "about what happened. Where signs persist, refer to a child psychologist.",
        ),
        [
            (
                "fear",
                (
                    "Қорқыныш, селт ету немесе қорқынышты түстер",
                    "Страхи, вздрагивание, ночные кошмары",
                    "Fear, startle or nightmares",
                ),
                NO_GUIDANCE,
            ),
            (
                "withdrawal",
                ("Тұйықтық немесе мұңаю", "Замкнутость или грусть", "Withdrawal or sadness"),
                NO_GUIDANCE,
            ),
            (
                "anger",
                (
                    "Ашудың бұрқ етуі немесе ойындағы агрессия",
                    "Вспышки гнева или агрессия в игре",
                    "Outbursts of anger or aggression in play",
                ),
                NO_GUIDANCE,
            ),
            (
                "body",
                (
                    "Медициналық себебі жоқ дене шағымдары (бас, іш ауруы)",
                    "Жалобы на тело без медицинской причины (голова, живот)",
                    "Bodily complaints with no medical cause (headache, stomach ache)",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
    (
        "social",
        ("Әлеуметтік өмір", "Социальная жизнь", "Social life"),
        (
            "Баланың достары, бос уақыты және айналасындағылардың оны қабылдауы.",
            "Друзья ребёнка, его досуг и то, как его принимает окружение.",
            "The child's friends, free time, and how the people around accept the child.",
        ),
        [
            (
                "friends",
                (
                    "Басқа балалармен достық",
                    "Дружба с другими детьми",
                    "Friendships with other children",
                ),
                NO_GUIDANCE,
            ),
            (
                "activities",
                (
                    "Спорт, үйірмелер және бос уақыт",
                    "Спорт, кружки и досуг",
                    "Sport, clubs and free time",
                ),
                NO_GUIDANCE,
            ),
            (
                "community",
                (
                    "Көршілер мен қоғамның қабылдауы",
                    "Принятие соседями и окружением",
                    "Acceptance by neighbours and the community",
                ),
                NO_GUIDANCE,
            ),
        ],
    ),
]

# The reassessment asks again a shorter set of the adult items, with the same codes and scale,
# so that the change-over-time page puts them on the same lines as the first assessment.
REASSESSMENT_ITEMS: dict[str, list[str]] = {
    "health": ["clinic", "treatment", "medicines"],
    "housing": ["stable", "conditions", "safety"],
    "documents": ["identity", "children_birth", "benefits"],
    "employment": ["income", "skills", "job_search"],
    "education": ["literacy", "continue", "digital"],
    "family": ["relatives", "parenting", "conflict"],
    "psychological": ["distress", "coping", "stigma"],
    "religious": ["counselling", "sources", "pressure"],
}


def _reassessment_domains() -> list[tuple[str, T, T, list[tuple[str, T, T]]]]:
    domains = []
    for code, name, guidance, items in ADULT_DOMAINS:
        keep = REASSESSMENT_ITEMS[code]
        domains.append((code, name, guidance, [item for item in items if item[0] in keep]))
    return domains


# (code, name, purpose, scale code, domains)
INSTRUMENTS: list[tuple[str, T, str, str, list]] = [
    (
        "adult-needs",
        ("Ересектің қажеттіліктерін бағалау", "Оценка потребностей взрослого", "Adult needs"),
        "adult_needs",
        "needs",
        ADULT_DOMAINS,
    ),
    (
        "child-wellbeing",
        ("Баланың әл-ауқатын бағалау", "Оценка благополучия ребёнка", "Child well-being"),
        "child_wellbeing",
        "child-concern",
        CHILD_DOMAINS,
    ),
    (
        "reassessment",
        ("Қажеттіліктерді қайта бағалау", "Повторная оценка потребностей", "Reassessment"),
        "reassessment",
        "needs",
        _reassessment_domains(),
    ),
]


def _texts(prefix: str, texts: T) -> dict[str, str]:
    return {f"{prefix}_kk": texts[0], f"{prefix}_ru": texts[1], f"{prefix}_en": texts[2]}


def load_instruments(
    *, scale_model, option_model, instrument_model, domain_model, item_model
) -> int:
    """Create the shipped scales and instruments that are missing; returns how many rows were
    created. Takes the model classes so that a data migration can pass its historical ones."""
    created = 0
    scales = {}
    for code, scale in SCALES.items():
        scales[code], new = scale_model.objects.get_or_create(
            code=code, defaults=_texts("name", scale["name"])
        )
        created += new
        for position, (option_code, labels) in enumerate(scale["options"]):
            _option, new = option_model.objects.get_or_create(
                scale=scales[code],
                code=option_code,
                defaults={"position": position, **_texts("label", labels)},
            )
            created += new
    for code, name, purpose, scale_code, domains in INSTRUMENTS:
        instrument, new = instrument_model.objects.get_or_create(
            code=code, defaults={"purpose": purpose, "is_active": True, **_texts("name", name)}
        )
        created += new
        if not new:
            continue  # an administrator keeps it from here on
        for position, (domain_code, domain_name, guidance, items) in enumerate(domains):
            domain = domain_model.objects.create(
                instrument=instrument,
                code=domain_code,
                position=position,
                **_texts("name", domain_name),
                **_texts("guidance", guidance),
            )
            created += 1
            for item_position, (item_code, text, item_guidance) in enumerate(items):
                item_model.objects.create(
                    domain=domain,
                    code=item_code,
                    position=item_position,
                    scale=scales[scale_code],
                    **_texts("text", text),
                    **_texts("guidance", item_guidance),
                )
                created += 1
    return created
