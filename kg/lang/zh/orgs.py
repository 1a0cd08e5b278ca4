"""Organisation names: known bodies (``data/orgs.tsv``) and the shapes of the others.

The lexicon lists international bodies, parties, armies, government bodies, companies and
news media with English names and aliases. Organisations not listed are recognised by
shape: a country or place before a ministry or body word (美国国防部, 印度国防部), a
country before 军/军队/军方 (美军, 中共军方), a name before an organisation suffix (…委员会,
…大学, …集团, and the short Chinese endings …委, …联, …协, …队 where they end a word),
or a periodical in 《》 (《亚洲时报》).

>>> lex = org_lexicon()
>>> lex["北约"].name, lex["北约"].kind.value, lex["WHO"].name
('北大西洋公约组织', 'International', '世界卫生组织')
>>> lex["外交政策"].quoted, lex["新华社"].kind.value
(True, 'Media')
>>> bool(MEDIA_TITLE.search("华尔街日报")), bool(MEDIA_TITLE.search("香港国安法"))
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...facts import OrgKind
from .places import DATA, read_tsv, split_aliases


@dataclass(frozen=True, slots=True)
class OrgInfo:
    name: str
    kind: OrgKind
    en: str | None = None
    quoted: bool = False  # an ordinary phrase too: only inside 《》 or before a reporting verb


@lru_cache(maxsize=1)
def org_lexicon() -> dict[str, OrgInfo]:
    """Every organisation name and alias we know → the organisation."""
    lex: dict[str, OrgInfo] = {}
    for name, kind, en, aliases, flags in read_tsv(DATA / "orgs.tsv", 5):
        info = OrgInfo(name, OrgKind(kind), en or None, "q" in flags)
        for surface in (name, *split_aliases(aliases)):
            lex.setdefault(surface, info)
    return lex


# Government bodies that take a country before them (美国国防部, 中国外交部, 英国外交部).
MINISTRIES = tuple(
    "外交部 国防部 财政部 商务部 司法部 国务院 国土安全部 卫生部 教育部 内政部 交通部 能源部 农业部 劳工部 移民部 "
    "经济部 环境部 外务省 防卫省 经济产业省 总务省 法务省 内阁府 国家安全委员会 国家安全局 国防军 海军 空军 陆军 "
    "海岸警卫队 海警 海警局 情报局 警察局 警方 大使馆 使馆 领事馆 总领事馆 驻华大使馆 议会 国会 参议院 众议院 联邦议院 "
    "最高法院 宪法法院 法院 外交与联邦事务部 外交及联邦事务部 国务部 军方 军队 部队 政府 当局 海关 央行 中央银行 "
    "卫福部 疾管署 陆委会 国安局 国安部 公安部 统战部 宣传部 中宣部 安全部".split()
)
# Words after a country that make its armed forces (美军, 印军, 中共军方): all one organisation.
MILITARY_WORDS = ("军方", "军队", "部队", "军")
# Party names a country may stand before (加拿大保守党): the party is then that country's.
PARTY_SUFFIX = "党"
# Suffixes that end an organisation's name. Longest first so 委员会 wins over 会.
ORG_SUFFIXES = tuple(sorted(
    "委员会 理事会 办公室 办事处 代表处 代表团 联合会 基金会 研究所 研究院 研究中心 中心 大学 学院 学会 协会 公会 工会 联盟 "
    "党校 学校 医院 法庭 研究院 科学院 工程院 国务院 行政院 立法院 监察院 司法院 考试院 议院 "
    "同盟 组织 集团 公司 银行 法院 检察院 议会 国会 政府 商会 部 局 署 厅 处 所 社 党 军 台 报 网 "
    # the shorter endings of Chinese bodies: committees (党委, 教委, 纪委), federations (残联, 妇联),
    # associations (足协, 科协), offices (港澳办), academies and hospitals (…院), schools, works,
    # troupes and delegations (…团), teams and fleets (…队), a party's central body (民革中央), and
    # the units of a body: its departments (…司, …室) and party group (…党组); a school's department
    # or a hospital's section (…系, …科) is left to the body (东海大学 in 东海大学政治系)
    "委 联 协 办 院 中学 小学 厂 总厂 分厂 团 队 舰队 总会 促进会 研究会 联谊会 红十字会 中央 "
    "男篮 女篮 男排 女排 男足 女足 司 室 党组".split(),
    key=len, reverse=True))
# Words with an organisation suffix that are not organisations (内部, 全部, 东部, 干部 …).
NOT_ORGS = frozenset(
    "内部 外部 全部 东部 西部 南部 北部 中部 东北部 西北部 东南部 西南部 局部 干部 总部 本部 部分 一部 大部 俱乐部 "
    "政府 当局 军方 部队 军队 国会 议会 社会 大会 会议 机会 晚会 宴会 集会 协会 学会 联合会 委员会 国际社会 当地政府 "
    "地方政府 联邦政府 中央政府 全党 政党 执政党 反对党 在野党 本党 该党 两党 各党 社区 公社 报社 旅行社 出版社 "
    "一处 各处 之处 好处 到处 住处 难处 用处 学院 法院 医院 剧院 寺院 本网 该网 网 研究所 派出所 场所 厕所 诊所 "
    "地下党 电信公司 中国大学 场所 会籍 总部 办公室 大楼 官员 "
    "公司 子公司 母公司 该公司 大公司 分公司 银行 央行 集团 小组 组织 该组织 联盟 同盟 盟军 敌军 友军 驻军 "
    "大军 将军 冠军 亚军 季军 空军 海军 陆军 全军 三军 我军 该军 中心 市中心 研究中心 国际 国务 内务 事务 "
    "队伍 住院 出院 庭院 宅院 后院 智囊团 车队 团队 梯队".split()
)
# Endings that make a body only at the very end of the tagger's word (联 in 美国联合国… is not one),
# and words made of them that name no body by themselves (党委, 代表团, 球队).
SHORT_ORG_SUFFIXES = frozenset("委 联 协 办 院 厂 团 队 中央 司 室".split())
GENERIC_BODIES = frozenset(
    "党委 党中央 中央 常委 编委 政委 代表团 艺术团 球队 乐队 舰队 工厂 总厂 分厂 小学 中学 国家队 主队 客队 兵团 社团 "
    "财团 集团军 军团 剧院 影院 戏院 电影院 寺院 书院 居委 村委 工委 党工委 纪委 市委 省委 县委 区委 镇委 党组 "
    "公司 上司 官司 学科 专科 本科 外科 内科 教室 科室 办公室 体系 关系 派系 院系 直系 星系 水系 语系".split()
)
# Endings that look like a body's but make a title, an act or a common noun: 立委 (a legislator),
# 设厂 (to build a works), 关系 (relations), 原委 (the ins and outs).
NOT_BODY_ENDS = ("立委", "主委", "常委", "政委", "编委", "委员", "设厂", "办厂", "建厂", "车队", "医院里", "原委", "关系", "体系",
                 "派系", "联系")
# Endings of a unit of a body (外交部新闻司, 国务院研究室): taken only after the body's own name.
UNIT_SUFFIXES = frozenset("司 室".split())
# Endings of a body that has units (东海大学 in 东海大学政治系, 外交部 in 外交部北美司).
PARENT_ENDS = ("大学", "学院", "医院", "研究院", "科学院", "委员会", "公司", "集团", "银行", "部", "局", "署", "院", "厅")


def unit_of_body(word: str) -> bool:
    """``word`` ends with a unit (司, 室) right after a body's name: 外交部新闻司, not 上司."""
    stem = word[:-1]
    return any(stem.rfind(s) > 0 for s in PARENT_ENDS)


# Reporting verbs after a name that make it a news source (…报导, …撰文).
REPORTING = re.compile(r"^(?:[0-9０-９]{1,2}日|周[一二三四五六日末]|当天|日前|近日|稍早|最近|此前)?"
                       r"(?:报导|报道|报告|撰文|发文|发表|刊登|刊出|社论|评论|引述|援引|采访|专访|披露|透露|指出|称|说|网站|记者|分析)")
# Titles in 《》 that name a periodical, agency or broadcaster rather than a law, book or accord.
MEDIA_TITLE = re.compile(r"(?:日报|时报|晚报|早报|周报|邮报|新闻|周刊|月刊|杂志|论坛报|信使报|电讯报|纪事报|观察家报|先驱报|"
                         r"报|新闻网|网|电视台|电台|广播公司|通讯社|通讯|之声|评论|快报|週刊|Times|Post|News|Journal|Daily|"
                         r"Herald|Tribune|Review|Magazine|Weekly|Monitor|Telegraph|Guardian|Economist|Diplomat|Insider)$")
NOT_MEDIA_TITLE = re.compile(r"(?:法|协议|协定|条约|公约|声明|宣言|决议|报告|白皮书|计划|战略|法案|草案|规定|条例|议定书|纲要|"
                             r"备忘录|书|集|传|录|记|经|诗|曲|歌|剧)$")
