"""Chinese event words as data: triggers with their event type, and the words around them.

The engine in :mod:`kg.extract.events` finds every trigger of :data:`TRIGGERS` in a
sentence, reads participants, countries, date and place around it, and merges repeated
mentions of one event. A trigger is ``(pattern, type, rule)``: a regular expression that
may take the modifiers in front of the word into the event's name (双边会晤, “二加二”会议).
``Meeting`` triggers become ``Summit`` when three or more states take part.

>>> TRIGGER_PATTERN.search("两国外长举行视频会谈").group()
'视频会谈'
>>> trigger_of("通电话"), trigger_of("G7外长峰会"), trigger_of("会谈纪要")
(('Meeting', 'event.trigger.call'), ('Summit', 'event.trigger.summit'), None)
>>> all(ONLINE_PATTERN.search(w) for w in ("视频会议", "电话会谈", "虚拟会议"))
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.facts import EventType

M, S, V, A = EventType.MEETING, EventType.SUMMIT, EventType.VISIT, EventType.ANNOUNCEMENT
E, EL, P, AT = EventType.EXERCISE, EventType.ELECTION, EventType.PROTEST, EventType.ATTACK

_NAME = r"(?:“[^”]{1,12}”(?:（[^）]{1,12}）)?|[A-Z][A-Za-z0-9+]{0,5}|[0-9]\+[0-9])?"  # “二加二”, Quad, G7, 2+2
_ROLE = r"(?:外长|防长|部长级?|领导人|首脑|政府高级别|高级别|高层)?"
_MODE = r"(?:双边|视频|视讯|线上|虚拟|网络|远程|面对面)?"

# (pattern, type, rule). Calls and online meetings are Meetings: the online flag tells them apart.
_TRIGGERS: list[tuple[str, EventType, str]] = [
    (rf"{_NAME}{_ROLE}(?:特别|视讯|视频|线上|虚拟)?(?:高峰会议?|峰会)", S, "event.trigger.summit"),
    (r"(?:通了?电话|(?:电话|视频|视讯)(?:会谈|会议|交谈|通话)|通话)", M, "event.trigger.call"),
    (rf"{_NAME}{_ROLE}{_MODE}(?:会谈|会晤|会面|晤谈|对话|磋商)", M, "event.trigger.meeting"),
    (r"(?:见面|举行会议|召开会议|共进午餐|共进晚餐|餐叙)", M, "event.trigger.meeting"),
    (rf"{_NAME}{_ROLE}{_MODE}会议", M, "event.trigger.conference"),
    (r"一般性辩论", M, "event.trigger.debate"),  # the UN's general debate; campaign debates are not meetings
    (r"(?:国事|正式|首次)?访问", V, "event.trigger.visit"),
    (r"(?:出访|访台|访日|访华|访美|访欧|访俄|访韩|访印|抵达|到访|之行)", V, "event.trigger.visit"),
    (r"(?:记者会|新闻发布会|发布会|记者招待会)", A, "event.trigger.announcement"),
    (r"(?:联合|共同)?(?:发表|发布|发出)了?(?:一份|一项)?(?:联合|共同)?(?:声明|公报)", A, "event.trigger.statement"),
    (r"(?:会见|接见|晋见|握手)", M, "event.trigger.meeting"),
    (r"(?:联合)?(?:军事)?(?:演习|军演)", E, "event.trigger.exercise"),
    (r"(?:总统|议会|国会|地方|中期)?(?:大选|选举)", EL, "event.trigger.election"),
    (r"(?:抗议|示威|游行)(?:活动)?", P, "event.trigger.protest"),
    (r"(?:袭击|恐袭|空袭|炮击)", AT, "event.trigger.attack"),
]

TRIGGERS: list[tuple[re.Pattern[str], EventType, str]] = [(re.compile(p), t, r) for p, t, r in _TRIGGERS]
# All triggers in one alternation; longer modifiers are optional prefixes, so the longest
# name at a position wins. The engine looks the type up with :func:`trigger_type`.
TRIGGER_PATTERN = re.compile("|".join(f"(?:{p})" for p, _, _ in _TRIGGERS))
# The characters every trigger ends with (会谈, 峰会, 访问, 之行…): a quick test before the full pattern.
TRIGGER_CHARS = re.compile("[谈晤面话商见议会论问访达行餐叙手明报习演选举威击袭]")

# Right after a trigger: not an event here (访问量, 选举权, 会谈纪要, 国会议员, “香格里拉对话”论坛).
NOT_AFTER = re.compile(r"[”’]?(?:量|者|团|权|法|人|员|制度|委员会|结果|结论|纪要|机制|框架|渠道|记录|内容|要点|稿"
                       r"|论坛|平台|事宜|计划|邀请|被取消|取消|推迟|延后|延期|官员|人员|代表团|团体|层级|级别|任期|室|厅|桌"
                       r"|年|造势|辩论)")
# Right before a trigger: not held (拟访问, 不会会见, 取消访问).
NOT_BEFORE = re.compile(r"(?:拟|可能|邀请|不会|没有|未|无|取消|推迟|要求|电视|接受|专访|媒体)$")
# Earlier in the sentence: planned, hoped for or conditional, not held.
PLANNED = re.compile(r"预计|计划|打算|准备|希望|期待|有望|拟|考虑|如果|若|同意|要求|可望|鼓励|允许|禁止|旨在")
# Earlier in a visit's clause: an invitation to visit (邀请习近平访日), not a visit.
INVITED = re.compile(r"邀请|邀|请")
# Bare words too vague to be an event inside someone's quoted words (再见面, 今天的对话).
WEAK_TRIGGERS = frozenset({"对话", "见面", "会面", "会议", "磋商", "访问", "选举", "辩论"})
# Bare gathering words: an undated one may be a mention of a meeting or of a summit.
BARE_GATHERINGS = frozenset({"会议", "会谈", "会晤", "会面", "见面", "对话", "磋商"})
# How a gathering was held, in front of its word (视讯会议 is a bare 会议 held online).
MODE_PREFIX = re.compile(r"^(?:视频|视讯|线上|虚拟|网络|远程|电话)")
# Words as often abstract as eventful (恢复和平对话的意愿): undated and with fewer than two
# persons they can only be more mentions of an event already named, never a new one.
ABSTRACT = frozenset({"对话", "磋商", "会议", "握手"})
# Before a trigger: it refers back to an event already named (这次会谈, 该会议, 参加了会议).
ANAPHORIC_BEFORE = re.compile(r"(?:这次|此次|该|本次|这场|这一|上述|此)$")
ATTEND_BEFORE = re.compile(r"(?:参加|出席|与会|列席)了?$")
# Opening its sentence or clause: the event follows the one named just before, the same day.
FOLLOWS = re.compile(r"\s*(?:会后|会上|会中|随后|稍后|之后|当天|同日)")
# Between two dates of one stretch of days (1日至2日, 周四和周五).
DATE_RANGE = re.compile(r"\s*(?:至|到|和|与|及|、|-|－|—|~|～)\s*")
# Right after a trigger: what follows happened at or after it (会谈后的记者会, 峰会期间).
AFTER_EVENT = re.compile(r"[”）)]?(?:之后|后|结束后|期间|上|中|当天)")
# How far after a trigger its own date may stand (会议6日在东京举行).
DATE_AFTER_MAX = 10
# Right after a trigger, ending its clause: the next clause happened during it.
DURING_AFTER = re.compile(r"[^，。；：]{0,6}?(?:时|期间|之际)(?=[，,])")
# 分别/先后与A、B会面: one meeting with each.
DISTRIBUTIVE = re.compile(r"分别|先后|逐一")
# Right after a date: it is where a period starts (1979年以来), not when the event was.
SINCE_AFTER = re.compile(r"\s*(?:以来|至今|以后|起)")
# After a date, before the trigger: the date is a reference point (在1979年断交后…官员出访).
REFERENCE_AFTER = re.compile(r"[^，。；]{0,8}?(?:之后|以后|后|之前|以前|前|以来)")
# Persons and dates inside these are not the event's: 自…上任以来, 《…》.
MASKED = re.compile(r"自[^，。；]{1,20}?以来|《[^》]{1,30}》")
# A dateline and byline opening the lead: 【大纪元2020年10月6日讯】（记者某某报导）
DATELINE = re.compile(r"\s*【[^】]{0,40}】\s*(?:（[^）]{0,40}）)?\s*")
# Verbs of saying: a date before one is when something was said, not when the event was.
SPEECH = re.compile(r"(?:说|表示|指出|称|宣称|声称|强调|认为|透露|写道|分析|评论|报导|报道)[，,：:“]?")
# The clause of a trigger is adverbial (在与X通话之前，Y…): its agent comes after it.
ADVERBIAL_START = re.compile(r"(?:就在|在|于|当)")
ADVERBIAL_END = re.compile(r"(?:之前|之后|期间|时|后|前|中|之际)")
# Between a visit and its visitor described after it: 来台访问的索国外长X.
VISITOR_AFTER = re.compile(r"的[^，。；、与和]{0,8}$")
# The place of an event follows 在/于/赴/抵 (在东京举行, 抵达台北).
AT_BEFORE = re.compile(r"[在于赴抵到访]\S{0,2}$")
# Before a person who is the object of a meeting (与X会谈), not its agent.
WITH_WORDS = frozenset({"与", "和", "同", "跟", "及", "、"})

# Online: a call, a video or virtual meeting; anywhere in the clause (通过视频方式举行).
ONLINE_PATTERN = re.compile(r"视频|视讯|虚拟|网络会议|线上|远程|电话|通话|云端|在线")
# In person: an explicit word; a physical place is checked by the engine.
OFFLINE_PATTERN = re.compile(r"面对面|当面|亲自|实体会议|共进午餐|共进晚餐|餐叙|握手")
# Rules of triggers that only say a statement was issued: an event of its own only when no
# meeting of the article could have issued it.
ISSUING_RULES = frozenset({"event.trigger.statement"})

# 在…峰会期间/场边/之际 … 举行双边会晤: the bilateral is part of the larger event.
SIDELINE_PATTERN = re.compile(r"场边|期间|间隙|之际|会外|边缘|会议上|峰会上|会议中|场外|上举行")

# A number of states written out (四国, 39个国家, 四方会谈): more than two is multilateral.
STATE_COUNT_PATTERN = re.compile(r"(?P<n>[二三四五六七八九十两0-9]{1,3})(?:个)?(?:国家|国|方(?=会谈|对话|会议))")
MULTILATERAL = re.compile(r"七国集团|G7|G20|二十国集团|上海合作组织|东盟|北约|联合国大会|联大|四方|Quad|多边|成员国", re.I)


@lru_cache(maxsize=4096)
def trigger_type(word: str) -> tuple[EventType, str] | None:
    """Type and rule of the first trigger pattern that matches the whole word."""
    for pattern, type_, rule in TRIGGERS:
        if pattern.fullmatch(word):
            return type_, rule
    return None


def trigger_of(word: str) -> tuple[str, str] | None:
    """Like :func:`trigger_type` with the type as its name (for tables and tests)."""
    found = trigger_type(word)
    return (found[0].value, found[1]) if found else None
