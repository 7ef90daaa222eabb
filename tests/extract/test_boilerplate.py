"""Site-level boilerplate learning on a small fake site."""

from __future__ import annotations

from copytrail.extract import apply_boilerplate, block_key, extract_page, learn_boilerplate
from copytrail.ids import content_hash
from copytrail.model import Article, RawPage, join_paragraphs
from copytrail.settings import Settings

NEWSLETTER = (
    "Get our free weekly newsletter: the best of the Valley Courier in your inbox every Friday."
)
SUPPORT = "The Valley Courier is reader-funded. Become a member for 5 euros a month."
STORIES = [
    (
        "The valley's last dairy cooperative has agreed to merge with a larger group from the "
        "plains, ending ninety years of independence after a vote of its members on Sunday.",
        "Farmers said falling milk prices left no choice. The new owner promised to keep the "
        "cheese plant open for at least five years and to honour existing delivery contracts.",
    ),
    (
        "A landslide closed the pass road for the third time this winter after heavy rain loosened "
        "the slope above the old tunnel, the regional roads office said on Tuesday morning.",
        "Engineers want to build a protective gallery, but the project has no funding yet. Until "
        "then, drivers face a detour of forty minutes through the neighbouring valley.",
    ),
    (
        "The secondary school will offer evening classes in welding and electrics from September, "
        "in response to a shortage of skilled workers reported by local employers.",
        "The courses are free for residents under thirty. Twenty places are available in the "
        "first term, and the school expects to double the number next year.",
    ),
    (
        "Hotel owners reported the best summer season in a decade, with overnight stays up by "
        "fourteen percent on last year, according to figures from the tourist board.",
        "The board warned that the shortage of staff housing could limit growth. Several hotels "
        "now rent flats in the village for their seasonal workers.",
    ),
    (
        "The mountain rescue service received a new helicopter after a fundraising campaign that "
        "collected more than two million euros from residents and visitors.",
        "The machine can fly at night and in poor visibility. Until now, night rescues had to be "
        "carried out on foot, which could take several hours.",
    ),
]


def site_page(i: int) -> RawPage:
    first, second = STORIES[i]
    html = f"""<html><head><title>Story {i}</title></head><body>
    <div class="article-body"><h1>Story {i}</h1>
    <p>{first}</p><p>{NEWSLETTER}</p><p>{second}</p><p>{SUPPORT}</p>
    </div></body></html>"""
    return RawPage(
        url=f"https://courier.example/news/{i}", source=f"{i}.html", body=html.encode(), kind="html"
    )


def extracted(pages: list[RawPage]) -> list[tuple[str, Article]]:
    out = []
    for p in pages:
        arts = extract_page(p, Settings())
        assert isinstance(arts, list) and len(arts) == 1
        out.append((content_hash(p.body), arts[0]))
    return out


def paragraph_texts(a: Article) -> list[str]:
    return [a.text[p.start : p.end] for p in a.paragraphs]


def test_site_boilerplate_is_removed_and_body_kept() -> None:
    arts = extracted([site_page(i) for i in range(5)])
    # Page-level extraction keeps them: this is what the site-level pass is for.
    assert all(NEWSLETTER in a.text and SUPPORT in a.text for _, a in arts)
    blocks = learn_boilerplate([(h, paragraph_texts(a)) for h, a in arts], Settings())
    assert {b.text for b in blocks.values()} == {NEWSLETTER, SUPPORT}
    assert all(b.pages == 5 and b.share == 1.0 for b in blocks.values())
    for i, (_, a) in enumerate(arts):
        clean = apply_boilerplate(a, blocks)
        assert paragraph_texts(clean) == list(STORIES[i])
        assert clean.extra["boilerplate_removed"] == 2
        assert clean.title == a.title and clean.url == a.url


def test_small_site_falls_back_to_page_level() -> None:
    arts = extracted([site_page(i) for i in range(2)])
    assert learn_boilerplate([(h, paragraph_texts(a)) for h, a in arts], Settings()) == {}


def test_a_page_seen_twice_votes_once() -> None:
    pages = [("same", ["Share", "Body one"])] * 4 + [("other", ["Share", "Body two"])]
    assert learn_boilerplate(pages, Settings()) == {}
    pages += [("third", ["Share", "Body three"])]
    assert [b.text for b in learn_boilerplate(pages, Settings()).values()] == ["Share"]


def test_repeated_lede_of_a_series_is_kept() -> None:
    lede = (
        "This is the fourth part of our investigation into how a regional bank financed the "
        "expansion of a waste company with loans that were never approved by its credit committee "
        "and that later went bad, leaving taxpayers with the losses."
    )
    settings = Settings()
    assert len(lede.split()) >= settings.boilerplate_long_words
    short = "Read the whole series"
    pages = [(f"p{i}", [lede, short, f"Part body {chr(97 + i)} words"]) for i in range(3)]
    pages += [(f"q{i}", [f"Other story {chr(97 + i)}", short]) for i in range(7)]
    blocks = learn_boilerplate(pages, settings)
    # 3 of 10 pages: enough for a short block, not for a long one.
    assert [b.text for b in blocks.values()] == [short]


def test_min_share_protects_text_shared_by_few_pages_of_a_big_site() -> None:
    pages = [
        (f"p{i}", ["Shared quote of the week", f"Unique {chr(97 + i % 26)}{i // 26}"])
        for i in range(3)
    ]
    pages += [(f"q{i}", [f"Other {chr(97 + i % 26)}{i // 26}"]) for i in range(57)]
    assert learn_boilerplate(pages, Settings()) == {}  # 3 of 60 pages < 10 %
    assert learn_boilerplate(pages, Settings().replace(boilerplate_min_share=0.05))


def test_block_key_folds_case_space_digits_punctuation() -> None:
    assert block_key("© 2023 Example News. All rights reserved.") == block_key(
        "(c) 2024 example news — all RIGHTS reserved"
    )
    assert block_key("Share on Facebook") != block_key("Share on Twitter")


def test_all_boilerplate_article_is_left_alone() -> None:
    text, paras = join_paragraphs([("p", "Share"), ("p", "Subscribe")])
    a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    assert apply_boilerplate(a, {block_key("Share"), block_key("Subscribe")}) is a
    assert apply_boilerplate(a, set()) is a
