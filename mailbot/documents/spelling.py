"""Names read by OCR, mended: stray marks at the edges dropped, known words spelled right.

Payee names are made of few words (provinces, "İL", "SAĞLIK", "MÜDÜRLÜĞÜ", KamuSM's name);
rules/names/institutions.toml lists them; rules/names/people.toml lists common given names
and surnames for payers' names. A word read with an OCR slip ("|L", "İl" among
capitals, "MÜDÜRLÜGÜ", a Turkish "İ" in a name the bank printed in ASCII) is written as the
lexicon spells it, in the spelling most of the name's known words were printed in (Turkish
letters, or folded to ASCII) and in the name's case. Unknown words are left as read.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from mailbot.documents.layout import trim_ends
from mailbot.text import TURKISH_LETTERS, ascii_fold, fold_key, lower_tr, upper_tr

_SKELETON = str.maketrans("l1|!", "iiii")  # OCR look-alikes of i, for comparison only
_STRONG_TURKISH = set("ÇĞÖŞÜçğöşü")  # OCR rarely invents these marks (it does İ)
_EDGE_MARKS = ":;,.-–|>*'\"`?!()[]{}«»©®°"
_JUNK_MARKS = set("|>*`?!«»©®°~")  # no name's word: marks OCR made of specks
_RULE_LOOKALIKES = ("I", "l", "|", "1")  # a vertical stroke (a table's rule) as read


def lexicon_path(name: str = "institutions.toml") -> Path:
    """names/NAME under $MAILBOT_RULES_DIR when it has one, else the repository's."""
    shipped = Path(__file__).resolve().parents[2] / "rules" / "names" / name
    base = os.environ.get("MAILBOT_RULES_DIR")
    local = Path(base) / "names" / name if base else shipped
    return local if local.is_file() else shipped


def names_toml(name: str) -> dict:
    """rules/names/NAME (or the local one, see lexicon_path), parsed."""
    return tomllib.loads(lexicon_path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> dict[str, str]:
    """Comparison key -> the word as spelled in Turkish capitals."""
    raw = tomllib.loads((path or lexicon_path()).read_text(encoding="utf-8"))
    words = [word for listed in raw.values() if isinstance(listed, list) for word in listed]
    return {word_key(word): upper_tr(word) for word in words if word_key(word)}


def word_key(token: str) -> str:
    """Letters and digits of the folded token, i look-alikes made i."""
    return "".join(ch for ch in fold_key(token) if ch.isalnum() or ch in "|!").translate(
        _SKELETON)


def mend_institution(name: str | None, lexicon: dict[str, str] | None = None) -> str | None:
    """An OCR'd payee name with edge marks dropped and its known words spelled right."""
    if not name:
        return name
    words = lexicon if lexicon is not None else load_lexicon()
    tokens = [_slip_undone(token, words) for token in name.split()]
    for at, (token, after) in enumerate(pairwise(tokens)):
        if _known(after, words) == "SAĞLIK" and (
                token in _RULE_LOOKALIKES or _il_misread(token)):
            tokens[at] = "İL"  # "HATAY 1 SAĞLIK": the province's İL read as a stroke, "TL"
        elif _known(after, words) == "SAĞLIK" and _TC_MISREAD.fullmatch(token):
            tokens[at] = "T.C."  # "T.G. SAGLIK BAKANLIGI": its C read as a G or an O
    return mend_known(" ".join(tokens), words)


_ID_LABEL = re.compile(r"(tckn|vkn|tcno|tckimiik|kimiikno)")  # as word_key spells them
_TC_MISREAD = re.compile(r"T[.,]?[CGOQ(€][.,]?")


def _il_misread(token: str) -> bool:
    """Two letters one slip off İL ("TL", "It"), as OCR reads it before SAĞLIK."""
    key = word_key(token)  # "İL" is "ii" (l an i look-alike)
    return len(token) == 2 and len(key) == 2 and key.count("i") == 1


def _slip_undone(token: str, words: dict[str, str]) -> str:
    """An unknown token of a payee name that is a known word with a comma after it ("İL,")
    or with one letter read twice ("MUDURLUGGU", "MUDURLUĞGU") or an LI read as U ("SAGUK"),
    as that word read; else the token."""
    if token.endswith(",") and _known(token[:-1], words) is not None:
        return token[:-1]  # no payee's name holds a comma
    if _known(token, words) is not None:
        return token
    undone = [token[:i] + token[i + 1:] for i in range(1, len(token))
              if token[i].isalpha() and ascii_fold(token[i]) == ascii_fold(token[i - 1])]
    undone += [token[:i] + ("LI" if ch == "U" else "li") + token[i + 1:]  # "SAGUK": LI as U
               for i, ch in enumerate(token) if ch in "Uu" and 0 < i < len(token) - 1]
    known = {_known(word, words): word for word in undone}
    known.pop(None, None)
    return known.popitem()[1] if len(known) == 1 else token


def mend_known(name: str, words: dict[str, str], turkish: bool = False) -> str | None:
    """`name` with edge marks and marks standing alone ("©") dropped, a table's rule read as
    a letter before its first word cut off ("ISINOP"), and the words of `words` spelled as
    listed."""
    tokens = [part for token in strip_edge_junk(name.split(), words)
              for part in _split_known(token, words) if not set(part) <= _JUNK_MARKS]
    if tokens:
        tokens[0] = _without_rule(tokens[0], words)
    known = [_known(token, words) for token in tokens]
    folded = not turkish and _printed_folded(tokens, known)
    upper = _mostly_upper(tokens)
    mended = [token if word is None
              else _spell(word, folded, _capitals(token, upper)) + _trailing(token, word)
              for token, word in zip(tokens, known, strict=True)]
    return " ".join(mended) or None


def mend_person(name: str | None, turkish: bool = False) -> str | None:
    """An OCR'd person's name with stray marks at its edges (a full stop after the surname)
    dropped and its common given names and surnames (rules/names/people.toml) spelled right
    ("GOKHAN KUŞÇU" -> "GÖKHAN KUŞÇU"); with Turkish letters when `turkish` (the page
    prints them), else as most of its words were read."""
    if not name:
        return name
    tokens = name.split()
    cut = next((i for i, token in enumerate(tokens) if i and _ID_LABEL.match(word_key(token))),
               None)
    tokens = tokens[:cut]  # "SERKAN YILDIZ TCKNWKN": the next label, "TCKN/VKN", read in
    if tokens and sum(ch.isalpha() for ch in tokens[-1]) >= 3:
        tokens[-1] = tokens[-1].rstrip(".")
    return mend_known(" ".join(tokens), load_lexicon(lexicon_path("people.toml")), turkish)


def respell_names(text: str | None, lexicon_name: str = "people.toml",
                  also: str | None = None) -> str | None:
    """OCR'd text with the listed words in it (common names, or the words of
    rules/names/`lexicon_name`) given the Turkish marks OCR dropped, or the ones it added,
    by the spelling most of them were printed in ("ŞEYMA OZTURK" -> "ŞEYMA ÖZTÜRK"); only
    marks change, every other token is kept as read. `also` names a second word list."""
    if not text:
        return text
    lexicon = load_lexicon(lexicon_path(lexicon_name))
    if also is not None:
        lexicon = {**load_lexicon(lexicon_path(also)), **lexicon}
    tokens = text.split()
    known = [_known(token, lexicon) if token.isalpha() else None for token in tokens]
    folded = _printed_folded(tokens, known)
    return " ".join(token if word is None else cased_like(token, word, folded)
                    for token, word in zip(tokens, known, strict=True))


def cased_like(token: str, word: str, folded: bool) -> str:
    """The word (in capitals, as the lexicon has it), folded to ASCII or not, in the case the
    token was read in ("ve", "Ve", "VE")."""
    text = ascii_fold(word) if folded else word
    if token.isupper():
        return text
    lower, upper = (str.lower, str.upper) if folded else (lower_tr, upper_tr)
    lowered = lower(text)
    return lowered if token.islower() else upper(lowered[:1]) + lowered[1:]


def strip_edge_junk(tokens: list[str], lexicon: dict[str, str]) -> list[str]:
    """Drop leading and trailing tokens that cannot be part of the name.

    Junk: no letter at all, a lone letter, or (in a name written in capitals) a token
    with small letters that is not a known word ("e TEKİRDAĞ …", "OĞUZ BOZKURT Miz").
    """
    upper = _mostly_upper(tokens)

    def junk(token: str) -> bool:
        letters = [ch for ch in token if ch.isalpha()]
        if _known(token, lexicon) is not None:
            return False
        if not letters or (len(letters) == 1 and not token.endswith(".")):
            return True
        return upper and any(ch.islower() for ch in letters)

    return trim_ends(tokens, junk)


def _without_rule(token: str, lexicon: dict[str, str]) -> str:
    """A name's first token without a rule read as a letter before it: an unknown token
    that is a known word of four letters or more after an I, l, | or 1."""
    rest = token[1:]
    if (token[:1] in _RULE_LOOKALIKES and len(rest) >= 4 and _known(token, lexicon) is None
            and _known(rest, lexicon) is not None):
        return rest
    return token


def _split_known(token: str, lexicon: dict[str, str]) -> list[str]:
    """A token that is two or three known words read without the spaces between them
    ("ELAZIGIL", "BAKANLIĞIELAZIĞIL"), as those words; else the token."""
    if _known(token, lexicon) is not None or not token.isalpha():
        return [token]
    return _known_cut(token, lexicon, 3) or [token]


def _known_cut(token: str, lexicon: dict[str, str], parts: int) -> list[str] | None:
    """The one way to cut `token` into at most `parts` known words, or None."""
    if _known(token, lexicon) is not None:
        return [token]
    if parts < 2:
        return None
    cuts = [[token[:i], *rest] for i in range(2, len(token) - 1)
            if _known(token[:i], lexicon)
            and (rest := _known_cut(token[i:], lexicon, parts - 1)) is not None]
    return cuts[0] if len(cuts) == 1 else None


def _known(token: str, lexicon: dict[str, str]) -> str | None:
    """The lexicon word this token is a reading of, if any (a letter is needed)."""
    if not any(ch.isalpha() for ch in token):
        return None
    return lexicon.get(word_key(token))


def _printed_folded(tokens: list[str], known: list[str | None]) -> bool:
    """True when the known words with Turkish letters (in the token's case: "Elif" has none,
    "ELİF" has one) were mostly read without them. OCR seldom invents a Ş, Ğ, Ü, Ö or Ç but
    often drops one, and it puts a dot on a capital I freely ("KIRKLARELİ İL SAGLIK
    MUDURLUGU" was printed without marks): a word read with one of those letters weighs
    most, a word read without the ones it has weighs more than a dotted I."""
    turkish = folded = 0.0
    for token, word in zip(tokens, known, strict=True):
        cased = None if word is None else _spell(word, False, token.isupper())
        if cased is None or ascii_fold(cased) == cased:
            continue
        if _STRONG_TURKISH.intersection(token):
            turkish += 2
        elif _STRONG_TURKISH.intersection(cased):
            folded += 1.5
        elif TURKISH_LETTERS.intersection(token):
            turkish += 1
        else:
            folded += 1
    return folded > turkish


def _mostly_upper(tokens: list[str]) -> bool:
    """True when most tokens with letters are written in capitals."""
    lettered = [token for token in tokens if any(ch.isalpha() for ch in token)]
    return bool(lettered) and sum(token.isupper() for token in lettered) * 2 > len(lettered)


def _capitals(token: str, name_upper: bool) -> bool:
    """Whether to write a known word in capitals: as the token was read ("TÜBİTAK Kamu"),
    except a word of two letters or less, whose case OCR often gets wrong ("İl" among
    capitals): that one follows the name."""
    letters = [ch for ch in token if ch.isalpha()]
    return name_upper if len(letters) <= 2 else all(ch.isupper() for ch in letters)


def _spell(word: str, folded: bool, upper: bool) -> str:
    """The lexicon word in the name's spelling and case ("İL", "IL", "İl", "Il")."""
    text = ascii_fold(word) if folded else word
    if upper or "." in text.rstrip("."):  # capitals, or an abbreviation such as T.C.
        return text
    if folded:
        lowered = text.lower()
        return lowered[:1].upper() + lowered[1:]
    lowered = lower_tr(text)
    return upper_tr(lowered[:1]) + lowered[1:]


def _trailing(token: str, word: str) -> str:
    """Punctuation the token carried after the word that the word itself does not end with;
    not a mark word_key read as the word's last letter ("MERKEZ!" is MERKEZİ)."""
    tail = token[len(token.rstrip(_EDGE_MARKS)):].lstrip(_I_MARKS)
    return "" if word.endswith(".") or tail in (".", "") else tail.rstrip(".")


_I_MARKS = "|!"  # OCR's i look-alikes among edge marks (see word_key)
