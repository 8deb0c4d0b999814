"""Fixed vocabularies: names, places, user agents, referrers, product names, campaigns."""

from __future__ import annotations

from dataclasses import dataclass

# --- people -------------------------------------------------------------------------------
SURNAMES: tuple[str, ...] = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS: tuple[str, ...] = tuple(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红鹏飞宇浩然欣怡子涵梓轩雨晨思远佳琪梦瑶嘉怡俊杰志强建国丹婷雪梅晓东海燕文博一鸣"
)
# (province, [cities], warehouse index: 0 WH_SH east, 1 WH_GZ south, 2 WH_BJ north)
PROVINCES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("上海市", ("上海市",), 0),
    ("江苏省", ("南京市", "苏州市", "无锡市", "常州市"), 0),
    ("浙江省", ("杭州市", "宁波市", "温州市", "绍兴市"), 0),
    ("安徽省", ("合肥市", "芜湖市"), 0),
    ("山东省", ("济南市", "青岛市", "烟台市"), 2),
    ("北京市", ("北京市",), 2),
    ("天津市", ("天津市",), 2),
    ("河北省", ("石家庄市", "唐山市", "保定市"), 2),
    ("辽宁省", ("沈阳市", "大连市"), 2),
    ("河南省", ("郑州市", "洛阳市"), 2),
    ("陕西省", ("西安市", "咸阳市"), 2),
    ("广东省", ("广州市", "深圳市", "东莞市", "佛山市", "珠海市"), 1),
    ("福建省", ("福州市", "厦门市", "泉州市"), 1),
    ("广西壮族自治区", ("南宁市", "桂林市"), 1),
    ("湖南省", ("长沙市", "株洲市"), 1),
    ("湖北省", ("武汉市", "宜昌市"), 0),
    ("四川省", ("成都市", "绵阳市"), 1),
    ("重庆市", ("重庆市",), 1),
    ("云南省", ("昆明市", "大理市"), 1),
    ("江西省", ("南昌市", "赣州市"), 1),
)
PROVINCE_WEIGHTS: tuple[float, ...] = (
    6,
    8,
    8,
    3,
    6,
    5,
    2,
    3,
    2,
    4,
    3,
    12,
    4,
    2,
    3,
    4,
    5,
    3,
    2,
    2,
)
DISTRICTS: tuple[str, ...] = (
    "朝阳区",
    "海淀区",
    "浦东新区",
    "天河区",
    "南山区",
    "西湖区",
    "鼓楼区",
    "高新区",
    "经开区",
    "江北区",
)
STREETS: tuple[str, ...] = (
    "人民路",
    "中山路",
    "解放路",
    "建设路",
    "长江路",
    "和平路",
    "文化路",
    "新华路",
    "科技路",
    "滨江大道",
)
EMAIL_WORDS: tuple[str, ...] = (
    "xiaoming",
    "lili",
    "wang",
    "zhang",
    "chen",
    "yang",
    "happy",
    "sunny",
    "cat",
    "tiger",
    "moon",
    "star",
    "lucky",
    "coco",
    "leo",
    "amy",
    "jack",
    "river",
    "cloud",
    "panda",
)
EMAIL_DOMAINS: tuple[str, ...] = ("qq.com", "163.com", "126.com", "sina.com", "outlook.com", "gmail.com")

# --- clients -----------------------------------------------------------------------------
# Realistic user agents per platform; none contains a pattern of seeds/bot_user_agents.csv
# (a test checks it).
HUMAN_USER_AGENTS: tuple[tuple[str, ...], ...] = (
    (  # app
        "EcomApp/5.2.1 (iPhone; iOS 17.4; Scale/3.00)",
        "EcomApp/5.2.0 (iPhone; iOS 16.7; Scale/2.00)",
        "EcomApp/5.2.1 (Android 14; HUAWEI Mate 60)",
        "EcomApp/5.1.8 (Android 13; Xiaomi 13)",
        "EcomApp/5.2.1 (Android 14; OPPO Find X7)",
        "EcomApp/5.1.9 (Android 12; vivo X90)",
    ),
    (  # mini program (WeChat)
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN miniProgram",
        "Mozilla/5.0 (Linux; Android 14; V2309A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F36) WeChat/arm64 Weixin NetType/5G Language/zh_CN ABI/arm64 miniProgram",
        "Mozilla/5.0 (Linux; Android 13; 22081212C; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5307 MMWEBSDK/20230805 MicroMessenger/8.0.42.2460(0x28002A58) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN miniProgram",
    ),
    (  # web
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S9180) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
    ),
)
BOT_USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "python-requests/2.31.0",
    "Scrapy/2.11.0 (+https://scrapy.org)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
    "curl/8.4.0",
    "Go-http-client/1.1",
)

# Session-start referrers per channel (first event only); the channel rules map them.
SEARCH_KEYWORDS: tuple[str, ...] = (
    "%E8%BF%9E%E8%A1%A3%E8%A3%99",
    "%E8%80%B3%E6%9C%BA",
    "%E9%9D%A2%E8%86%9C",
    "%E5%92%96%E5%95%A1",
    "%E6%94%B6%E7%BA%B3",
)
ORGANIC_REFERRERS: tuple[str, ...] = tuple(f"https://www.baidu.com/s?wd={kw}" for kw in SEARCH_KEYWORDS) + (
    "https://www.sogou.com/web?query=%E8%BF%9E%E8%A1%A3%E8%A3%99",
    "https://www.so.com/s?q=%E8%80%B3%E6%9C%BA",
    "https://cn.bing.com/search?q=%E9%9D%A2%E8%86%9C",
)
SOCIAL_REFERRERS: tuple[str, ...] = (
    "https://www.xiaohongshu.com/explore/65f1c2a3000000001203b1de",
    "https://www.xiaohongshu.com/discovery/item/6601aa3b000000001a00e8f2",
    "https://weibo.com/7654321098/O9xYzAbCd",
    "https://m.weibo.cn/status/5012345678901234",
    "https://www.zhihu.com/question/587654321",
)
REFERRAL_REFERRERS: tuple[str, ...] = (
    "https://some-blog.example.cn/2025/best-picks.html",
    "https://deals.example.cn/post/12345",
    "https://forum.example.com.cn/thread-998877-1-1.html",
    "https://news.example.cn/lifestyle/20250601/gift-guide",
)
INTERNAL_REFERRER = "https://www.shop.example.cn/"

# App routes / URLs per platform (index as PLATFORMS) and page type (index as PAGE_TYPES).
PAGE_PATHS: tuple[str, ...] = (
    "",
    "category",
    "item/",
    "search",
    "cart",
    "checkout",
    "activity",
    "member",
    "other",
)
URL_PREFIX: tuple[str, ...] = ("app://shop/", "pages/", "https://www.shop.example.cn/")


@dataclass(frozen=True)
class Category:
    name: str
    subcategories: tuple[str, ...]
    brands: tuple[str, ...]
    median_price: float
    variants: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "服饰",
        ("T恤", "连衣裙", "牛仔裤", "运动鞋"),
        ("优衣库", "太平鸟", "李宁", "安踏", "森马"),
        159.0,
        ("黑色 M", "白色 L", "蓝色 S", "灰色 XL", "红色 M"),
    ),
    Category(
        "美妆",
        ("面霜", "口红", "面膜"),
        ("百雀羚", "完美日记", "花西子", "珀莱雅", "自然堂"),
        129.0,
        ("50ml", "3.5g", "10片装", "礼盒装", "旅行装"),
    ),
    Category(
        "食品",
        ("零食", "茶叶", "咖啡", "坚果"),
        ("三只松鼠", "良品铺子", "百草味", "瑞幸", "八马"),
        49.0,
        ("500g", "1kg", "礼盒装", "家庭装", "尝鲜装"),
    ),
    Category(
        "家居",
        ("床品", "收纳", "厨具"),
        ("网易严选", "无印良品", "苏泊尔", "罗莱", "天堂伞"),
        89.0,
        ("标准款", "加大款", "三件套", "单件", "组合装"),
    ),
    Category(
        "数码",
        ("耳机", "充电器", "手机壳", "智能手表"),
        ("小米", "华为", "漫步者", "绿联", "倍思"),
        199.0,
        ("黑色", "白色", "标准版", "Pro版", "青春版"),
    ),
)
