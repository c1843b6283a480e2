"""The main text of a web page (trafilatura): the article, not the page furniture around it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.loaders.html_text import HtmlDocument, parse_html

STORY = ("<p>Governor Ana Ruiz on Friday vetoed the Clean Transit Act, a bill that would have raised the fuel "
         "tax by five cents to pay for buses.</p><p>Senator Tom Hale, who sponsored the bill, said he would "
         "seek an override in January and criticized the veto.</p>")


def test_furniture_is_dropped_and_paragraphs_kept():
    page = (f"<html><body><header>Site</header><nav>Menu</nav><main>{STORY}<aside>Ad</aside></main>"
            "<footer>Contact</footer><script>x()</script><style>p{{}}</style></body></html>")
    text = parse_html(page).text
    assert text.startswith("Governor Ana Ruiz on Friday") and text.endswith("criticized the veto.")
    assert text.count("\n\n") == 1
    assert not any(w in text for w in ("Site", "Menu", "Ad", "Contact", "x()"))


def test_metadata_title_date_author_site_and_canonical_url():
    page = ("<html><head><title>Ruiz vetoes bill | The Ledger</title>"
            "<meta property='og:title' content='Ruiz vetoes transit bill'>"
            "<meta property='og:site_name' content='The Ledger'><meta name='author' content='Sam Ortiz'>"
            "<meta property='article:published_time' content='2026-05-02T10:00:00Z'>"
            "<link rel='canonical' href='https://ledger.example/ruiz'></head>"
            f"<body><article><h1>Ruiz vetoes transit bill</h1>{STORY}</article></body></html>")
    doc = parse_html(page)
    assert (doc.title, doc.date, doc.author, doc.site, doc.url) == (
        "Ruiz vetoes transit bill", "2026-05-02", "Sam Ortiz", "The Ledger", "https://ledger.example/ruiz")
    assert doc.text.startswith("Governor Ana Ruiz")  # the headline is the title, not a paragraph


def test_json_ld_gives_date_and_headline_when_meta_is_silent():
    page = ("<html><head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
            "\"@type\": \"NewsArticle\", \"headline\": \"Lee sues the city\", \"datePublished\": \"2026-04-01\"}"
            f"</script></head><body>{STORY}</body></html>")
    doc = parse_html(page)
    assert (doc.title, doc.date) == ("Lee sues the city", "2026-04-01")


def test_the_url_fetched_from_fills_in_url_and_site():
    doc = parse_html(f"<html><body>{STORY}</body></html>", url="https://www.ledger.example/ruiz")
    assert doc.url == "https://www.ledger.example/ruiz"
    assert doc.site in ("ledger.example", "www.ledger.example")


def test_a_fragment_is_read_too():
    assert parse_html("<p>Smith&nbsp;&amp;\n\n  Jones&#8217;s   plan</p>").text == "Smith & Jones\u2019s plan"
    assert parse_html("<p>Before</p><![foo[ junk ]]><p>After</p>").text == "Before\n\nAfter"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/![]-?=\"' abpmainrtcl&#;x\n"), max_size=300))
def test_any_markup_parses(markup):
    assert isinstance(parse_html(markup), HtmlDocument)
