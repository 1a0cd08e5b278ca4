"""Readers: the whole corpus, the gold metadata, encodings, and bad input.

The corpus is read at test time from ../shared/corpus (fixture ``corpus_dir``); no
article text is copied here. Pages used below are written for these tests.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import BODY_KINDS, BlockKind, Document
from kg.errors import (EmptyDocumentError, EncodingError, InputError, NotAnArticleError, UnknownNameError,
                       UnreadableFileError)
from kg.readers import INPUT_SUFFIXES, iter_input_files, read_path, readers, sniff_reader
from kg.readers.encoding import decode
from kg.text.normalize import clean_chars, join_inline, to_simplified

# Mirror furniture that must never reach an article body. "翻墙" alone is not here: articles
# use the word ("自从去年翻墙后……"); the furniture's phrases with it are.
BANNED = ["💥", "🎬", "原文地址", "原文链接", "手机上长按", "github.com", "<", "&nbsp;", "\u200b",
          "翻墙必看", "需翻墙", "翻墙软件", "翻墙教程", "免翻墙", "诚征荣誉会员"]
# Pages that carry little text: an infographic, short poems, video rundowns, two news briefs.
SHORT = {
    "mirror-2020/pages/nsc418/n12404025.md", "mirror-2020/pages/nsc418/n12431136.md",
    "mirror-2020/pages/nsc993/n12149516.md", "mirror-2020/pages/nsc993/n12157112.md",
    "mirror-2020/pages/nsc993/n12168998.md", "mirror-2020/pages/nsc993/n12196689.md",
    "mirror-2020/pages/nsc993/n12218425.md", "mirror-2020/pages/nsc993/n12324635.md",
    "mirror-2020/pages/nsc993/n12459469.md", "mirror-2020/pages/p7/939160.md",
    "mirror-2020/pages/prog202/a102949251.md",
}
TRADITIONAL_SECRETCHINA = {
    "mirror-2020/pages/p1/948828.md", "mirror-2020/pages/p4/942796.md", "mirror-2020/pages/p4/943679.md",
    "mirror-2020/pages/p4/947409.md", "mirror-2020/pages/p5/948046.md", "mirror-2020/pages/p9/942582.md",
    "mirror-2020/pages/p9/947423.md", "mirror-2020/pages/p9/948743.md",
}
META_FIELDS = ("title", "published", "publisher", "authors", "editors", "source_url")
KIND_ORDER = {BlockKind.TITLE: 0, BlockKind.CAPTION: 1, BlockKind.PARAGRAPH: 2, BlockKind.HEADING: 2,
              BlockKind.QUOTE: 2, BlockKind.FOOTER: 3}


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> tuple[dict[str, Document], float]:
    """Every corpus article read once, keyed by its path under the corpus, and the seconds it took."""
    started = time.perf_counter()
    docs = {p.relative_to(corpus_dir).as_posix(): read_path(p) for p in iter_input_files([corpus_dir])}
    return docs, time.perf_counter() - started


def _meta_mentions(doc: Document):
    return doc.all_mentions()  # a reader's document holds only metadata and caption mentions


# --- the corpus ------------------------------------------------------------------------------

def test_every_corpus_article_reads_quickly(corpus, corpus_dir):
    docs, seconds = corpus
    expected = [p for p in corpus_dir.rglob("*.md") if p.name != "README.md"]
    print(f"\n{len(docs)} articles read in {seconds:.1f} s")
    assert len(docs) == len(expected) >= 559
    assert seconds < 30


def test_no_mirror_furniture_in_any_body(corpus):
    for name, doc in corpus[0].items():
        for banned in BANNED:
            assert banned not in doc.body, (name, banned)


def test_bodies_are_long_except_a_few_short_pages(corpus):
    docs = corpus[0]
    short = {name for name, doc in docs.items() if len(doc.body) < 200}
    assert short == SHORT
    assert len(SHORT) < 20
    assert all(docs[name].meta.title for name in SHORT)


def test_blocks_come_in_order_and_hold_one_line_each(corpus):
    for name, doc in corpus[0].items():
        kinds = [b.kind for b in doc.blocks]
        assert kinds[0] == BlockKind.TITLE, name
        assert [KIND_ORDER[k] for k in kinds] == sorted(KIND_ORDER[k] for k in kinds), name
        for block in doc.blocks:
            text = doc.block_text(block)
            assert text and text == text.strip() and "\n" not in text, (name, block)


def test_mentions_point_into_the_text_and_originals_keep_the_length(corpus):
    for name, doc in corpus[0].items():
        assert len(doc.original_text) == len(doc.text), name
        for m in _meta_mentions(doc):
            assert doc.text[m.start : m.end] == m.text, (name, m)
        assert {m.rule for m in _meta_mentions(doc)} <= {"meta.dateline", "meta.byline", "meta.editor",
                                                         "meta.publisher", "meta.caption"}
        if doc.meta.dateline:
            assert doc.meta.publisher and doc.meta.published, name


def test_every_article_has_a_date_and_publisher(corpus):
    for name, doc in corpus[0].items():
        assert doc.meta.published is not None and doc.meta.publisher is not None, name
        assert doc.meta.source_url and doc.meta.source_url.startswith("https://"), name


def test_traditional_articles_are_marked_and_simplified(corpus):
    docs = corpus[0]
    secretchina_hant = {n for n, d in docs.items() if d.meta.language == "zh-Hant" and re.search(r"/pages/p\d+/", n)}
    assert secretchina_hant == TRADITIONAL_SECRETCHINA
    for name, doc in docs.items():
        if doc.meta.language == "zh-Hant":
            assert doc.is_traditional and to_simplified(doc.text) == doc.text, name
        else:
            changed = sum(a != b for a, b in zip(doc.text, doc.original_text))
            assert changed < 0.05 * len(doc.text) + 5, name


def test_links_join_without_stray_spaces(corpus, corpus_dir):
    """Every space between two CJK characters of a body stands in the page itself."""
    docs = corpus[0]
    checked = 0
    for name, doc in docs.items():
        raw = clean_chars((corpus_dir / name).read_text(encoding="utf-8"))
        original_body = "\n".join(doc.original_text[b.start : b.end] for b in doc.blocks if b.kind in BODY_KINDS)
        for m in re.finditer(r"[\u4e00-\u9fff，。、“”（）] +[\u4e00-\u9fff，。、“”（）]", original_body):
            assert re.search(re.escape(m.group()[0]) + " +" + re.escape(m.group()[-1]), raw), (name, m.group())
        checked += "<ok" in raw
    assert checked > 300


def test_a_linked_word_on_its_own_line_reads_as_part_of_its_sentence(corpus_dir):
    """In the page a link sits on lines of its own: the character before it, the linked word and
    the character after it must stand together in the body."""
    path = corpus_dir / "mirror-2020/pages/nsc418/n12458440.md"
    raw = path.read_text(encoding="utf-8")
    joins = re.findall(r"([^\s<>])[ \t]*\n\s*<ok [^>]*>\s*\n\s*(\S+?)\s*\n\s*</ok>\s*\n\s*([^<\s])", raw)
    assert len(joins) >= 5
    body = read_path(path).body
    for before, word, after in joins:
        assert before + word + after in body, (before, word, after)


def test_gold_metadata(corpus, gold_dir):
    docs = corpus[0]
    right, total, wrong = {f: 0 for f in META_FIELDS}, 0, []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        meta = docs[gold["article"]].meta
        got = {"title": meta.title, "published": meta.published.iso if meta.published else None,
               "publisher": meta.publisher.name if meta.publisher else None,
               "authors": [a.name for a in meta.authors], "editors": [a.name for a in meta.editors],
               "source_url": meta.source_url}
        for field in META_FIELDS:
            if field in gold["meta"]:
                total += 1
                if got[field] == gold["meta"][field]:
                    right[field] += 1
                else:
                    wrong.append((gold["article"], field, gold["meta"][field], got[field]))
    print(f"\nmeta vs gold: {sum(right.values())}/{total} {right}")
    assert total >= 6 * 18
    assert sum(right.values()) >= 0.97 * total, wrong


def test_known_metadata_of_a_few_articles(corpus):
    docs = corpus[0]
    rfa = docs["mirror-2020/pages/yataibaodao/rc-03252020144847.md"].meta
    assert rfa.published.iso == "2020-03-25" and rfa.dateline is None
    assert [e.name for e in rfa.editors] == ["申铧", "洪伟"] and rfa.publisher.mention is None  # not in its text
    rfa = docs["mirror-2020/pages/yataibaodao/rc-07282020110541.md"].meta
    assert rfa.publisher.mention.text == "自由亚洲电台" and rfa.authors[0].mention.text == "郑崇生"
    soh = docs["mirror-2020/pages/soh55/391564.md"]
    assert soh.meta.title == "“严重关切”   G7外长就香港问题发表联合声明"
    assert soh.meta.dateline.text.startswith("【希望之声") and soh.meta.publisher.mention.text == "希望之声"
    seed = docs["seed/epochtimes-n13495702.md"]
    assert seed.meta.published.iso == "2022-01-11"  # the dateline, one day after the URL's date
    image = seed.images[0]
    assert image.credit == "OLIVIER DOULIERY/POOL/AFP via Getty Images"
    assert seed.text[image.caption.start : image.caption.end].startswith("图为2021年12月11日")
    assert [b.kind for b in seed.blocks][:2] == [BlockKind.TITLE, BlockKind.CAPTION]
    assert seed.blocks[-1].kind == BlockKind.FOOTER


# --- encodings -------------------------------------------------------------------------------

ARTICLE = "两国外长举行会谈\n\n【示例新闻2021年3月2日讯】（示例新闻记者张三报导）美国国务卿与日本外相举行视频会谈，双方同意加强合作。\n\n责任编辑：李四\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_simplified_text_in_every_encoding(codec):
    doc = readers.get("text")(ARTICLE.encode(codec), "a.txt")
    assert doc.meta.title == "两国外长举行会谈" and "\ufeff" not in doc.text
    assert doc.meta.published.iso == "2021-03-02" and doc.meta.publisher.name == "示例新闻"
    assert [a.name for a in doc.meta.authors] == ["张三"] and [e.name for e in doc.meta.editors] == ["李四"]
    assert doc.meta.language == "zh-Hans"


def test_big5_text_is_simplified_and_keeps_its_original():
    traditional = "兩國外長舉行會談\n\n【示例新聞2021年3月2日訊】美國國務卿與日本外相舉行視頻會談，雙方同意加強合作。\n\n責任編輯：張莉莉\n"
    doc = readers.get("text")(traditional.encode("big5"), "b.txt")
    assert doc.meta.language == "zh-Hant"
    assert "美国国务卿与日本外相" in doc.text and "美國國務卿" in doc.original_text
    assert doc.meta.published.iso == "2021-03-02" and doc.meta.publisher.name == "示例新闻"
    assert [e.name for e in doc.meta.editors] == ["張莉莉"]  # names as the article writes them
    assert doc.meta.editors[0].mention.text == "张莉莉"


@pytest.mark.parametrize("declared", ["utf-8", "big5", "gb2312"])
def test_html_charset_label_wrong_or_right_gbk_bytes_decode(declared):
    page = (f'<html><head><meta charset="{declared}"><title>美国国务卿访问日本</title></head>'
            "<body><article><p>美国国务卿周二抵达东京，与日本首相举行会谈，双方讨论了地区安全问题。</p></article></body></html>")
    doc = readers.get("html")(page.encode("gbk"), "p.html")
    assert doc.meta.title == "美国国务卿访问日本" and "抵达东京" in doc.body


def test_declared_big5_page():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>國務卿訪問日本</title>'
            "</head><body><p>美國國務卿週二抵達東京，與日本首相舉行會談，雙方討論了地區安全問題。</p></body></html>")
    doc = readers.get("html")(page.encode("big5"), "p.html")
    assert doc.meta.title == "國務卿訪問日本" and "美国国务卿" in doc.body and doc.meta.language == "zh-Hant"


def test_decode_picks_gbk_or_big5_by_common_characters():
    simplified, traditional = "这是关于美国和中国经济关系的报道", "這是關於美國和中國經濟關係的報導"
    assert decode(simplified.encode("gbk"), "x") == simplified
    assert decode(traditional.encode("big5"), "x") == traditional


# --- normalisation ---------------------------------------------------------------------------

def test_invisible_and_odd_characters_are_cleaned():
    raw = "美国\u00a0国务卿\u200b蓬佩奥\u200c说\u200d：\u2060“好\u3000的”\u2028\r\n\x08English\ufeff  words"
    assert join_inline(clean_chars(raw)) == "美国 国务卿蓬佩奥说：“好 的”English words"


def test_traditional_conversion_keeps_the_length():
    for text in ("這裡的頭髮與理髮", "乾隆皇帝", "美國國務卿龐佩奧", "著名的" * 3):
        assert len(to_simplified(text)) == len(text)


# --- bad input -------------------------------------------------------------------------------

def _raises(error: type[InputError], path: Path) -> InputError:
    with pytest.raises(error) as caught:
        read_path(path)
    assert path.name in str(caught.value)
    return caught.value


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text(" \n\u3000\n", encoding="utf-8")
    _raises(EmptyDocumentError, tmp_path / "empty.txt")
    _raises(EmptyDocumentError, tmp_path / "blank.html")


def test_binary_files(tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "controls.txt").write_bytes(bytes(range(1, 9)) * 200)
    _raises(UnreadableFileError, tmp_path / "image.md")
    _raises(UnreadableFileError, tmp_path / "controls.txt")


def test_bytes_in_no_known_encoding(tmp_path):
    (tmp_path / "odd.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    _raises(EncodingError, tmp_path / "odd.txt")


def test_truncated_html_still_reads(tmp_path):
    page = ("<html><head><title>菅义伟与习近平通话</title></head><body><div class='content'><p>日本首相菅义伟"
            "周五晚间与中国国家主席习近平首次通电话，双方同意保持高层交流。</p><p>据报导，通话持续约三十")
    (tmp_path / "cut.html").write_text(page, encoding="utf-8")
    doc = read_path(tmp_path / "cut.html")
    assert doc.meta.title == "菅义伟与习近平通话" and doc.body.endswith("通话持续约三十")
    (tmp_path / "cut2.html").write_text("<html><body><div><p>只有", encoding="utf-8")
    _raises(NotAnArticleError, tmp_path / "cut2.html")


def test_pages_without_an_article(tmp_path):
    nav = ("<html><head><title>示例新闻网 首页</title></head><body><nav><a href='/'>首页</a><a href='/w'>国际</a></nav>"
           "<header>示例新闻网</header><footer>版权所有 示例新闻网</footer></body></html>")
    links = "<html><head><title>新闻列表</title></head><body><div class='list'>" + "".join(
        f"<div><a href='/a/{n}'>第{n}条新闻的标题在这里</a></div>" for n in range(30)) + "</div></body></html>"
    (tmp_path / "nav.html").write_text(nav, encoding="utf-8")
    (tmp_path / "links.html").write_text(links, encoding="utf-8")
    _raises(NotAnArticleError, tmp_path / "nav.html")
    _raises(NotAnArticleError, tmp_path / "links.html")


def test_huge_files_fail_fast(tmp_path):
    big = tmp_path / "big.html"
    paragraph = "<p>这是一个很长的测试段落，用来检查读取大文件时是否足够快。</p>\n".encode()
    big.write_bytes(b"<html><head><title>T</title></head><body>" + paragraph * (20_000_000 // len(paragraph)))
    started = time.perf_counter()
    _raises(UnreadableFileError, big)
    assert time.perf_counter() - started < 3
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: the size check must refuse it before reading
    _raises(UnreadableFileError, huge)


def test_mirror_page_with_a_title_and_no_text_still_reads(tmp_path):
    (tmp_path / "short.md").write_text("### 【图解】示例流程\n---\n<div><div class='infogram-embed'></div></div>\n",
                                       encoding="utf-8")
    doc = read_path(tmp_path / "short.md")
    assert doc.meta.title == "【图解】示例流程" and doc.body == "" and doc.reader == "mirror"
    (tmp_path / "nothing.md").write_text("###\n---\n<div></div>\n", encoding="utf-8")
    _raises(NotAnArticleError, tmp_path / "nothing.md")


MARKUP = ["<p>", "</p>", "<div class='caption'>", "</div>", "<img src='a.jpg'>", "<br>", "<h4>", "</h4>", "###", "\n",
          "---", "【示例社2020年10月7日讯】", "（示例社记者张三报导）", "责任编辑：李四", "美国", "國務卿", "<ok href=x>",
          "</ok>", "<", "&nbsp;", "\u200b", "\x08", "\x00", "<blockquote>", "<script>", "</script>", "#### [x](y)", "（"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.lists(st.sampled_from(MARKUP), max_size=40).map(lambda p: "".join(p).encode())),
       st.sampled_from(["mirror", "html", "text"]))
def test_any_input_reads_or_raises_an_input_error(data, name):
    try:
        doc = readers.get(name)(data, "fuzz.bin")
    except InputError as error:
        assert "fuzz.bin" in str(error)
    else:
        assert len(doc.text) == len(doc.original_text)
        assert all(doc.text[m.start : m.end] == m.text for m in _meta_mentions(doc))


# --- the generic HTML reader and the text reader ---------------------------------------------

NEWS_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>两国外长举行视频会谈 - 示例日报</title>
<meta property="og:title" content="两国外长举行视频会谈（OG）">
<meta property="og:site_name" content="示例日报">
<meta property="og:url" content="https://daily.example.org/2021/03/01/talks.html?from=og">
<meta property="og:image" content="https://daily.example.org/img/lead.jpg">
<link rel="canonical" href="https://daily.example.org/2021/03/01/talks.html">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"},
 {"@type": "NewsArticle", "headline": "两国外长举行视频会谈", "datePublished": "2021-03-02T09:00:00+08:00",
  "author": [{"@type": "Person", "name": "王五"}, {"@type": "Person", "name": "赵六"}],
  "publisher": {"@type": "Organization", "name": "示例日报"}}]}</script>
<script>var tracking = "不应出现在正文";</script></head>
<body><nav><a href="/">首页</a> | <a href="/world">国际</a></nav>
<article><header><h1>两国外长举行视频会谈</h1><p class="byline">记者 王五 赵六</p></header>
<p>美国国务卿3月1日与日本外相举行视频会谈，双方讨论了地区安全与
  <a href="/tag/x">经济合作</a>
  问题。</p>
<figure><img src="/img/talks.jpg"><figcaption>3月1日，两国外长举行视频会谈。（示例日报图片）</figcaption></figure>
<h2>同意加强合作</h2>
<blockquote><p>“We agreed to deepen cooperation,” the minister said.</p></blockquote>
<div class="share-buttons">分享到微博</div><ins class="adsbygoogle">广告</ins>
<p>责任编辑：周文</p></article>
<aside>相关新闻：别的报道</aside><footer>版权所有 示例日报</footer></body></html>"""


def test_generic_news_page_with_json_ld_and_opengraph():
    doc = readers.get("html")(NEWS_PAGE.encode("utf-8"), "talks.html")
    meta = doc.meta
    assert meta.title == "两国外长举行视频会谈"
    assert meta.published.iso == "2021-03-02" and meta.publisher.name == "示例日报"
    assert [a.name for a in meta.authors] == ["王五", "赵六"] and [e.name for e in meta.editors] == ["周文"]
    assert meta.source_url == "https://daily.example.org/2021/03/01/talks.html"
    assert "地区安全与经济合作问题。" in doc.body
    for absent in ("不应出现", "首页", "分享到", "广告", "相关新闻", "版权所有", "责任编辑"):
        assert absent not in doc.body, absent
    kinds = {doc.block_text(b): b.kind for b in doc.blocks}
    assert kinds["同意加强合作"] == BlockKind.HEADING
    assert kinds["“We agreed to deepen cooperation,” the minister said."] == BlockKind.QUOTE
    assert [i.url for i in doc.images] == ["https://daily.example.org/img/lead.jpg", "https://daily.example.org/img/talks.jpg"]
    assert doc.images[1].credit == "示例日报图片" and doc.images[1].caption.text.startswith("3月1日")


def test_a_dateline_in_the_text_wins_over_page_metadata():
    page = NEWS_PAGE.replace("<p>美国国务卿3月1日", "<p>【示例日报2021年3月3日讯】美国国务卿3月1日")
    doc = readers.get("html")(page.encode(), "talks.html")
    assert doc.meta.published.iso == "2021-03-03" and doc.meta.dateline.text == "【示例日报2021年3月3日讯】"
    assert doc.meta.publisher.mention.text == "示例日报"


def test_plain_text_article(tmp_path):
    text = ("澳日领导人通电话\n\n【示例通讯社2020年9月20日讯】（示例通讯社记者陈雨东京报导）澳大利亚总理\n"
            "莫里森与日本首相菅义伟通电话。\n\nTwo leaders\nspoke by phone.\n\n责编：申铧 网编：洪伟\n"
            "原文链接：https://news.example.org/2020/09/20/call.html\n")
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    doc = read_path(tmp_path / "call.txt")
    assert doc.reader == "text" and doc.meta.title == "澳日领导人通电话"
    assert doc.body.split("\n") == ["【示例通讯社2020年9月20日讯】（示例通讯社记者陈雨东京报导）澳大利亚总理莫里森与日本首相菅义伟通电话。",
                                    "Two leaders spoke by phone."]
    assert [a.name for a in doc.meta.authors] == ["陈雨"] and [e.name for e in doc.meta.editors] == ["申铧", "洪伟"]
    assert doc.meta.source_url == "https://news.example.org/2020/09/20/call.html"
    assert doc.meta.publisher.name == "示例通讯社" and doc.meta.dateline.start == doc.text.index("【")


# --- picking readers and files ---------------------------------------------------------------

def test_registry_and_sniffing():
    assert sorted(readers.names()) == ["html", "mirror", "text"]
    with pytest.raises(UnknownNameError):
        readers.get("pdf")
    assert sniff_reader("a.md", "### 标题\n".encode()) == "mirror"
    assert sniff_reader("a.md", "# 标题\n正文".encode()) == "text"
    assert sniff_reader("a.htm", b"plain") == "html"
    assert sniff_reader("page", b"\n <!DOCTYPE html><html>") == "html"
    assert sniff_reader("a.txt", "标题\n\n正文".encode()) == "text"


def test_read_path_uses_the_named_reader(tmp_path):
    (tmp_path / "a.txt").write_text("### 标题\n---\n<p>美国国务卿周二与日本外相举行会谈。</p>\n", encoding="utf-8")
    assert read_path(tmp_path / "a.txt").reader == "text"
    assert read_path(tmp_path / "a.txt", "mirror").reader == "mirror"
    _raises(UnreadableFileError, tmp_path / "missing.txt")


def test_iter_input_files_is_sorted_and_filtered(tmp_path):
    for name in ("b/2.html", "b/1.md", "a.txt", "c.htm", "notes.pdf", ".hidden/x.md", "b/README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = iter_input_files([tmp_path / "b", tmp_path])
    assert found == sorted(found) and len(found) == len(set(found))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/1.md", "b/2.html", "c.htm"]
    assert iter_input_files([tmp_path / "b/README.md"]) == [tmp_path / "b/README.md"]
    assert set(INPUT_SUFFIXES) == {".md", ".html", ".htm", ".txt"}
    with pytest.raises(UnreadableFileError):
        iter_input_files([tmp_path / "nope"])
