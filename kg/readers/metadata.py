"""Article furniture as data: datelines, bylines, editor lines, outlets and URL dates.

Every pattern a reader uses to find who published, wrote and edited an article lives in
this one module, as compiled tables, and runs on the simplified text (so 【大紀元…訊】 and
【大纪元…讯】 are one pattern). The functions return spans into that text; the caller
turns them into :class:`~kg.facts.Mention` objects.

>>> m = DATELINE.search("【新唐人北京时间2020年10月06日讯】美国")
>>> m.group("outlet"), date_of(m)
('新唐人', PartialDate(year=2020, month=10, day=6))
>>> [n for n, _, _ in byline_names("（大纪元记者夏雨、戴芙若纽约报导）")]
['夏雨', '戴芙若']
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..document import BODY_KINDS, Block, BlockKind, Document
from ..facts import ArticleMeta, Attribution, Mention, PartialDate
from .clean import RawArticle

# outlet name -> site domains. The name is the publisher as the outlet writes itself.
OUTLETS: dict[str, tuple[str, ...]] = {
    "大纪元": ("epochtimes.com", "epochtimes.com.tw", "epochtimeshk.org"),
    "新唐人": ("ntdtv.com", "ntdtv.com.tw"),
    "希望之声": ("soundofhope.org",),
    "看中国": ("secretchina.com", "kanzhongguo.com"),
    "自由亚洲电台": ("rfa.org",),
    "美国之音": ("voachinese.com", "voanews.com"),
    "德国之声": ("dw.com",),
    "法广": ("rfi.fr",),
    "中央社": ("cna.com.tw",),
}
# Other ways an outlet names itself in datelines and bylines (simplified forms).
OUTLET_ALIASES = {"大纪元时报": "大纪元", "新唐人电视台": "新唐人", "本台": None, "法国国际广播电台": "法广"}

_Y, _M, _D = r"(?P<y>(?:19|20)\d{2})", r"(?P<m>\d{1,2})", r"(?P<d>\d{1,2})"
# 【大纪元2020年10月17日讯】 【新唐人北京时间2020年10月06日讯】 【希望之声2020年9月8日】 【北京时间…讯】
DATELINE = re.compile(
    rf"【(?P<outlet>[^【】\d\s]{{0,12}}?)(?:(?:北京|美东|美西|台北|香港|东京|当地)?时间)?\s*{_Y}年{_M}月{_D}日\s*讯?】"
)

# Places reporters file from, so "记者钟元台北报导" gives 钟元, not 钟元台北.
_PLACES = (
    "香港|台北|台湾|台中|高雄|纽约|多伦多|温哥华|蒙特利尔|渥太华|卡尔加里|华盛顿|华府|洛杉矶|旧金山|硅谷|芝加哥|休斯顿|"
    "达拉斯|波士顿|费城|亚特兰大|西雅图|大急流城|圣地亚哥|新泽西|巴黎|伦敦|柏林|慕尼黑|法兰克福|布鲁塞尔|日内瓦|维也纳|"
    "罗马|莫斯科|东京|大阪|首尔|悉尼|墨尔本|奥克兰|新加坡|曼谷|德国|法国|英国|日本|韩国|美国|加拿大|澳洲|欧洲"
)
_PLACE = rf"(?:\s*(?:美国|加拿大|英国|德国|法国|日本|澳洲)?(?:{_PLACES})\s*)?"
_NOT_A_LABEL = r"(?!责编|网编|编辑|责任|本台|记者)"
_CJK_NAME = rf"{_NOT_A_LABEL}[\u4e00-\u9fff·‧•・．]{{2,4}}?"  # lazy: a place or 报导 may follow with no break
_EDITOR_NAME = rf"{_NOT_A_LABEL}[\u4e00-\u9fff·‧•・．]{{2,4}}"  # greedy: an editor's name runs to a break
_LATIN_NAME = r"[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,3}"
_NAME = rf"(?:{_LATIN_NAME}|{_CJK_NAME})"
_NAMES = rf"(?P<names>{_NAME}(?:\s*[、，,和及]\s*{_NAME})*)"
_VERB = r"(?:综合|采访|专访|编译|联合)?(?:报[导道]|编译|整理)"

# Bylines: each pattern has a "names" group; several names are joined by 、 or spaces.
BYLINES = [
    # （大纪元记者戴芙若综合报导） （本台记者宇宁综合编译） （记者刘明焕报导/责任编辑：文慧） （香港大纪元记者X采访报导）
    re.compile(rf"[（(][^（）()：:/／]{{0,12}}?记者站?[：:]?\s*{_NAMES}{_PLACE}{_VERB}?(?=[/／）)])"),
    # （英文大纪元专栏作家Tim Shaler撰文／宁静编译）
    re.compile(rf"[（(][^（）()：:]{{0,12}}?(?:作家|作者|评论员)\s*{_NAMES}\s*撰文"),
    # 自由亚洲电台记者郑崇生华盛顿报道   记者：郑崇生 责编：… 新唐人记者严曦综合报导 (a furniture line)
    re.compile(rf"^[（(]?(?:[^\s（）()：:]{{0,8}}?)(?:特约)?记者站?[：:]?\s*{_NAMES}{_PLACE}(?:{_VERB}|(?=\s|$|[。，）)]))"),
    # 作者：X   文／X
    re.compile(rf"^(?:作者|文)\s*[：:／/]\s*{_NAMES}(?=\s|$|[。，）)])"),
]
# Editor lines: 责任编辑：X  责编：申铧 网编：洪伟  责编 许书婷 胡力汉  （编辑：王润）
EDITORS = re.compile(
    rf"(?:(?:责任编辑|责人编辑|编辑)\s*[：:]|(?:责编|网编)\s*[：:]?)\s*"
    rf"(?P<names>{_EDITOR_NAME}(?:\s*[、，,]?\s*{_EDITOR_NAME})*)(?=$|[\s）)#＃/／；;，,。]|责编|网编)"
)
_EDITOR_LABEL = re.compile(r"责任编辑|责人编辑|责编|网编|^[（(]?编辑[：:]")
# A furniture line: editor lines and bylines (see is_footer_line) and disclaimers.
FOOTER_MAX = 120
_FOOTER_HINT = re.compile(r"编|记者|作者|^文|观点|立场|陈述")  # a cheap test before the patterns below
DISCLAIMER = re.compile(r"^[（(](?:本文|文章|本视频|本节目)[^）)]{0,40}(?:观点|立场|陈述)[^）)]{0,20}[）)]$")
# An editor clause ending a long paragraph, split off as its own footer block.
TRAILING_FOOTER = re.compile(
    r"(?:[（(][^（）()]{0,30}?(?:责任编辑|责人编辑|责编)[：:][^（）()]{1,30}[）)]|(?:责任编辑|责人编辑|责编)[：:][^。！？]{1,40})$"
)
# Blocks that are the outlet's adverts, donation calls, copyright notices or bare "click here"
# links: dropped. (Blocks with no word character at all, like "=====", go too.)
BOILERPLATE = re.compile(
    r"^【诚征荣誉会员】|^【支持】为真相护航|^https?://donate\.|^本文章或节目经.{0,10}编辑制作|"
    r"^.{0,10}版权所有.{0,20}(?:转载|允许)|^手机上长按|^原文(?:地址|链接)[（(：:]|翻墙必看|"
    r"^\s*(?:分享到|扫描二维码)|^.{0,40}点击这里。?$"
)
# Links to the original article in the mirror's footer.
SOURCE_URL = re.compile(r"原文(?:地址|链接)\s*(?:[（(][^）)]*[）)])?\s*[：:]\s*(?P<url>https?://[^\s<>\"']+)")

# Dates in article URLs, most specific first.
URL_DATES = [
    re.compile(r"-(?P<m>\d{2})(?P<d>\d{2})(?P<y>20\d{2})\d{6}\.html?"),  # rfa.org …/rc-09222020101010.html
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),  # /2020/10/06/
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[/_-]"),  # /2020-10-06/
    re.compile(r"/(?:gb|b5|b)/(?P<yy>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),  # epochtimes.com/gb/20/10/7/
]


def date_of(match: re.Match[str]) -> PartialDate | None:
    """A PartialDate from a match with y (or yy), m and d groups; None when impossible.

    >>> date_of(URL_DATES[3].search("https://www.epochtimes.com/gb/20/10/7/n1.htm"))
    PartialDate(year=2020, month=10, day=7)
    """
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
    try:
        return PartialDate(year, int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None


def url_date(url: str | None) -> PartialDate | None:
    """The publication date an article URL carries.

    >>> url_date("https://www.rfa.org/mandarin/yataibaodao/rc-07282020110541.html").iso
    '2020-07-28'
    >>> url_date("https://www.soundofhope.org/post/391564") is None
    True
    """
    for pattern in URL_DATES if url else ():
        match = pattern.search(url)
        if match and (date := date_of(match)):
            return date
    return None


def outlet_of_url(url: str | None) -> str | None:
    """The outlet whose site ``url`` is on.

    >>> outlet_of_url("https://www.ntdtv.com/gb/2020/10/02/a102954169.html")
    '新唐人'
    """
    host = (urlsplit(url).hostname or "") if url else ""
    for name, domains in OUTLETS.items():
        if any(host == d or host.endswith("." + d) for d in domains):
            return name
    return None


def outlet_name(written: str) -> str | None:
    """The publisher a dateline names: known aliases mapped, "本台" and empty names dropped.

    >>> outlet_name("大纪元"), outlet_name("新唐人电视台"), outlet_name(""), outlet_name("示例新闻")
    ('大纪元', '新唐人', None, '示例新闻')
    """
    written = written.strip()
    if written in OUTLET_ALIASES:
        return OUTLET_ALIASES[written]
    return written if len(written) >= 2 else None


_NOT_A_NAME = re.compile(r"报[导道]$|编译$|综合$|采访$|整理$|^本台|^记者")


def _split_names(match: re.Match[str], offset: int = 0) -> list[tuple[str, int, int]]:
    text, base = match.group("names"), match.start("names") + offset
    found = []
    for piece in re.finditer(r"[^\s、，,和及]+(?: [A-Za-z][^\s、，,]*)*", text):
        name = piece.group()
        if len(name) >= 2 and not _NOT_A_NAME.search(name):
            found.append((name, base + piece.start(), base + piece.end()))
    return found


def byline_names(text: str, offset: int = 0, patterns: list[re.Pattern[str]] = BYLINES) -> list[tuple[str, int, int]]:
    """Reporter names in a byline, as (name, start, end) with ``offset`` added to positions.

    >>> byline_names("自由亚洲电台记者郑崇生华盛顿报道 责编：申铧 网编：洪伟")
    [('郑崇生', 8, 11)]
    >>> byline_names("（大纪元英文记者Allan Zhong报导/高杉编译）")
    [('Allan Zhong', 8, 19)]
    >>> byline_names("（大纪元美中记者站报导）")
    []
    """
    for pattern in patterns:
        match = pattern.search(text)
        if match and (names := _split_names(match, offset)):
            return names
    return []


LEAD_BYLINES = BYLINES[:2]  # in the first paragraph only bracketed bylines count: 记者 alone is prose there


def editor_names(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Editor names in a furniture line.

    >>> [n for n, _, _ in editor_names("记者：高锋 责编：胡力汉 许书婷 网编：瑞哲")]
    ['胡力汉', '许书婷', '瑞哲']
    >>> [n for n, _, _ in editor_names("（转自大纪元/责任编辑：李敏）")]
    ['李敏']
    """
    names = []
    for match in EDITORS.finditer(text):
        names.extend(_split_names(match, offset))
    return names


def is_footer_line(text: str) -> bool:
    """True for an editor line, a line that is only a byline, or a disclaimer.

    >>> is_footer_line("（记者刘明焕报导/责任编辑：文慧）"), is_footer_line("新唐人记者严曦综合报导")
    (True, True)
    >>> is_footer_line("作者：张三"), is_footer_line("文／李四")
    (True, True)
    >>> is_footer_line("他对记者说：好。"), is_footer_line("（大纪元记者林燕报导）美国总统说，……")
    (False, False)
    """
    if len(text) > FOOTER_MAX or not _FOOTER_HINT.search(text):
        return False
    if _EDITOR_LABEL.search(text) or DISCLAIMER.match(text):
        return True
    for pattern in (BYLINES[0], *BYLINES[2:]):
        match = pattern.match(text)
        if match and _split_names(match) and re.fullmatch(r"[\s。）)/／]*", text[match.end():]):
            return True
    return False


def trailing_footer_start(text: str) -> int | None:
    """Where an editor clause at the end of a long paragraph begins, if there is one.

    >>> trailing_footer_start("这是正文。（责任编辑：林妍）")
    5
    """
    match = TRAILING_FOOTER.search(text[-80:])
    if not match:
        return None
    start = len(text) - len(text[-80:]) + match.start()
    return start if start > 0 else None


def _attributions(doc: Document, spans: list[tuple[str, int, int]], rule: str) -> tuple[Attribution, ...]:
    """Attributions named as the article writes them (its own script), deduplicated in order."""
    found: dict[str, Attribution] = {}
    for _, start, end in spans:
        name = doc.original_text[start:end]
        found.setdefault(name, Attribution(name, doc.mention(start, end, rule)))
    return tuple(found.values())


def _find_in(doc: Document, needle: str, blocks: list[Block], rule: str) -> Mention | None:
    for block in blocks:
        at = doc.text.find(needle, block.start, block.end)
        if at >= 0:
            return doc.mention(at, at + len(needle), rule)
    return None


def article_meta(doc: Document, raw: RawArticle, language: str) -> ArticleMeta:
    """Title, date, publisher, authors, editors and dateline of an assembled document.

    The dateline's date wins over page metadata and the URL (an article's own words are
    what readers see); the site's outlet wins over the dateline's name for the publisher.
    """
    body = [b for b in doc.blocks if b.kind in BODY_KINDS]
    footers = [b for b in doc.blocks if b.kind == BlockKind.FOOTER]
    dateline = next((m for b in body[:3] if (m := DATELINE.search(doc.text, b.start, b.end))), None)
    published = (date_of(dateline) if dateline else None) or raw.published or url_date(raw.source_url)

    written = outlet_name(dateline.group("outlet")) if dateline else None
    publisher_name = outlet_of_url(raw.source_url) or written or raw.publisher
    publisher = None
    if publisher_name:
        if dateline and written == publisher_name:
            mention = doc.mention(dateline.start("outlet"), dateline.end("outlet"), "meta.publisher")
        else:
            mention = _find_in(doc, publisher_name, body[:1] + footers, "meta.publisher")
        publisher = Attribution(publisher_name, mention)

    lead = body[0] if body else None
    lead_end = min(lead.end, lead.start + 200) if lead else 0
    author_spans = byline_names(doc.text[lead.start:lead_end], lead.start, LEAD_BYLINES) if lead else []
    editor_spans = editor_names(doc.text[lead.start:lead_end], lead.start) if lead else []
    for block in footers:
        author_spans += byline_names(doc.block_text(block), block.start)
        editor_spans += editor_names(doc.block_text(block), block.start)
    authors = _attributions(doc, author_spans, "meta.byline")
    if not authors and raw.authors:  # page metadata names them; the text may not
        authors = tuple(Attribution(n, _find_in(doc, n, body[:1] + footers, "meta.byline")) for n in raw.authors)

    return ArticleMeta(
        title=raw.title,
        published=published,
        publisher=publisher,
        authors=authors,
        editors=_attributions(doc, editor_spans, "meta.editor"),
        source_url=raw.source_url,
        dateline=doc.mention(dateline.start(), dateline.end(), "meta.dateline") if dateline else None,
        language=language,
    )
