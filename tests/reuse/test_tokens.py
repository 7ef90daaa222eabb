"""Tokenisation of any script: exact offsets (Hypothesis), normalisation of variants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.reuse.tokens import normalize, tokenize


def test_latin_cyrillic_words_and_case_accents() -> None:
    t = tokenize("Éric Zemmour — «Правительство» заявило, 3,5 млн.")
    assert [w for w, _, _ in t.words()] == [
        "Éric",
        "Zemmour",
        "Правительство",
        "заявило",
        "3",
        "5",
        "млн",
    ]
    assert normalize("Éric") == "eric" and normalize("ПРАВИТЕЛЬСТВО") == "правительство"


def test_arabic_persian_variants_digits_diacritics_tatweel_zwnj() -> None:
    # ي/ی, ك/ک, ة/ه, alef forms, harakat, tatweel, Arabic-Indic and Persian digits
    assert normalize("كتابي") == normalize("کتابی")
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("أحمد") == normalize("احمد") == normalize("إحمد") == normalize("آحمد")
    assert normalize("كَتَبَ") == normalize("کتب")
    assert normalize("كـــتاب") == normalize("کتاب")
    assert normalize("٢٠٢٤") == normalize("۲۰۲۴") == "2024"
    # a zero-width non-joiner separates like the space that sites without it type instead
    t = tokenize("می\u200cخواهم بروم")
    assert [w for w, _, _ in t.words()] == ["می", "خواهم", "بروم"]
    assert t.hashes.tolist() == tokenize("مي خواهم بروم").hashes.tolist()
    assert normalize("می\u200cخواهم") == normalize("میخواهم")
    # the zero-width joiner and the tatweel stay inside their word
    assert [w for w, _, _ in tokenize("ك\u0640\u0640تاب و\u200dر").words()] == [
        "ك\u0640\u0640تاب",
        "و\u200dر",
    ]
    # diacritics stay inside their word (offsets cover them)
    t = tokenize("قالَ الرئيسُ")
    assert [w for w, _, _ in t.words()] == ["قالَ", "الرئيسُ"]


def test_cjk_and_thai_fall_back_to_characters() -> None:
    t = tokenize("東京都は晴れ。สวัสดีครับ ok")
    words = [w for w, _, _ in t.words()]
    assert words[:5] == ["東", "京", "都", "は", "晴"]
    assert "ok" in words and "ส" in words


def test_same_hash_for_variant_spellings() -> None:
    a = tokenize("الكتاب في المدرسة ٢٠٢٤")
    b = tokenize("الکتاب فی المدرسه ۲۰۲۴")
    assert a.hashes.tolist() == b.hashes.tolist()


TEXT = st.text(
    alphabet=st.sampled_from(
        list("abc XYZ.,;\n\t-'’")
        + list("éàüßİı")
        + list("АБВабвгд")
        + list("كيةأإآيیکهۀـ\u064e\u0650\u200c\u200d٠١٢۱۲")
        + list("東京都はれ")
        + list("สวัสดี")
        + ["\U0001f600", "\u0301", "\ufeff"]
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_offsets_map_back_to_the_text_exactly(text: str) -> None:
    t = tokenize(text)
    prev_end = 0
    for word, s, e in t.words():
        assert text[s:e] == word and word
        assert s >= prev_end  # ordered, non-overlapping
        prev_end = e
        assert normalize(word)  # every token has a matching form
    assert len(t.hashes) == len(t.starts) == len(t.ends)
