"""The main text of a web page: the article, not the page furniture around it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.loaders.html_text import HtmlDocument, parse_html


def test_furniture_is_dropped_and_paragraphs_kept():
    page = ("<body><header>Site</header><nav>Menu</nav><main><h2>Votes</h2><p>Lee voted <i>against</i> it."
            "</p><ul><li>First item</li><li>Second item</li></ul><aside>Ad</aside></main>"
            "<footer>Contact</footer><script>x()</script><style>p{}</style></body>")
    assert parse_html(page).text == "Votes\n\nLee voted against it.\n\nFirst item\n\nSecond item"


def test_headline_inside_header_of_article_is_the_title():
    page = ("<body><header><h1>The Ledger</h1></header><article><header><h1>Lee sues the city</h1>"
            "<time datetime='2026-04-01'>April 1</time></header><p>Lee sued the city.</p></article></body>")
    doc = parse_html(page)
    assert doc == HtmlDocument(text="Lee sued the city.", title="Lee sues the city", date="2026-04-01")


def test_site_logo_h1_loses_to_og_title():
    page = ("<head><meta property='og:title' content='Lee sues the city'></head>"
            "<body><header><h1>The Ledger</h1></header><p>Lee sued the city.</p></body>")
    assert parse_html(page).title == "Lee sues the city"


def test_meta_date_beats_time_element_and_canonical_beats_og_url():
    page = ("<head><meta name='date' content='2026-05-02'><meta property='og:url' content='https://og'>"
            "<link rel='alternate canonical' href='https://canon'></head>"
            "<body><time datetime='1999-01-01'></time><p>Text.</p></body>")
    doc = parse_html(page)
    assert (doc.date, doc.url) == ("2026-05-02", "https://canon")


def test_entities_and_whitespace():
    assert parse_html("<p>Smith&nbsp;&amp;\n\n  Jones&#8217;s   plan</p>").text == "Smith & Jones\u2019s plan"


def test_unknown_marked_section_is_skipped_like_a_browser():
    assert parse_html("<p>Before</p><![foo[ junk ]]><p>After</p>").text == "Before\n\nAfter"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/![]-?=\"' abpmainrtcl&#;x\n"), max_size=300))
def test_any_markup_parses(markup):
    assert isinstance(parse_html(markup), HtmlDocument)


def test_json_ld_gives_date_headline_and_url_when_meta_is_silent():
    page = ("<head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@graph\": ["
            "{\"@type\": \"WebSite\", \"name\": \"Ledger\"}, {\"@type\": \"NewsArticle\", "
            "\"headline\": \"Lee sues the city\", \"datePublished\": \"2026-04-01\", \"url\": \"https://l/x\"}]}"
            "</script><script type='application/ld+json'>{broken</script></head>"
            "<body><p>Lee sued the city.</p></body>")
    assert parse_html(page) == HtmlDocument(text="Lee sued the city.", title="Lee sues the city",
                                            date="2026-04-01", url="https://l/x")
