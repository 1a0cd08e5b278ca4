"""How Chinese news names the sources it reports from, as data.

The stage in :mod:`kg.extract.citations` reads a source with these pieces:

    据 | 根据 (PREFIX) SOURCE (（English）) (和 SOURCE …) FILLER* VERB      据《亚洲时报》1月10日报导
    (PREFIX) SOURCE (（English）) FILLER* SUBJECT_VERB                     英国《金融时报》9日撰文

where SOURCE is a title in 《》, a known outlet of ``data/media.txt``, or (after 据/根据 only)
a body whose name ends like an organisation (印度国防部, 美国贸易代表办公室). Unnamed
sources (美媒, 外媒, 当地媒体, 知情人士) have no such name and so are never read.

>>> MEDIA["路透"].name, MEDIA["VOA"].name, MEDIA["美国之音"].en
('路透社', '美国之音', 'Voice of America')
>>> bool(re.fullmatch(FILLER, "周五（10月16日）早些时候在推特上")), bool(re.fullmatch(FILLER, "官员"))
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str  # canonical Chinese name
    en: str | None
    aliases: tuple[str, ...]


def _load_media(path: Path) -> dict[str, Outlet]:
    """Every written form of every outlet in ``path`` -> its :class:`Outlet`."""
    forms: dict[str, Outlet] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, en, aliases = (line.split("\t") + ["", ""])[:3]
        outlet = Outlet(name, en or None, tuple(a for a in aliases.split("|") if a))
        for form in (name, *outlet.aliases):
            forms.setdefault(form, outlet)
    return forms


MEDIA = _load_media(Path(__file__).with_name("data") / "media.txt")
MEDIA_BY_EN = {o.en.lower(): o for o in MEDIA.values() if o.en}
# Text is matched against Chinese forms and Latin forms of three letters or more: AP, FT or
# DW alone are too often something else.
MEDIA_FORMS = sorted((f for f in MEDIA if not f.isascii() or len(f) >= 3), key=len, reverse=True)

# Social platforms: "X在推特上说" cites the platform (the speaker is a person, not an outlet).
# Written form -> (canonical name, English name).
PLATFORMS = {"推特": ("推特", "Twitter"), "Twitter": ("推特", "Twitter"), "脸书": ("脸书", "Facebook"),
             "Facebook": ("脸书", "Facebook"), "微博": ("微博", "Weibo")}

# Words before an outlet that say where it is from; kept as an alias (英国金融时报).
COUNTRY_PREFIXES = ("美国", "英国", "法国", "德国", "日本", "韩国", "印度", "俄罗斯", "俄国", "澳洲",
                    "澳大利亚", "加拿大", "新加坡", "以色列", "意大利", "西班牙", "瑞士", "瑞典", "荷兰",
                    "比利时", "奥地利", "台湾", "香港", "大陆", "中国", "中共", "美", "英", "日", "港", "台")
# Words before an outlet that describe it; dropped (中共喉舌新华社, 港媒《南华早报》).
DESCRIPTORS = ("官方媒体", "官媒", "党媒", "喉舌", "媒体", "日媒", "美媒", "港媒", "陆媒", "台媒", "英媒",
               "澳媒", "外媒", "报纸", "大报", "电视台", "通讯社", "网站", "三大官媒", "海外")
PREFIX = (rf"(?P<country>{'|'.join(sorted(COUNTRY_PREFIXES, key=len, reverse=True))})?"
          rf"(?:{'|'.join(sorted(DESCRIPTORS, key=len, reverse=True))})?$")

# Words right before a source that make it an addressee, not a source: 对路透社表示.
NOT_A_SOURCE_BEFORE = set("对向给被让在于致") | {"接受", "回答", "告诉", "通知", "联系"}
# A known outlet written without 《》 stands as subject at the start of its clause, or after
# one of these words (不过美国之音表示); elsewhere it is likely part of another word.
CLAUSE_OPENERS = ("不过", "但", "但是", "而", "另", "另外", "此外", "并", "也", "还", "则", "只有", "随后", "同时",
                  "其中", "对此", "早前", "此前", "日前", "现在", "后来", "当时", "最近", "近日", "又")
# Words ending in 在 that do not make an addressee: 现在路透社报导.
ADDRESSEE_EXCEPTIONS = {"现在", "正在", "实在", "存在", "所在"}

# 数据 and 证据 are not 据; 据称, 据悉, 据说 name no source.
ACCORDING = r"(?<![数证占盘割依根])(?:根据|依据|据)(?!称|悉|说|了解|闻|传|报(?![导道]))"
# 援引/引述 open a citation only at the start of a clause; after a source they are its verb.
ACCORDING_AT_CLAUSE_START = r"(?:援引|引述|引用)"

_DATE_TOKEN = r"(?:[0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,4})[年月日号]"
_RELATIVE = ("今天|今日|昨天|昨日|前天|当天|当日|本周|上周|上月|上个月|本月|去年|今年|早前|此前|之前|日前|"
             "近日|最近|最早|稍早|早些时候|稍早时候|当地时间|美东时间|北京时间|凌晨|清晨|上午|中午|下午|傍晚|"
             "晚间|晚上|早上")
# What may stand between a source and its verb: adverbs, dates, times, 的, where it appeared.
FILLER = (rf"(?:也|还|则|更|亦|均|都|就|又|再|曾经|曾|已经|已|独家|首先|率先|{_RELATIVE}|{_DATE_TOKEN}"
          r"|周[一二三四五六日天]|星期[一二三四五六日天]|（[^（）\n]{1,40}）|\([^()\n]{1,40}\)"
          r"|在|于|的|网站上|网站|官网上|官网|网络版|官方|一篇|这篇|该篇|一则|一份|最新|文章中|文章|报告中"
          r"|推特上|推特|脸书上|社交媒体上|发表的|刊登的|发布的|公布的)*")

# Verbs after 据 X: 据X报导, 据X消息, 根据X发布的声明.
_SAY = "称(?![谓号呼为赞许])|说(?![话服明法])"
ACCORDING_VERBS = ("报导|报道|消息|披露|发通稿|通稿|声明|发布|公布|发表|报告|透露|引述|援引|数据|统计|资料|公告|"
                   f"新闻稿|调查|分析|显示|{_SAY}|指出|表示|文章")
# Verbs after an outlet standing as subject: 美联社报导, 《华尔街日报》指出.
SUBJECT_VERBS = ("(?:报导|报道)(?!截图)|撰文|刊文|发文|发通稿|发表文章|发表社论|刊登文章|引述|援引|引用|披露|透露|"
                 f"爆料|{_SAY}|指出|指(?=[，,：:])|写道|表示|评论|社评|社论|分析|认为|形容|有消息|消息|获悉|证实")
# With these verbs a source after 在 is where someone else wrote: 蓬佩奥在《X》撰文.
WRITING_VERBS = ("撰文", "刊文", "发文", "发表文章", "发表社论", "刊登文章")
PLATFORM_VERBS = f"发文|发推|贴文|发帖|写道|{_SAY}|表示|指出|透露|回应|宣布|表达"
# X（官方）推特公布的最新数据显示: a body's own data, the body is the source.
DATA_NOUNS = "数据|资料|统计|报告|消息|声明|文件|照片"
DATA_VERBS = "显示|指出|表明|称"

# A body named without a list: its name ends in one of these (longest first).
ORG_SUFFIXES = {
    "政府": "Government", "国务院": "Government", "办公室": "Government", "办事处": "Government",
    "使馆": "Government", "领事馆": "Government", "司令部": "Military", "部": "Government",
    "署": "Government", "局": "Government", "厅": "Government", "宫": "Government",
    "委员会": "Other", "理事会": "Other", "中心": "Other", "组织": "Other", "协会": "Other",
    "联合会": "Other", "基金会": "Other", "研究所": "Other", "研究院": "Other", "大学": "Other",
    "法院": "Government", "议会": "Government", "国会": "Government", "军": "Military",
    "公司": "Company", "集团": "Company", "银行": "Company",
    "通讯社": "Media", "电视台": "Media", "电台": "Media", "日报": "Media", "时报": "Media",
    "新闻": "Media", "周刊": "Media", "杂志": "Media", "报": "Media", "网": "Media", "社": "Media",
}
ORG_NAME = (r"[\u4e00-\u9fff]{1,16}?(?:" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")")
LATIN_NAME = r"[A-Za-z][A-Za-z0-9.&'’-]*(?: [A-Z][A-Za-z0-9.&'’-]*){0,4}"
ENGLISH_GLOSS = r"[（(](?P<en>[A-Za-z][A-Za-z0-9 .&'’-]{1,40})[）)]"

# Names that are not named sources: demonstratives and collectives (该报, 当地政府, 各国政府) and
# unnamed people or media (消息人士, 美媒).
GENERIC_START = ("该", "此", "这", "那", "其", "本", "各", "某", "一些", "有关", "相关", "当地", "部分", "其他",
                 "其它", "一家", "海外")
GENERIC_END = ("媒", "媒体", "人士", "官员", "专家", "消息", "方面", "网友", "网民", "记者", "机构", "部门", "当局",
               "内部", "全部", "局部", "干部", "外部", "东部", "西部", "南部", "北部", "中部", "官网", "网站")
# A 《title》 source must look like a publication or a body: its name ends like one, it is a
# known outlet, or it is written in Latin letters (《First Things》). Books and documents
# (《九评共产党》, 《…项目库》) do not.
MEDIA_TITLE_END = ("报", "刊", "刋", "版", "志", "新闻", "网", "社", "台", "之声", "评论", "公报", "通讯", "媒体", "时代")
# Words of a byline: the publisher named next to them is the article's own, not a source.
BYLINE_WORDS = ("记者", "本台", "本报", "本网", "特约")
# Where an article says it is reprinted from another outlet: （转自中央社）.
REPRINT = r"[（(](?:转自|转载自|转载|来源)[：:]?\s*"
# English text (embedded tweets, quotes).
ENGLISH_ACCORDING = rf"\b[Aa]ccording to (?:the )?(?P<latin0>{LATIN_NAME})"
