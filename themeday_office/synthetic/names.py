"""Names of places, organizations and people, made from syllable tables: plausible, unique, cheap.

Unique by the roster's own comparison (`branch_key`, to which names made from these
folded tables reduce by 党支部 -> 支部), across the whole district, so a
misspelt name can be told from every real one. Two syllables first; a third when the
pairs run out, which keeps a city-size roster unique without a long retry loop.
"""

from __future__ import annotations

import random

DISTRICT = "惠济区"
CITY = "郑州"

# The seed's towns, streets and development zones (惠济区, 2017).
TOWNS = ("古荥镇", "花园口镇")
STREETS = ("新城街道", "老鸦陈街道", "长兴路街道", "刘寨街道", "大河路街道", "迎宾路街道")
ZONES = ("郑州农业高新区", "河南惠济经开区（郑州惠济特色商业区）", "郑州惠济新区")
DIRECT_WORK_COMMITTEE = "区直机关工委"
# 区直 committees; the order decides which cooperation group each joins.
DIRECT_COMMITTEES = (
    "区教体局党委",
    "区卫计委党委",
    "公安惠济分局党委",
    "区人民法院机关党委",
    "区人民检察院机关党委",
    "区财政局党委",
    "区国税局党委",
    "区地税局党委",
    "区住建局党委",
    "区城管局党委",
    "区交通运输局党委",
    "区农委党委",
    "区民政局党委",
    "区人社局党委",
    "区工商分局党委",
    "区水利局党委",
    "区环保局党委",
    "区文广新局党委",
    "区供销社党委",
    "区国有资产经营公司党委",
)
# Villages to name first (大河村 is the forms' own example).
TOWN_VILLAGES = {
    "古荥镇党委": ("大河村党支部", "古荥村党支部", "孙庄村党支部", "黄河桥村党支部", "纪公庙村党支部"),
    "花园口镇党委": ("花园口村党支部", "八堡村党支部", "东大坝村党支部", "南月堤村党支部", "马渡村党支部"),
}
# Branches under 区直机关工委: the departments themselves.
DEPARTMENTS = (
    "区委办公室", "区人大常委会机关", "区政府办公室", "区政协机关", "区纪委机关", "区委组织部",
    "区委宣传部", "区委统战部", "区委政法委", "区委编办", "区委党校", "区委老干部局", "区发改委",
    "区统计局", "区审计局", "区司法局", "区信访局", "区档案局", "区科技局", "区安监局", "区商务局",
    "区旅游局", "区食药监局", "区国土分局", "区规划分局", "区房管局", "区物价办", "区金融办",
    "区机关事务管理局", "区总工会", "团区委", "区妇联", "区科协", "区残联", "区工商联", "区红十字会",
    "区文联", "区侨联", "区人防办", "区地震办",
)  # fmt: skip
INSTITUTIONS = (
    "区图书馆", "区文化馆", "区档案馆", "区公共资源交易中心", "区行政服务中心", "区不动产登记中心",
    "区农业技术推广站", "区园林绿化中心",
    "区环境卫生管理中心", "区市政工程管理处", "区就业服务中心", "区社会保险中心", "区广播电视台",
)  # fmt: skip

HEALTH = ("区人民医院", "区中医院", "区妇幼保健院", "区疾控中心", "区卫生监督所", "区急救中心")
_SUBORDINATE = ("服务中心", "管理站", "综合执法大队", "管理所", "监测站")
TOWN_UNITS = ("卫生院", "文化站", "农业服务中心", "综合执法大队")
STREET_UNITS = ("社区卫生服务中心", "文化站", "综合执法大队")

_FIRST = (
    "大小东西南北前后上中下新老王李张刘马孙黄杨岗固古花柳桥河堤庙寨堡庄湾青红金银石双三八九十白"
    "长高丰兴永福安平和宏康泰盛华兰桂梅松竹荷杏枣桑槐杨榆柏梧凤龙鹿鹤云星月阳晨光明清秀瑞祥吉"
    "庆乐丽美宝源泉溪沙塘坡林园田禾稻麦谷豆茶"
)
_SECOND = (
    "河庄寨岗营桥湾店坡屯楼集沟坊铺口堤园林洼台村塘庙井城港湖滩田垣旺屯坪阳岭峰山溪泉源圩"
    "头尾墩桂荷兴和宁隆昌福禄寿喜顺嘉美"
)
# Repeated characters would only make some words likelier.
_FIRST, _SECOND = "".join(dict.fromkeys(_FIRST)), "".join(dict.fromkeys(_SECOND))
_BRANDS = (
    "宏达", "鑫源", "华瑞", "金盛", "恒泰", "正和", "嘉禾", "润丰", "天成", "瑞祥", "中原", "博达", "信诚",
    "永安", "汇通", "盛世", "东方", "锦华", "联创", "华夏", "天元", "金鼎", "宇通", "豫丰", "新锐",
    "百川", "广源", "弘业", "裕隆", "鼎盛", "众诚", "晨光", "远航", "立信", "德润", "康宁", "佳禾",
)  # fmt: skip
_TRADES = (
    "物流", "食品", "科技", "建材", "置业", "商贸", "机械", "电子", "餐饮", "农业", "纺织", "医药",
    "文化传媒", "物业服务", "园林绿化", "汽车销售", "信息技术", "环保科技", "酒店管理", "教育咨询",
)  # fmt: skip
_STATE_TRADES = ("城市建设投资", "水务", "公共交通", "国有资产投资", "农业发展", "旅游开发", "供热", "粮食储备")
_COMMUNITY = (
    "兴隆", "和平", "幸福", "阳光", "锦江", "天河", "银河", "绿源", "金桥", "英才", "新苑", "丰乐", "南阳",
    "东风", "北苑", "花园", "文化", "开元", "康桥", "御园", "桃园", "学府", "清华园", "怡丰", "富田",
)  # fmt: skip
_SCHOOL_KINDS = ("小学", "中学", "中心小学", "初级中学", "幼儿园", "实验学校")
_POLICE = ("派出所", "交警大队", "刑侦大队", "治安大队", "巡特警大队")

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔"
)
_GIVEN = (
    "建国华明伟军勇强磊洋艳娟敏静丽霞芳红玲秀英志刚新海平东林峰杰涛斌辉鹏超波宇浩凯晓雪梅兰燕萍慧婷倩颖琳俊文利成永春"
)

_ZH_DIGITS = "零一二三四五六七八九"


def zh_ordinal(n: int) -> str:
    """1..9999 in Chinese numerals: 7 七, 12 十二, 21 二十一, 105 一百零五, 1010 一千零一十."""
    if not 1 <= n <= 9999:
        raise ValueError(f"zh_ordinal supports 1..9999, got {n}")
    if 10 <= n < 20:
        return "十" + (_ZH_DIGITS[n % 10] if n % 10 else "")
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if gap and out else "") + _ZH_DIGITS[digit] + unit
            gap = False
        else:
            gap = True
    return out


class NameMaker:
    """Unique names from the tables above, drawn with one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def claim(self, name: str) -> bool:
        """Take `name` if nobody has it yet (by the roster's comparison)."""
        # The names made here are already folded, so the roster's key is just 党支部 -> 支部.
        key = name.replace("党支部", "支部")
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def unique(self, make) -> str:
        """`make(syllables)` with a fresh place word; a third syllable once pairs keep colliding."""
        for attempt in range(24):
            word = self._word(3 if attempt >= 6 else 2)
            name = make(word)
            if self.claim(name):
                return name
        raise RuntimeError("could not make a unique name")  # 24 draws from 100k+ words: never in practice

    def numbered(self, base: str, suffix: str = "党支部") -> str:
        """`base + suffix`, else `base + 第二… + suffix`: how a unit names its second branch."""
        if self.claim(base + suffix):
            return base + suffix
        for n in range(2, 100):
            name = f"{base}第{zh_ordinal(n)}{suffix}"
            if self.claim(name):
                return name
        return self.unique(lambda w: f"{base}{w}{suffix}")

    def _word(self, length: int) -> str:
        r = self.rng
        word = r.choice(_FIRST) + r.choice(_SECOND)
        return word if length == 2 else r.choice(_FIRST) + word

    # Branch names by type.

    def village(self) -> str:
        return self.unique(lambda w: f"{w}村党支部")

    def community(self) -> str:
        if self.rng.random() < 0.5:
            base = self.rng.choice(_COMMUNITY)
            name = f"{base}社区党支部"
            if self.claim(name):
                return name
        return self.unique(lambda w: f"{w}社区党支部")

    def company(self) -> str:
        trade = self.rng.choice(_TRADES)
        if self.rng.random() < 0.6:
            name = f"{CITY}{self.rng.choice(_BRANDS)}{trade}有限公司党支部"
            if self.claim(name):
                return name
        return self.unique(lambda w: f"{CITY}{w}{trade}有限公司党支部")

    def state_company(self) -> str:
        trade = self.rng.choice(_STATE_TRADES)
        name = f"{DISTRICT}{trade}有限公司党支部"
        return name if self.claim(name) else self.unique(lambda w: f"{DISTRICT}{w}{trade}有限公司党支部")

    def school(self, prefix: str = "") -> str:
        kind = self.rng.choice(_SCHOOL_KINDS)
        return self.unique(lambda w: f"{prefix}{w}{kind}党支部")

    def police(self) -> str:
        kind = self.rng.choice(_POLICE)
        return self.unique(lambda w: f"{w}{kind}党支部")

    def office(self, stem: str) -> str:
        return self.numbered(f"{stem}机关")

    def department(self, index: int) -> str:
        if index < len(DEPARTMENTS):
            return self.numbered(DEPARTMENTS[index])
        return self.numbered(DEPARTMENTS[index % len(DEPARTMENTS)])

    def institution(self, owner: str | None = None, kinds: tuple[str, ...] = ()) -> str:
        """A 事业单位: one of the district's own (owner None), or one under `owner`."""
        if owner is None:
            return self.numbered(self.rng.choice(INSTITUTIONS))
        return self.numbered(f"{owner}{self.rng.choice(kinds or _SUBORDINATE)}")

    def clinic(self) -> str:
        for name in HEALTH:
            if self.claim(name + "党支部"):
                return name + "党支部"
        return self.unique(lambda w: f"{w}社区卫生服务中心党支部")

    # Committee names, for districts beyond the seed's.

    def town(self) -> str:
        return self.unique(lambda w: f"{w}镇党委")

    def street(self) -> str:
        road = self.rng.choice(("", "路"))
        return self.unique(lambda w: f"{w}{road}街道党工委")

    def zone(self) -> str:
        kind = self.rng.choice(("产业园区", "高新区", "经开区", "物流园区"))
        return self.unique(lambda w: f"{CITY}{w}{kind}党工委")

    def direct_committee(self) -> str:
        kind = self.rng.choice(("局", "中心", "办", "委"))
        return self.unique(lambda w: f"区{w}{kind}党委")


def person(rng: random.Random) -> str:
    """A Chinese personal name: surname and one or two given characters."""
    given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(("138", "139", "137", "135", "136", "150", "151", "158", "186", "188"))
        + f"{rng.randrange(10**8):08d}"
    )


def landline(rng: random.Random) -> str:
    return f"0371-6{rng.randrange(10**7):07d}"
