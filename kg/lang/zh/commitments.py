"""Chinese statement words as data: statement nouns, the verbs that issue and quote them,
and the verb classes that give each point of a statement its :class:`CommitmentKind`.

A point's kind is the class of its main verb (承诺 → commit, 同意 → agree, 决心 → resolve,
强调 → emphasize, 欢迎 → welcome, 指出/表示 → note, 反对 → oppose, 呼吁/敦促 → other). The
verbs of saying (表示, 指出, 称…) are *weak*: a stronger verb in the same clause wins
(日本表示决心审查… is resolve), and an emphasizing verb that introduces the point keeps its
class over a weak verb inside it (声明强调，严重关切… is emphasize).

>>> kind_of("一致同意"), kind_of("严重关切"), kind_of("敦促")
('agree', 'note', 'other')
>>> STATEMENT_PATTERN.search("双方发表联合声明").group(), statement_type("联合公报")
('联合声明', 'Communique')
"""
from __future__ import annotations

import re

from kg.facts import CommitmentKind as K
from kg.facts import StatementType as T

# Verb → kind. The engine matches them all in one alternation, longest first (一致同意 before 同意).
VERB_CLASSES: dict[K, tuple[str, ...]] = {
    K.COMMIT: ("承诺", "致力于", "将努力", "将继续", "保证", "誓言", "矢言", "决意"),
    K.AGREE: ("一致同意", "同意", "商定", "达成一致", "达成共识", "一致认为", "议定"),
    K.RESOLVE: ("决心", "决定", "打算", "计划", "下决心", "有意"),
    K.EMPHASIZE: ("再度强调", "再次强调", "特别强调", "强调", "重申", "突出", "坚持认为"),
    K.WELCOME: ("欢迎", "赞赏", "赞扬", "乐见", "祝贺"),  # not 肯定: mostly "surely" (肯定会)
    K.NOTE: ("严重关切", "深表关切", "表示关注", "表示关切", "注意到", "指出", "表示", "表明", "认为", "关切",
             "关注", "担心", "担忧", "写道", "指称", "声称", "称", "说", "提到", "探讨", "讨论", "指"),
    K.OPPOSE: ("强烈反对", "反对", "谴责", "批评", "抗议", "斥责", "抨击", "拒绝"),
    K.OTHER: ("强烈敦促", "呼吁", "敦促", "建议", "要求", "促请", "指示", "请求"),
}
# Who may commit themselves with 将 (besides the states of the article): 我们将…, 双方将…
COMMITTING_SUBJECTS = frozenset({"我们", "我国", "双方", "两国", "本国"})
# Weak verbs: saying something; any other class in the same clause wins over them.
WEAK = K.NOTE
# Predicates that make a point an objection wherever they stand (…是完全不能接受的).
OPPOSING = re.compile(r"不能接受|无法接受|不可接受|不恰当|不合适|完全错误|强烈不满")

_KIND_OF = {verb: kind for kind, verbs in VERB_CLASSES.items() for verb in verbs}
VERB_PATTERN = re.compile("|".join(sorted(map(re.escape, _KIND_OF), key=len, reverse=True)))
# One-character verbs (称, 说, 指) are verbs only right at the start of a clause.
SHORT_VERBS = frozenset(v for v in _KIND_OF if len(v) == 1)

STATEMENT_NOUNS: dict[str, T] = {
    "联合声明": T.JOINT_STATEMENT, "联合宣言": T.JOINT_STATEMENT, "共同声明": T.JOINT_STATEMENT,
    "联合公报": T.COMMUNIQUE, "公报": T.COMMUNIQUE,
    "谅解备忘录": T.AGREEMENT, "备忘录": T.AGREEMENT, "协议书": T.AGREEMENT, "协议": T.AGREEMENT,
    "协定": T.AGREEMENT,
    "会议结论": T.STATEMENT, "结论": T.STATEMENT, "决议": T.STATEMENT, "宣言": T.STATEMENT,
    "声明": T.STATEMENT,
}
STATEMENT_PATTERN = re.compile("|".join(sorted(map(re.escape, STATEMENT_NOUNS), key=len, reverse=True)))
# Nouns that need a word before them to be a statement (结论 alone is any conclusion).
NEEDS_ISSUER_VERB = frozenset({"结论", "协议", "协定", "备忘录", "宣言"})
# A resolution's demands are what it resolves (决议…要求取消…).
RESOLUTIONS = frozenset({"决议"})

# Issuing a statement: 发表/发布/签署… shortly before the noun (发表了一份联合声明).
ISSUE_VERBS = re.compile(r"(?:发表|发布|签署|签订|公布|通过|做出|作出|发出|递交|递出|达成|联合发表|共同发表)"
                         r"[^，。；：“”]{0,8}$")
NEGATED = re.compile(r"(?:未|没有|没|不|并未|尚未|无)[^，。；]{0,3}$")
# Reported words right after the noun: 声明表示, 声明中写道, 声明则指称, 声明的最后强烈敦促.
AFTER_NOUN = re.compile(r"\s*(?:中|里|则|也|还|又|亦|并|的最后|最后)?")
SUBJECT_GAP = 10  # characters: 声明也对香港新国安法表示关注 (the verb a few words on)
# After an issued noun: 发表联合声明， 表示… / 发表声明称… / 发表联合声明，并呼吁…
AFTER_ISSUE = re.compile(r"\s*(?:[，,]\s*)?(?:并|并且|其中)?")
# 根据/据 …声明，: the points follow the comma.
ACCORDING_TO = re.compile(r"(?:根据|据|依据)[^，。；]{0,30}$")
# A quoted declaration: X宣布，“我们…同意…”
DECLARATION = re.compile(r"宣布[，,：:]?“")
# A paragraph that is one quotation (“…。”): more of the statement quoted just before it.
QUOTED_PARAGRAPH = re.compile(r"\s*[“「][^“”「」]*(?:[“「][^“”「」]*[”」][^“”「」]*)*[”」]\s*[。.]?\s*")
# The parties of an event agreeing without a document: 双方同意…, 两国一致同意…
PARTIES = re.compile(r"(?:双方|两国|两国政府|各方|两人|双方领导人)(?:还|也|都|并|已)?(?P<verb>一致同意|同意|商定|承诺|决定|重申|达成共识)")
# Words that continue the clause before (都违反…，亦不符…): not a new point.
CONTINUING = re.compile(r"[都亦也并且而还及或但则即并以为和与、是]|以及|从而|包括|特别是|尤其|同时")
# Clauses that spell out the point before them (包括继续讨论…): a weak verb there opens nothing.
ELABORATING = re.compile(r"包括|特别是|尤其|例如|比如|其中")
# Right before a verb: it is negated or a noun (不同意, 这一决定, 的关注).
NOT_A_VERB_BEFORE = re.compile(r"(?:不|未|没有|的|这一|该|此|了|“|项|份|个)$")
# Between a statement noun and a later verb: the noun is not what speaks (39国声明是对…的斥责).
NOT_SPEAKING = re.compile(r"是|被|为|对[^，。]{0,3}的")
# Before 达成/签署 a statement: wished for, not done (期盼能达成协定, 值得达成这个协定).
UNREALISED = re.compile(r"(?:期盼|希望|期待|寻求|争取|值得|能够|能|要|将|准备|计划|打算|拟|可望|未能|无法)[^，。；]{0,4}$")
AGREEMENTS = frozenset(n for n, t in STATEMENT_NOUNS.items() if t is T.AGREEMENT)
# Clause separators inside a statement; 、 is a list, never a separator.
CLAUSE_SEPARATOR = re.compile(r"[，,；;：:]")
POINT_MIN = 6  # characters: shorter pieces are not points on their own
POINT_SPLIT = 30  # characters: a point this long ends where a new, non-continuing clause starts
QUOTE_MAX = 80  # characters: longer points are cut at a clause boundary


def kind_of(verb: str) -> str | None:
    """The commitment kind of a verb of :data:`VERB_CLASSES`, by its value."""
    kind = _KIND_OF.get(verb)
    return kind.value if kind else None


def verb_kind(verb: str) -> K | None:
    return _KIND_OF.get(verb)


def statement_type(noun: str) -> str:
    return STATEMENT_NOUNS[noun].value
