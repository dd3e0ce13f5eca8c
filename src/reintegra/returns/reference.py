"""The return operations and their waves, as the sources describe them.

Wave sizes of operation "Zhusan" follow the published total of 595 returned in it; their split
between waves is illustrative.
"""

import datetime as dt

from reintegra.returns.models import OperationKind

# (code, kind, Kazakh, Russian, English)
OPERATIONS = [
    (
        "zhusan",
        OperationKind.HUMANITARIAN,
        "«Жусан» операциясы",
        "Операция «Жусан»",
        "Operation Zhusan",
    ),
    (
        "rusafa",
        OperationKind.HUMANITARIAN,
        "«Русафа» операциясы",
        "Операция «Русафа»",
        "Operation Rusafa",
    ),
    (
        "individual",
        OperationKind.INDIVIDUAL,
        "Жеке оралу",
        "Индивидуальное возвращение",
        "Individual return",
    ),
    ("other", OperationKind.OTHER, "Басқа", "Другое", "Other"),
]

# (operation code, number, date, origin country)
WAVES = [
    ("zhusan", 1, dt.date(2019, 1, 6), "SY"),
    ("zhusan", 2, dt.date(2019, 5, 9), "SY"),
    ("zhusan", 3, dt.date(2019, 5, 30), "SY"),
    ("zhusan", 4, dt.date(2019, 11, 14), "SY"),
    ("zhusan", 5, dt.date(2021, 2, 4), "SY"),
    ("rusafa", 1, dt.date(2019, 11, 22), "IQ"),
]
