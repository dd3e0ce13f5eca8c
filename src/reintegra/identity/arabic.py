"""Arabic-script renderings of Kazakh, Russian and Muslim names.

Lists from Syria and Iraq write names in Arabic letters, as an official heard them: short vowels
are mostly left out (باورجان for Бауыржан), letters Arabic lacks are replaced (п by ب, в by و or
ف, ч by تش or ش), and Muslim given names keep their Arabic spelling (محمد, not a rendering of
Мухаммед). Two things make such a name comparable with the registry's Cyrillic:

- a letter-by-letter rendering into plain Latin (``arabic_to_latin``), also covering the letters
  of the Kazakh Arabic alphabet (töte jazu: ٵ, ۇ, ۋ, ى, ە, ڭ, ٸ ...) and Persian ones (پ, چ, ژ,
  گ), whose consonants are then compared on the skeleton (see ``phonetic.skeleton``);
- a table of common given names in Arabic script and the Cyrillic form used in Kazakhstan
  (``ARABIC_GIVEN_NAMES``), because محمد and Мухаммед share a skeleton but عائشة and Айша need
  the table to agree on their vowels too.
"""

from __future__ import annotations

import re
import unicodedata

ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ئ": "i", "ؤ": "u", "ب": "b",
    "ت": "t", "ة": "a", "ث": "s", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "z", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g",
    "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ھ": "h",
    "و": "u", "ى": "i", "ي": "i", "ی": "i", "پ": "p", "چ": "ch", "ژ": "j", "گ": "g", "ڭ": "n",
    "ۇ": "u", "ۋ": "v", "ۆ": "o", "ە": "e", "ٵ": "a", "ٸ": "i", "ٷ": "u", "ے": "e", "ڤ": "v",
}  # fmt: skip

# Common given names as Arabic script writes them, and their Kazakh/Russian Cyrillic form.
ARABIC_GIVEN_NAMES = {
    "محمد": "Мухаммед", "أحمد": "Ахмет", "احمد": "Ахмет", "علي": "Али", "عمر": "Омар",
    "يوسف": "Юсуф", "إبراهيم": "Ибраһим", "ابراهيم": "Ибраһим", "إسلام": "Ислам",
    "اسلام": "Ислам", "رمضان": "Рамазан", "سلطان": "Сұлтан", "فاطمة": "Фатима",
    "عائشة": "Айша", "عايشة": "Айша", "خديجة": "Хадиша", "مريم": "Мариям", "آمنة": "Әмина",
    "امنة": "Әмина", "زينب": "Зейнеп", "حسن": "Хасан", "حسين": "Хусейн", "عبدالله": "Абдулла",
    "عبد الله": "Абдулла", "إلياس": "Ілияс", "الياس": "Ілияс", "موسى": "Мұса", "عيسى": "Иса",
    "يحيى": "Ияхия", "أسماء": "Асма", "اسماء": "Асма", "صفية": "Сафия", "سمية": "Сумая",
    "حفصة": "Хафса", "أمير": "Әмір", "امير": "Әмір", "عادل": "Әділ", "تيمور": "Темір",
    "نور": "Нұр", "سعيد": "Сайд", "خالد": "Халид", "حمزة": "Хамза", "بلال": "Билал",
    "عثمان": "Оспан", "صالح": "Салих", "سارة": "Сара", "ليلى": "Ләйлә", "رحيمة": "Рахима",
}  # fmt: skip

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def arabic_given_name(word: str) -> str | None:
    """The Cyrillic form of a common given name written in Arabic script, if it is known."""
    return ARABIC_GIVEN_NAMES.get(_MARKS.sub("", unicodedata.normalize("NFC", word)))


def arabic_to_latin(word: str) -> str:
    """Letter by letter; و at the start of a word is the consonant v (ولاديمير), elsewhere u."""
    word = _MARKS.sub("", unicodedata.normalize("NFC", word))
    known = ARABIC_GIVEN_NAMES.get(word)
    if known is not None:
        from reintegra.identity.phonetic import to_plain_latin

        return to_plain_latin(known)
    out = []
    for position, ch in enumerate(word):
        if ch == "و" and position == 0:
            out.append("v")
        else:
            out.append(ARABIC_LETTERS.get(ch, ch))
    return "".join(out)
