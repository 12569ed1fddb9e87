"""The corpus of the pinyin differential tests (and of `assets/pinyin-agreement.py`):
common words, heteronyms (重 行 长 乐 ...), sentences, surnames and names, mixed
Chinese/ASCII/punctuation/whitespace, rare characters (CJK extension A, astral, private use).

Only data and a sanity check live here; test_npm_pinyin.py runs it against Node (lone
surrogates are there too, written in the scripts: the request body is JSON and cannot hold
them).
"""

from __future__ import annotations

from flowgate.codeblock.bridge.pinyin_data import tables

COMMON = [
    "中国", "你好", "北京", "上海", "谢谢", "朋友", "学习", "工作", "时间", "电脑", "手机",
    "天气", "今天", "明天", "昨天", "喜欢", "吃饭", "睡觉", "老师", "学生", "医院", "银行",
    "汉语拼音", "中华人民共和国", "我爱北京天安门", "计算机科学", "人工智能", "自然语言处理",
    "快速", "发展", "经济", "社会", "文化", "历史", "地理", "数学", "语文", "音乐", "体育",
]  # fmt: skip
HETERONYMS = [
    "重", "行", "长", "乐", "重庆", "重要", "重新", "行走", "行长", "长大", "长城",
    "快乐", "乐山", "还有", "还钱", "朝阳", "朝代", "会计", "开会", "觉得",
    "长江", "成长", "重量", "重复", "都市", "都是", "好人", "爱好", "中间", "中奖", "为了",
    "因为", "调查", "调皮", "参加", "人参", "差不多", "出差", "着急", "看着", "着陆", "得到",
    "必须得", "音乐会", "重庆银行行长", "长大以后要快乐地生活", "我们一行人去银行",
    "他的头发长得很长", "这首乐曲让人很快乐", "还书还是还钱", "朝阳区的朝代", "薄荷很薄",
    "数一数有多少个数", "大夫和大王", "觉悟和睡觉", "单于单田芳", "阿胶和阿姨",
]  # fmt: skip
NAMES = [
    "单", "单田芳", "曾", "曾国藩", "解", "解缙", "仇", "仇英", "区", "区先生", "查", "查良镛",
    "朴", "朴槿惠", "盖", "盖聂", "尉迟", "尉迟恭", "万俟", "万俟卨", "长孙", "长孙无忌",
    "司马光", "欧阳修", "诸葛亮", "令狐冲", "上官婉儿", "东方不败", "乐正", "乐正子", "燕",
    "燕赤霞", "覃", "秘", "种师道", "员", "车", "宁", "华佗", "那英", "任我行", "翟", "贾",
    "万俟长孙", "长孙长孙", "令狐令狐冲", "司马欧阳",
]  # fmt: skip
MIXED = [
    "", " ", "abc", "Hello 世界", "中文English混合", "2024年1月1日", "价格：￥100元",
    "你好，世界！", "你好, world.", "tab\t和\n换行", "  前后空格  ", "a中b文c", "中-文_字",
    "email: test@例子.com", "https://例子.cn/路径", "ＡＢＣ全角ｘｙｚ", "100%纯天然", "C++和C#",
    "《红楼梦》第一回", "“引号”和‘单引号’", "1.5倍", "iPhone手机", "α和β", "😀表情😀",
    "中😀文", "〇一二三", "〇", "①②③", "㐀㐁㐂", "𠀀𠀁中", "\ue7c7", "呣嗯", "嗯哼", "噷",
    "中\u0000文", "ǚ", "lǘ",
]  # fmt: skip
SENTENCES = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "天下大势，分久必合，合久必分。",
    "我们的中心在重庆，行长说长大以后要快乐地生活",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "南京市长江大桥欢迎你",
    "结婚的和尚未结婚的都要来",
    "他说的确实在理",
    "研究生命的起源",
    "一行白鹭上青天",
    "人要是行,干一行行一行,一行行行行行",
    "这个人参加了人参交易会",
    "长得很长的长颈鹿在成长",
    "欢迎使用汉字转拼音工具，支持多音字、分词和多种风格。",
]


def _rare() -> list[str]:
    """Characters across the whole table (every 211th code unit with a reading, from
    U+3007 to U+FA29: CJK extension A, the main block, compatibility ideographs), five per
    string."""
    chars = sorted(tables().chars)[::211]
    return ["".join(chars[i : i + 5]) for i in range(0, len(chars), 5)]


RARE = _rare()
CORPUS = COMMON + HETERONYMS + NAMES + MIXED + SENTENCES + RARE


def test_corpus_is_broad() -> None:
    """Every class of input is present and no string is listed twice."""
    assert len(CORPUS) == len(set(CORPUS))
    assert all(len(group) >= 10 for group in (COMMON, HETERONYMS, NAMES, MIXED, SENTENCES, RARE))
