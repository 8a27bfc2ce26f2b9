"""Handwritten names, titles and institutions vetted by word lists (rules/names/*.toml).

Tesseract drops Turkish marks on handwriting ("NURGUL ATES" for "NURGÜL ATEŞ") and agrees
with itself doing so, so a handwritten value of these fields is taken only when every word
of it is a listed word (compared as spelling.word_key folds it: ASCII, lower case, OCR
look-alikes of i as i); it is then written as the list spells it, in the case the value was
written in. Anything else stays unread.

`near_spelled` also takes a word a letter or two off a listed one ("Bares" for "Barış",
"Sağl ,k" for "Sağlık") when that listed word is the only one so near; a person's name
word must be clearly nearest (no other name one letter further), since given names differ
by a letter ("SERKAN", "SERCAN"), and a person's name needs two words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.spelling import lexicon_path, load_lexicon, names_toml, word_key
from mailbot.text import fold_key, lower_tr, upper_tr

_EDGE_MARKS = ".,;:'\"`"
_STRAY_MARKS = _EDGE_MARKS + "()[]{}!|“”‘’«»<>-_—~*"  # OCR's reading of pen strokes
_LOWER_WORDS = {"ve"}  # joining words written in small letters inside a capitalised name
_FILES = {"full_name": "people.toml", "title": "titles.toml", "institution": "institutions.toml"}


_PP_LOOKALIKES = str.maketrans("ĞÜÇ", "SOG")  # PP-OCR's reading of a written ğ, ü and ç


def field_words(field: str) -> dict[str, str]:
    """Comparison key (spelling.word_key) -> the word listed for `field`, in capitals; a
    person's name or title word also under the key of its ğ, ü and ç as PP-OCR reads them
    by hand ("Dosan": DOĞAN, "Torkmen": TÜRKMEN, "SELGUK": SELÇUK, "Modoro": MÜDÜRÜ), where
    no other listed word has that key (not institutions' words: "SASLIG" would be SAĞLIK,
    not the SAĞLIĞI of Toplum Sağlığı)."""
    path = lexicon_path(_FILES[field])
    return load_lexicon(path) if field == "institution" else _with_lookalikes(path)


@lru_cache(maxsize=8)
def _with_lookalikes(path: Path) -> dict[str, str]:
    words = dict(load_lexicon(path))
    for word in list(words.values()):
        words.setdefault(word_key(word.translate(_PP_LOOKALIKES)), word)
    return words


@lru_cache(maxsize=4)
def _list_rules(field: str) -> dict:
    """The field's list file (rules/names) with its rules beside the words."""
    return names_toml(_FILES[field])


def _institution_rules() -> dict:
    return _list_rules("institution")


def _acronyms() -> frozenset[str]:
    return frozenset(_institution_rules().get("acronyms", ()))


def _lost_a_word(field: str, words: list[str]) -> bool:
    """A title or institution without a word its own words need before them ([preceded_by]
    of its list: "EĞİTİM ARAŞTIRMA HASTANESİ" lost its "VE"; "#" stands for a number)."""
    keys = [fold_key(word) for word in words]
    for phrase, before in _list_rules(field).get("preceded_by", {}).items():
        wanted, allowed = fold_key(phrase).split(), {fold_key(word) for word in before}
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i:i + len(wanted)] != wanted:
                continue
            previous = keys[i - 1] if i else ""
            if not (previous in allowed or ("#" in allowed and previous.isdigit())):
                return True
    return False


def _stray_number(words: list[str]) -> bool:
    """A number in an institution's name that is neither a listed word ("112") nor followed
    by the word numbers are (institutions.toml after_number: "4 Nolu"): a letter misread as a
    digit ("Tekirdn9 Devlet Hastanesi", its ğ a 9)."""
    after = {upper_tr(word) for word in _institution_rules().get("after_number", ())}
    listed = set(_institution_rules().get("words", ()))
    return any(word.isdigit() and word not in listed
               and (i + 1 == len(words) or words[i + 1] not in after)
               for i, word in enumerate(words))


def _ends_as_institution(words: list[str]) -> bool:
    """Whether the name ends with a word that says what kind of place it is
    (institutions.toml endings: "HASTANESİ", "ASM"); "Sinop Atatürk" was cut short."""
    endings = _institution_rules().get("endings")
    return not endings or words[-1] in endings


def _in_case(word: str, capitals: bool) -> str:
    """The listed word in capitals, or capitalised (joining words in small letters and
    acronyms in capitals)."""
    lowered = lower_tr(word)
    if capitals or word in _acronyms():
        return upper_tr(word)
    if lowered in _LOWER_WORDS:
        return lowered
    return upper_tr(lowered[:1]) + lowered[1:]


def spelled(field: str, value: str) -> str | None:
    """`value` written with the listed spelling of each word, or None when a word is not
    listed (or listed in two spellings); numbers stand for themselves in institutions."""
    if field not in _FILES:
        return value
    words = field_words(field)
    tokens = [t.strip(_EDGE_MARKS) for t in value.split()]
    lettered = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if not lettered:
        return None
    capitals = _written_in_capitals(lettered)
    out = []
    for token in tokens:
        if field == "institution" and token.isdigit():
            out.append(token)
            continue
        word = words.get(word_key(token))
        if word is None:
            return None
        out.append(_in_case(word, capitals))
    return " ".join(out)


def near_spelled(field: str, value: str) -> str | None:
    """`value` with every word a listed word or a near reading of exactly one (see the
    module), written as listed in the value's case; None when a word is near none or two."""
    if field not in _FILES:
        return value
    value = _AND_SIGN.sub(_and_word, value)
    tokens = [_APOSTROPHE_I.sub(_dotless_i, t).strip(_STRAY_MARKS) for t in value.split()]
    if field == "institution":  # a number written close to its word: "4NOLU"
        tokens = [part for t in tokens for part in re.findall(r"\d+|\D+", t)]
    tokens = [t for t in tokens if t]
    words = _near_words(field, tokens)
    if not words or (field == "full_name" and len(words) < 2):
        return None  # a crop that caught one word of a name caught too little
    if field in ("title", "institution") and _lost_a_word(field, words):
        return None
    if field == "institution" and (_stray_number(words) or not _ends_as_institution(words)):
        return None
    capitals = _written_in_capitals(tokens)
    return " ".join(w if w.isdigit() else _in_case(w, capitals) for w in words)


_APOSTROPHE_I = re.compile(r"(?<=[^\W\d_])['’`](?=[^\W\d_])")  # between letters


_AND_SIGN = re.compile("&")


def _and_word(match: re.Match[str]) -> str:
    """An "&" as the word it stands for, ve, or as the e of a "ve" it was read in ("V&")."""
    before = match.string[match.start() - 1:match.start()]
    if before in ("v", "V"):
        return "E" if before == "V" else "e"
    return " ve "


def _dotless_i(match: re.Match[str]) -> str:
    """PP-OCR's reading of a handwritten ı, an apostrophe between letters ("Ayd'n",
    "Yard'mc's'"), as the letter, in the case of the one before it (no listed word has one)."""
    return "ı" if match.string[match.start() - 1].islower() else "I"


def some_word_listed(field: str, value: str) -> bool:
    """Whether a word of four letters or more of `value` is (near) a listed word of `field`:
    a reading worth enlarging though not every word of it is."""
    tokens = [t.strip(_STRAY_MARKS) for t in value.split()]
    return field in _FILES and any(len(t) >= 4 and _nearest(field, t)[0] for t in tokens)


def _near_words(field: str, tokens: list[str]) -> list[str] | None:
    """The listed word of each token, two tokens joined where the pen's gap split a word."""
    found: list[str] = []
    i = 0
    while i < len(tokens):
        if field == "institution" and tokens[i].isdigit():
            found.append(tokens[i])
            i += 1
            continue
        word, slips = _nearest(field, tokens[i])
        if i + 1 < len(tokens):
            joined, joined_slips = _nearest(field, tokens[i] + tokens[i + 1])
            if joined is not None and joined_slips <= 1 and (word is None or joined_slips < slips):
                found.append(joined)
                i += 2
                continue
        after = _after_number(tokens[i]) if found and found[-1].isdigit() else None
        if after is not None and (word is None or slips > 0):
            found += after
            i += 1
            continue
        pieces = [word] if word is not None and slips == 0 else _fewest_slips(
            field, tokens[i], word, slips)
        if not pieces:
            return None
        found += pieces
        i += 1
    return found


AFTER_NUMBER_SLIPS = 2  # letters the word after a number may be off its listed word


def number_lost(value: str) -> bool:
    """Whether a word that follows a number (institutions.toml after_number: "Nolu") has
    none before it ("Şarköy Nolu Aile Sağlığı Merkezi": its 1 lost)."""
    after = {word_key(word) for word in _institution_rules().get("after_number", ())}
    words = value.split()
    return any(word_key(word) in after and not (i and any(ch.isdigit() for ch in words[i - 1]))
               for i, word in enumerate(words))


def _after_number(token: str) -> list[str] | None:
    """The word a number is followed by (institutions.toml after_number: "4 Nolu"), read two
    letters off ("Ncl") or glued to the listed words after it ("MOLUASM"); None when the
    token does not start with it or can be cut two ways."""
    key = word_key(token)
    cuts = []
    for word in _institution_rules().get("after_number", ()):
        listed = word_key(word)
        for end in range(max(3, len(listed) - 2), len(key) + 1):  # "No" of "No1": too little
            slips = edit_distance(key[:end], listed, AFTER_NUMBER_SLIPS + 1)
            rest = listed_cut("institution", key[end:]) if key[end:] else ((), 0)
            if slips <= AFTER_NUMBER_SLIPS and rest is not None:
                cuts.append((slips + rest[1], [upper_tr(word), *rest[0]]))
    cuts.sort(key=lambda cut: cut[0])
    if not cuts or (len(cuts) > 1 and cuts[1][0] == cuts[0][0] and cuts[1][1] != cuts[0][1]):
        return None
    return cuts[0][1]


def _fewest_slips(field: str, token: str, word: str | None, slips: int) -> list[str] | None:
    """The token as one listed word a few letters off or as a cut into listed words,
    whichever is fewer slips off ("DisHekimi": DİŞ HEKİMİ, not BAŞHEKİMİ); None on a tie."""
    cut = listed_cut(field, token)
    if cut is None or len(cut[0]) < 2:
        return [word] if word is not None else None
    if word is None or cut[1] < slips:
        return list(cut[0])
    return [word] if slips < cut[1] else None


MAX_PIECES = 6  # words one token may be cut into


def split_listed(field: str, token: str) -> list[str] | None:
    """The listed words a token is the words of, read without the spaces between them
    ("UZMANDOKTOR", "SINOPATATURKDEVLETHASTANESI"): the one cut into near readings of listed
    words with the fewest slips; None when there is none or two."""
    cut = listed_cut(field, token)
    return list(cut[0]) if cut is not None and len(cut[0]) >= 2 else None


def listed_cut(field: str, token: str, spaced: bool = True) -> tuple[tuple[str, ...], int] | None:
    """The listed words (one or more) a token reads as, spaces lost, and the letters it is
    off them: the cut with the fewest slips; None when there is none or two (without
    `spaced`, two cuts into the same letters are one: "NURGÜL", "NUR GÜL")."""
    def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return a == b if spaced else "".join(map(fold_key, a)) == "".join(map(fold_key, b))

    key = word_key(token)
    if field == "institution":  # "ŞARKÖY 1 NOLU" written close: the 1 reads as an i
        key = re.sub(r"(?<=[a-z])i(?=noiu)", "1", key)  # word_key: l is i
        key = re.sub(r"[i1]{2}[z2](?=acii)", "112", key)  # "MURATLI IIZ ACİL": 112 Acil
    shortest = 3 if field == "full_name" else 2
    # best[i]: (slips, words) of the cheapest cut of key[:i] (None: no cut); tied[i]: two
    # cuts into other words cost as little
    best: list[tuple[int, tuple[str, ...]] | None] = [(0, ())] + [None] * len(key)
    tied = [False] * (len(key) + 1)
    for end in range(1, len(key) + 1):
        for start in range(0, end):
            piece = key[start:end]
            number = field == "institution" and _whole_number(key, start, end)
            if (best[start] is None or len(best[start][1]) >= MAX_PIECES
                    or (len(piece) < shortest and not number)):
                continue
            word, slips = (piece, 0) if number else _nearest(field, piece)
            if word is None or _glued_to(piece, word, slips):
                continue
            cost, words = best[start][0] + slips, (*best[start][1], word)
            if best[end] is None or cost < best[end][0]:
                best[end], tied[end] = (cost, words), tied[start]
            elif cost == best[end][0] and not same(words, best[end][1]):
                tied[end] = True
    final = best[len(key)]
    if final is None or tied[len(key)]:
        return None
    return final[1], final[0]


def _glued_to(piece: str, word: str, slips: int) -> bool:
    """Whether a piece of a token is a listed word with two or more letters glued to one end:
    those letters are a word left unread ("boyabatzn": BOYABAT and the "2 No" of 2 Nolu), not
    a misreading of the word."""
    if slips < 2:
        return False
    key = word_key(word)
    return piece.startswith(key) or piece.endswith(key)


def _whole_number(key: str, start: int, end: int) -> bool:
    """Whether key[start:end] is a number and all of it ("112", not "1" and "12")."""
    return (key[start:end].isdigit() and not key[start - 1:start].isdigit()
            and not key[end:end + 1].isdigit())


def _slips_allowed(length: int) -> int:
    """Letters a word of this length may be off a listed one: none up to 3, one up to 6."""
    return 0 if length <= 3 else 1 if length <= 6 else 2


def agrees_word_for_word(field: str, value: str, text: str) -> bool:
    """Whether another reading (`text`, another engine's) gives the listed words of `value`
    word for word: each of its words is nearer that word than any other listed word."""
    words = value.split()
    read = [t for t in (t.strip(_STRAY_MARKS) for t in text.split()) if t]
    return len(read) == len(words) and all(
        (near := _nearest(field, token, 1)[0]) is not None and fold_key(near) == fold_key(word)
        for token, word in zip(read, words, strict=True))


@lru_cache(maxsize=4096)
def _nearest(field: str, token: str, margin: int | None = None) -> tuple[str | None, int]:
    """The one listed word nearest the token and how many letters it is off; another listed
    word `margin` letters further off makes it none (two for a name, else one)."""
    key = word_key(token)
    if not key or not any(ch.isalpha() for ch in token):
        return None, 0
    words = field_words(field)
    if key in words:
        return words[key], 0
    limit = _slips_allowed(len(key))
    if margin is None:
        margin = 2 if field == "full_name" else 1
    near = [(edit_distance(key, other, limit + margin - 1), other) for other in words]
    best = min((d for d, _ in near), default=limit + 1)
    if best > limit:
        return None, 0
    rivals = {words[other] for d, other in near if d < best + margin}
    return (rivals.pop(), best) if len(rivals) == 1 else (None, 0)


def _written_in_capitals(tokens: list[str]) -> bool:
    """Most letters after each word's first are capitals ("ELİF YILmaz", not "Bares Kaya")."""
    rest = [ch for t in tokens for ch in t[1:] if ch.isalpha()]
    return sum(ch.isupper() for ch in rest) * 2 > len(rest)
