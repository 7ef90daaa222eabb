"""Hypothesis: paragraph offsets always map back to the text exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.extract import apply_boilerplate, block_key, extract_page
from copytrail.extract.page import text_paragraphs
from copytrail.model import Article, RawPage, join_paragraphs
from copytrail.settings import Settings

raw_text = st.text(alphabet=st.sampled_from("ab c.\n\n\t\r é—"), max_size=200)
words = st.text(alphabet=st.sampled_from("abcdefghij éü"), min_size=1, max_size=12)
sentences = st.lists(words, min_size=8, max_size=30).map(lambda ws: " ".join(ws).strip() + ".")


@given(raw_text)
def test_text_paragraphs_cover_every_visible_character(text: str) -> None:
    paras = text_paragraphs(text)
    previous_end = 0
    for p in paras:
        block = text[p.start : p.end]
        assert block and block == block.strip()
        assert "\n\n" not in block.replace("\r", "")
        assert p.start >= previous_end
        previous_end = p.end
    inside = "".join(text[p.start : p.end] for p in paras)
    assert [c for c in inside if not c.isspace()] == [c for c in text if not c.isspace()]


@given(st.lists(st.tuples(st.sampled_from("p h li"), raw_text), max_size=8), st.data())
def test_apply_boilerplate_keeps_offsets_exact(
    parts: list[tuple[str, str]], data: st.DataObject
) -> None:
    text, paras = join_paragraphs(parts)
    a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    chunks = [text[p.start : p.end] for p in paras]
    removed = data.draw(st.sets(st.sampled_from(chunks))) if chunks else set()
    out = apply_boilerplate(a, {block_key(c) for c in removed})
    keys = {block_key(c) for c in removed}
    expected = [c for c in chunks if block_key(c) not in keys] or chunks
    assert [out.text[p.start : p.end] for p in out.paragraphs] == expected
    assert [p.kind for p in out.paragraphs] == [
        p.kind for p, c in zip(paras, chunks, strict=True) if c in expected
    ]
    assert out.text == "\n\n".join(expected)


@settings(max_examples=15, deadline=None)
@given(st.lists(sentences, min_size=3, max_size=6))
def test_html_paragraphs_map_back(paras: list[str]) -> None:
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = f"<html><body><article>{body}</article></body></html>".encode()
    result = extract_page(
        RawPage(url="https://ex.org/a", source="a", body=html, kind="html"), Settings()
    )
    if not isinstance(result, list):
        return  # trafilatura may find too little text in random words: an error value, fine
    for a in result:
        got = [a.text[p.start : p.end] for p in a.paragraphs]
        assert a.text == "\n\n".join(got)
        # HTML collapses runs of spaces; otherwise each paragraph comes back as written.
        assert all(g in [" ".join(p.split()) for p in paras] for g in got)


@given(st.lists(st.tuples(st.sampled_from("p h li"), raw_text), max_size=8), st.data())
def test_apply_boilerplate_is_idempotent(parts: list[tuple[str, str]], data: st.DataObject) -> None:
    text, paras = join_paragraphs(parts)
    a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    chunks = [text[p.start : p.end] for p in paras]
    keys = {block_key(c) for c in data.draw(st.sets(st.sampled_from(chunks)))} if chunks else set()
    once = apply_boilerplate(a, keys)
    assert apply_boilerplate(once, keys).text == once.text
