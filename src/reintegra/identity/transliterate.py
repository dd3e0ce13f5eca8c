"""Latin renderings of Cyrillic names, as passports print them (ICAO Doc 9303 for Russian
letters; the Kazakh letters as the 2021 Kazakh Latin alphabet's plain-ASCII passport practice).

This produces one common rendering for demo data and for matching keys; the full set of
schemes (Kazakh Latin 2017/2018/2021, GOST, informal spellings) belongs to identity resolution.
"""

ICAO = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "ie", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip


def _word(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return _word(word.lower()).upper()
    out = []
    for ch in word:
        low = ch.lower()
        latin = ICAO.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def to_passport_latin(text: str) -> str:
    """ "Бауыржан Сейітұлы" -> "Bauyrzhan Seituly"."""
    return " ".join(_word(word) for word in text.split(" "))
