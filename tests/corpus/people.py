"""Synthetic Turkish people, checksum-valid TCKNs and TR IBANs, and the payee directorates."""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum import iban as stdnum_iban
from stdnum.tr import tckimlik


def _listed(text: str, sep: str = " ") -> tuple[str, ...]:
    """A tuple of the items of a separated string (keeps long lists short)."""
    return tuple(text.split(sep))


FIRST_NAMES = _listed(
    "Şükrü|Çağla|İsmail|Gülşen|Ömer|Ayşe|Mehmet|Fatma|Hüseyin|Zeynep|Emine|Mustafa|Özlem|"
    "Barış|Gökhan|Şeyma|Ümit|İlknur|Çiğdem|Oğuz|Tuğba|Ahmet|Hatice|Yusuf|Elif|Kübra|"
    "Serkan|Dilek|Cengiz|Şule|Ilgaz|Işıl|Nurgül|Ali|Can|Efe|Büşra|Tülay|Doğan|Gönül|Sıla|"
    "Rüştü|Müge|Halil İbrahim|Abdullah|Yağmur|Ece|Furkan|Selçuk|Aslı",
    "|",
)
MIDDLE_NAMES = _listed("Nur Can Ali Gül Deniz Su Kemal Ayşe Emre İnci")
LAST_NAMES = _listed(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
    "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Güneş Erdoğan Akgül Işık Ünal "
    "Bozkurt Çakır Güler Karagöz Türkmen Sarıgül Ağaoğlu İnce Uçar Gürsoy Tekin Eryiğit "
    "Köseoğlu Değirmenci Ateş Bulut Çınar Öksüz Yüksel Kuşçu Oğuz"
)
TITLES = _listed(
    "Aile Hekimi|Uzman Doktor|Pratisyen Hekim|Hemşire|Ebe|Sağlık Memuru|Diş Hekimi|Eczacı|"
    "Şube Müdürü|Tıbbi Sekreter|Başhekim Yardımcısı|Acil Tıp Teknisyeni|"
    "Veri Hazırlama ve Kontrol İşletmeni|Uzman Hemşire",
    "|",
)
INSTITUTIONS = _listed(
    "Tekirdağ Devlet Hastanesi|Çorlu Devlet Hastanesi|Süleymanpaşa 4 Nolu ASM|"
    "Kapaklı Toplum Sağlığı Merkezi|Sinop Atatürk Devlet Hastanesi|Boyabat 2 Nolu ASM|"
    "Hatay Eğitim ve Araştırma Hastanesi|İskenderun Devlet Hastanesi|"
    "Elazığ Fethi Sekin Şehir Hastanesi|Ergene İlçe Sağlık Müdürlüğü|"
    "Malkara Devlet Hastanesi|Şarköy 1 Nolu Aile Sağlığı Merkezi|"
    "Çerkezköy İlçe Sağlık Müdürlüğü|Tekirdağ İl Sağlık Müdürlüğü|"
    "Muratlı 112 Acil Sağlık İstasyonu",
    "|",
)
EMAIL_DOMAINS = _listed("saglik.gov.tr gmail.com hotmail.com yahoo.com outlook.com yandex.com")

BANK_CODES = {
    "ziraat": "00010",
    "halkbank": "00012",
    "vakifbank": "00015",
    "akbank": "00046",
    "garanti": "00062",
    "isbank": "00064",
    "yapikredi": "00067",
}
_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâîû", "cgiosuCGIOSUaiu")


@dataclass(frozen=True)
class Directorate:
    """A payee: the account a fee is paid into."""

    name: str
    iban: str


DIRECTORATES = (
    Directorate("Tekirdağ İl Sağlık Müdürlüğü", "TR640001200930400005000016"),
    Directorate("Sinop İl Sağlık Müdürlüğü", "TR890001200969400005000041"),
    Directorate("Hatay İl Sağlık Müdürlüğü Döner Sermaye", "TR860001200922900044000009"),
    Directorate("Elazığ İl Sağlık Müdürlüğü", "TR650001200933100006100037"),
)
_INVENTED_PAYEES = (
    "Bartın İl Sağlık Müdürlüğü",
    "Kırklareli İl Sağlık Müdürlüğü",
    "Düzce İl Sağlık Müdürlüğü",
    "Muğla İl Sağlık Müdürlüğü Döner Sermaye",
)


KAMUSM = Directorate("TÜBİTAK BİLGEM Kamu Sertifikasyon Merkezi", "TR320001000201000000999901")


@dataclass(frozen=True)
class Person:
    """A synthetic applicant."""

    first: str
    last: str
    tckn: str
    email: str
    phone: str  # "0" + 10 digits
    title: str
    institution: str

    @property
    def full_name(self) -> str:
        """First (and middle) names, then the surname, as written by the person."""
        return f"{self.first} {self.last}"


def ascii_fold(text: str) -> str:
    """Fold Turkish letters to ASCII the way some banks print them."""
    return text.translate(_ASCII)


def upper_tr(text: str) -> str:
    """Upper-case with Turkish rules (i→İ, ı→I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def lower_tr(text: str) -> str:
    """Lower-case with Turkish rules (I→ı, İ→i)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def make_tckn(rng: random.Random) -> str:
    """A checksum-valid TCKN: 9 random digits (no leading 0) and two check digits."""
    body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    number = body + tckimlik.calc_check_digits(body)
    assert tckimlik.is_valid(number)
    return number


def break_tckn(rng: random.Random, tckn: str) -> str:
    """The same TCKN with its last digit changed, so that the checksum fails."""
    last = (int(tckn[-1]) + rng.randint(1, 9)) % 10
    broken = tckn[:-1] + str(last)
    assert not tckimlik.is_valid(broken)
    return broken


def make_iban(rng: random.Random, bank: str) -> str:
    """A valid TR IBAN at `bank` (a slug of BANK_CODES) with a random account number."""
    account = "".join(str(rng.randint(0, 9)) for _ in range(16))
    draft = f"TR00{BANK_CODES[bank]}0{account}"
    number = draft[:2] + stdnum_iban.calc_check_digits(draft) + draft[4:]
    return stdnum_iban.validate(number)


def make_phone(rng: random.Random) -> str:
    """A Turkish mobile number as 0 + 10 digits."""
    prefix = rng.choice(
        ("530", "532", "533", "535", "505", "506", "542", "544", "546", "555", "507")
    )
    return "0" + prefix + "".join(str(rng.randint(0, 9)) for _ in range(7))


def make_email(rng: random.Random, first: str, last: str) -> str:
    """An e-mail address derived from the name, ASCII-folded and lower-case."""
    f = ascii_fold(first.split()[0]).lower()
    s = ascii_fold(last).lower()
    local = rng.choice(
        (f"{f}.{s}", f"{f}{s}", f"{f[0]}{s}", f"{f}.{s}{rng.randint(1, 99)}", f"{s}.{f}")
    )
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def make_person(rng: random.Random) -> Person:
    """A synthetic person; one in six has a middle name."""
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.17 and " " not in first:
        first = f"{first} {rng.choice(MIDDLE_NAMES)}"
    last = rng.choice(LAST_NAMES)
    return Person(
        first,
        last,
        make_tckn(rng),
        make_email(rng, first, last),
        make_phone(rng),
        rng.choice(TITLES),
        rng.choice(INSTITUTIONS),
    )


def make_directorate(rng: random.Random) -> Directorate:
    """A payee: mostly a published directorate, sometimes an invented one at a random bank."""
    roll = rng.random()
    if roll < 0.72:
        return rng.choice(DIRECTORATES)
    if roll < 0.78:  # some directorates send lost/stolen payments to KamuSM instead
        return KAMUSM
    bank = rng.choice(("halkbank", "halkbank", "ziraat", "vakifbank"))
    return Directorate(rng.choice(_INVENTED_PAYEES), make_iban(rng, bank))
