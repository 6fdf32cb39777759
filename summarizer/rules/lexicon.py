"""General lexicons for the offline rules engine (``summarizer.rules``).

Everything here is general knowledge about how Japanese reporting names states, authorities,
charges and well-known organizations. Nothing is fitted to a particular article: entries are
the usual bodies and companies that show up in cyber-threat reporting, with their English names.
"""

from __future__ import annotations

# -- countries -------------------------------------------------------------------------------
# Japanese country names and the one-kanji abbreviations the press uses as prefixes (米司法省).
COUNTRIES: dict[str, str] = {
    "アメリカ合衆国": "US", "アメリカ": "US", "米国": "US", "合衆国": "US",
    "日本": "JP", "わが国": "JP", "我が国": "JP",
    "中華人民共和国": "CN", "中国": "CN",
    "北朝鮮": "KP", "朝鮮民主主義人民共和国": "KP",
    "韓国": "KR", "大韓民国": "KR",
    "ロシア連邦": "RU", "ロシア": "RU",
    "イラン": "IR", "イギリス": "GB", "英国": "GB", "台湾": "TW",
    "ウクライナ": "UA", "カナダ": "CA", "オーストラリア": "AU", "豪州": "AU",
    "ニュージーランド": "NZ", "ドイツ": "DE", "フランス": "FR", "オランダ": "NL",
    "ベルギー": "BE", "イタリア": "IT", "スペイン": "ES", "スイス": "CH", "スウェーデン": "SE",
    "ノルウェー": "NO", "フィンランド": "FI", "デンマーク": "DK", "ポーランド": "PL",
    "チェコ共和国": "CZ", "チェコ": "CZ", "エストニア": "EE", "ラトビア": "LV",
    "リトアニア": "LT", "ジョージア": "GE", "アルバニア": "AL", "ベラルーシ": "BY",
    "イスラエル": "IL", "サウジアラビア": "SA", "アラブ首長国連邦": "AE", "トルコ": "TR",
    "インド": "IN", "パキスタン": "PK", "ベトナム": "VN", "タイ": "TH", "フィリピン": "PH",
    "インドネシア": "ID", "マレーシア": "MY", "シンガポール": "SG", "香港": "HK",
    "モンゴル": "MN", "ブラジル": "BR", "メキシコ": "MX", "ルーマニア": "RO",
    # Japan's 47 prefectures (with their suffix, so never a bare common word)
    "北海道": "JP", "青森県": "JP", "岩手県": "JP", "宮城県": "JP", "秋田県": "JP", "山形県": "JP", "福島県": "JP", "茨城県": "JP", "栃木県": "JP", "群馬県": "JP", "埼玉県": "JP", "千葉県": "JP", "東京都": "JP", "神奈川県": "JP", "新潟県": "JP", "富山県": "JP", "石川県": "JP", "福井県": "JP", "山梨県": "JP", "長野県": "JP", "岐阜県": "JP", "静岡県": "JP", "愛知県": "JP", "三重県": "JP", "滋賀県": "JP", "京都府": "JP", "大阪府": "JP", "兵庫県": "JP", "奈良県": "JP", "和歌山県": "JP", "鳥取県": "JP", "島根県": "JP", "岡山県": "JP", "広島県": "JP", "山口県": "JP", "徳島県": "JP", "香川県": "JP", "愛媛県": "JP", "高知県": "JP", "福岡県": "JP", "佐賀県": "JP", "長崎県": "JP", "熊本県": "JP", "大分県": "JP", "宮崎県": "JP", "鹿児島県": "JP", "沖縄県": "JP",
}  # fmt: skip

# one-character prefixes: 米司法省, 英政府, 中露, 日米
COUNTRY_PREFIX: dict[str, str] = {
    "米": "US", "英": "GB", "日": "JP", "中": "CN", "露": "RU", "韓": "KR", "台": "TW",
    "豪": "AU", "加": "CA", "独": "DE", "仏": "FR", "蘭": "NL", "伊": "IT", "印": "IN",
    "朝": "KP",
}  # fmt: skip

DEMONYM_NATIONALITY: dict[str, str] = {
    "中国人": "CN", "中国籍": "CN", "中国国籍": "CN", "ロシア人": "RU", "ロシア国籍": "RU",
    "ロシア籍": "RU", "北朝鮮人": "KP", "北朝鮮国籍": "KP", "北朝鮮籍": "KP",
    "イラン人": "IR", "イラン国籍": "IR", "イラン籍": "IR", "ウクライナ人": "UA",
    "韓国人": "KR", "日本人": "JP", "米国人": "US", "アメリカ人": "US", "英国人": "GB",
    "台湾人": "TW", "ベトナム人": "VN", "パキスタン人": "PK", "カザフスタン人": "KZ",
}  # fmt: skip

COUNTRY_EN: dict[str, str] = {
    "US": "US", "GB": "UK", "JP": "Japan", "CN": "China", "KP": "North Korea", "KR": "South Korea",
    "RU": "Russia", "IR": "Iran", "TW": "Taiwan", "UA": "Ukraine", "CA": "Canada",
    "AU": "Australia", "NZ": "New Zealand", "DE": "Germany", "FR": "France", "NL": "Netherlands",
    "BE": "Belgium", "CZ": "Czech Republic", "AL": "Albania", "IN": "India", "IL": "Israel",
    "EU": "EU",
}  # fmt: skip

# Country -> adjective used in English organization names ("Czech Ministry of Foreign Affairs")
COUNTRY_ADJ: dict[str, str] = {
    "US": "US", "GB": "UK", "JP": "Japanese", "CN": "Chinese", "KP": "North Korean",
    "KR": "South Korean", "RU": "Russian", "IR": "Iranian", "TW": "Taiwanese",
    "UA": "Ukrainian", "CA": "Canadian", "AU": "Australian", "NZ": "New Zealand",
    "DE": "German", "FR": "French", "NL": "Dutch", "BE": "Belgian", "CZ": "Czech",
    "AL": "Albanian", "IN": "Indian", "IL": "Israeli", "PL": "Polish", "IT": "Italian",
    "ES": "Spanish", "SE": "Swedish", "EE": "Estonian", "LT": "Lithuanian", "GE": "Georgian",
    "VN": "Vietnamese", "PH": "Philippine", "SG": "Singaporean", "MN": "Mongolian",
}  # fmt: skip

# -- authorities (who acts: indicts, sanctions, attributes) ------------------------------------
# surface -> (English name, country). Longest surface wins in matching.
AUTHORITIES: dict[str, tuple[str, str]] = {
    # United States
    "司法省": ("US Department of Justice", "US"),
    "米司法省": ("US Department of Justice", "US"),
    "米国司法省": ("US Department of Justice", "US"),
    "アメリカ司法省": ("US Department of Justice", "US"),
    "アメリカの司法省": ("US Department of Justice", "US"),
    "司法当局": ("US Department of Justice", "US"),
    "米司法当局": ("US Department of Justice", "US"),
    "司法長官": ("US Department of Justice", "US"),
    "連邦大陪審": ("US federal grand jury", "US"),
    "大陪審": ("US federal grand jury", "US"),
    "連邦地裁": ("US federal court", "US"),
    "連邦地検": ("US Attorney's Office", "US"),
    "連邦検察": ("US prosecutors", "US"),
    "米検察": ("US prosecutors", "US"),
    "米連邦検察": ("US prosecutors", "US"),
    "連邦捜査局": ("FBI", "US"), "FBI": ("FBI", "US"),
    "米財務省": ("US Department of the Treasury", "US"),
    "財務省外国資産管理室": ("OFAC", "US"), "外国資産管理室": ("OFAC", "US"),
    "OFAC": ("OFAC", "US"),
    "国務省": ("US Department of State", "US"), "米国務省": ("US Department of State", "US"),
    "米国務長官": ("US Department of State", "US"), "国務長官": ("US Department of State", "US"),
    "国土安全保障省": ("US Department of Homeland Security", "US"),
    "サイバーセキュリティ・インフラストラクチャーセキュリティ庁": ("CISA", "US"),
    "CISA": ("CISA", "US"),
    "国家安全保障局": ("NSA", "US"), "NSA": ("NSA", "US"),
    "サイバー軍": ("US Cyber Command", "US"), "米サイバー軍": ("US Cyber Command", "US"),
    "ホワイトハウス": ("White House", "US"), "米政府": ("US government", "US"),
    "米国政府": ("US government", "US"), "アメリカ政府": ("US government", "US"),
    "米政権": ("US government", "US"), "米当局": ("US authorities", "US"),
    "米国当局": ("US authorities", "US"), "アメリカ当局": ("US authorities", "US"),
    "米国の検察当局": ("US prosecutors", "US"), "アメリカの検察当局": ("US prosecutors", "US"),
    "米連邦政府": ("US government", "US"), "連邦政府": ("US government", "US"),
    "米国防総省": ("US Department of Defense", "US"), "国防総省": ("US Department of Defense", "US"),
    "商務省": ("US Department of Commerce", "US"),
    # Japan
    "警察庁": ("National Police Agency of Japan", "JP"),
    "警視庁": ("Tokyo Metropolitan Police Department", "JP"),
    "内閣サイバーセキュリティセンター": ("NISC", "JP"), "NISC": ("NISC", "JP"),
    "日本政府": ("Government of Japan", "JP"), "政府": ("government", ""),
    "外務省": ("Ministry of Foreign Affairs", ""),
    "金融庁": ("Financial Services Agency of Japan", "JP"),
    "防衛省": ("Ministry of Defense of Japan", "JP"),
    "地検": ("Japanese public prosecutors", "JP"), "東京地検": ("Tokyo District Public Prosecutors Office", "JP"),
    "検察庁": ("Japanese public prosecutors", "JP"),
    "公安調査庁": ("Public Security Intelligence Agency", "JP"),
    "経済産業省": ("Ministry of Economy, Trade and Industry", "JP"),
    "総務省": ("Ministry of Internal Affairs and Communications", "JP"),
    "JPCERT/CC": ("JPCERT/CC", "JP"),
    # United Kingdom
    "英政府": ("UK government", "GB"), "英国政府": ("UK government", "GB"),
    "イギリス政府": ("UK government", "GB"), "英外務省": ("UK Foreign Office", "GB"),
    "英国外務省": ("UK Foreign Office", "GB"), "英財務省": ("HM Treasury", "GB"),
    "国家サイバーセキュリティセンター": ("NCSC", "GB"), "NCSC": ("NCSC", "GB"),
    "国家犯罪対策庁": ("National Crime Agency", "GB"), "NCA": ("National Crime Agency", "GB"),
    "イギリス当局": ("UK authorities", "GB"), "英当局": ("UK authorities", "GB"),
    "英国当局": ("UK authorities", "GB"),
    # others
    "欧州連合": ("European Union", "EU"), "EU": ("European Union", "EU"),
    "欧州理事会": ("Council of the European Union", "EU"),
    "ユーロポール": ("Europol", "EU"), "Europol": ("Europol", "EU"),
    "中国外務省": ("Ministry of Foreign Affairs of China", "CN"),
    "公安当局": ("Chinese public security authorities", "CN"),
    "中国当局": ("Chinese authorities", "CN"),
    "韓国警察": ("Korean National Police Agency", "KR"), "韓国政府": ("Government of South Korea", "KR"),
    "チェコ政府": ("Czech government", "CZ"),
    "オランダ警察": ("Dutch police", "NL"), "ドイツ検察": ("German prosecutors", "DE"),
    "国連安全保障理事会": ("UN Security Council", ""), "国連安保理": ("UN Security Council", ""),
    "国連": ("United Nations", ""),
}  # fmt: skip

# -- charges ---------------------------------------------------------------------------------
CHARGES: tuple[tuple[str, str], ...] = (
    ("コンピューター詐欺", "computer fraud"),
    ("コンピュータ詐欺", "computer fraud"),
    ("電信詐欺", "wire fraud"),
    ("通信詐欺", "wire fraud"),
    ("ワイヤー詐欺", "wire fraud"),
    ("銀行詐欺", "bank fraud"),
    ("個人情報窃盗", "identity theft"),
    ("なりすまし", "aggravated identity theft"),
    ("不正アクセス禁止法違反", "unauthorized access (Unauthorized Computer Access Law)"),
    ("不正アクセス", "computer intrusion"),
    ("コンピューターへの侵入", "computer intrusion"),
    ("コンピューター侵入", "computer intrusion"),
    ("ハッキング", "computer intrusion"),
    ("共謀", "conspiracy"),
    ("経済スパイ", "economic espionage"),
    ("企業秘密の窃取", "theft of trade secrets"),
    ("企業秘密の窃盗", "theft of trade secrets"),
    ("営業秘密", "theft of trade secrets"),
    ("機密情報窃盗", "theft of trade secrets"),
    ("資金洗浄", "money laundering"),
    ("マネーロンダリング", "money laundering"),
    ("マネー・ロンダリング", "money laundering"),
    ("恐喝", "extortion"),
    ("ゆすり", "extortion"),
    ("電子計算機使用詐欺", "computer fraud"),
    ("電磁的記録不正作出", "unauthorized creation of electromagnetic records"),
    ("電子計算機損壊等業務妨害", "obstruction of business by damaging computers"),
    ("業務妨害", "obstruction of business"),
    ("詐欺", "fraud"),
    ("スパイ行為", "espionage"),
    ("スパイ罪", "espionage"),
    ("スパイ", "espionage"),
    ("損害を与え", "intentional damage to protected computers"),
    ("保護されたコンピューターへの損害", "intentional damage to protected computers"),
    ("制裁違反", "sanctions violations"),
    ("輸出規制違反", "export control violations"),
)

# -- sanctions measures ----------------------------------------------------------------------
MEASURES: tuple[tuple[str, str], ...] = (
    ("資産凍結", "asset freeze"),
    ("資産を凍結", "asset freeze"),
    ("入国禁止", "travel ban"),
    ("渡航禁止", "travel ban"),
    ("入国を禁止", "travel ban"),
    ("取引禁止", "transaction ban"),
    ("取引を禁止", "transaction ban"),
    ("SDN", "SDN list designation"),
    ("特別指定国民", "SDN list designation"),
    ("ビザ", "visa restrictions"),
    ("査証", "visa restrictions"),
)

# -- well-known organizations named as victims: summarizer/data/victim_orgs.tsv (rules/victims.py)

# Ministry nouns -> English, for "<country>(の)?<ministry>" victims / targets.
MINISTRIES: dict[str, str] = {
    "外務省": "Ministry of Foreign Affairs", "国防省": "Ministry of Defense",
    "防衛省": "Ministry of Defense", "内務省": "Ministry of Interior",
    "財務省": "Ministry of Finance", "法務省": "Ministry of Justice",
    "情報省": "Ministry of Intelligence", "国家安全部": "Ministry of State Security",
    "公安部": "Ministry of Public Security", "国家安全省": "Ministry of State Security",
    "議会": "Parliament", "政府": "Government",
}  # fmt: skip

# -- Chinese surnames (for kanji person names) --------------------------------------------------
CHINESE_SURNAMES = frozenset(
    "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何高林羅罗鄭郑梁謝谢宋唐許许韓韩馮冯"
    "鄧邓曹彭曾蕭萧田董袁潘于蔣蒋蔡余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆汪范金石"
    "廖賈贾夏韋韦付方白鄒邹孟熊秦邱江尹薛閻阎段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚邵萬万錢钱嚴严"
    "覃武戴莫孔向湯汤常溫温康施文牛樊葛邢安齊齐易喬乔伍龐庞顏颜倪莊庄聶聂章魯鲁岳翟殷詹申"
    "歐欧耿關关蘭兰焦俞左柳甘祝包寧宁尚符舒阮柯紀纪梅童凌畢毕單单季裴霍塗涂成苗谷盛曲翁冉"
    "駱骆藍蓝路游辛靳管柴蒙鮑鲍華华喻祁蒲房滕屈饒饶解牟艾尤陽阳時时穆農农司卓古吉繆缪簡简車车"
    "項项連连蘆芦麥麦褚婁娄竇窦戚岑景黨党宮宫費费卜冷晏席衛卫米柏宗瞿桂全佟應应臧閔闵苟鄔邬"
    "邊边卞姬師师和仇欒栾隋商刁沙榮荣巫寇桑郎甄叢丛仲虞敖鞏巩明佘池查麻苑遲迟鄺邝"
)
# Korean surnames written in kanji in Japanese press (金正恩 etc.) -- also in the set above: 金 朴 李 崔 鄭
KOREAN_SURNAMES = frozenset(
    "金朴李崔鄭姜趙尹張林韓呉申徐権黄安宋柳洪全高文孫梁裵白許南沈盧丁河郭成車朱禹具羅"
)

# Common Japanese surname first characters are not enumerated: Japanese defendants are accepted
# only with an age in parentheses or 容疑者/被告 (see people.py).

# Generic nouns that are never a named victim or target.
GENERIC_NOUNS = frozenset(
    [
        "同社",
        "同省",
        "同庁",
        "同局",
        "同機構",
        "同組織",
        "同国",
        "同グループ",
        "同集団",
        "当社",
        "会社",
        "企業",
        "各社",
        "本社",
        "支社",
        "子会社",
        "ネットワーク",
        "システム",
        "サーバー",
        "サーバ",
        "コンピューター",
        "コンピュータ",
        "パソコン",
        "端末",
        "ウェブサイト",
        "サイト",
        "政府機関",
        "機関",
        "組織",
        "団体",
        "ハッカー",
        "ハッカー集団",
        "攻撃者",
        "犯人",
        "犯罪集団",
        "グループ",
        "集団",
        "者",
        "人",
        "国",
        "政府",
        "ユーザー",
        "顧客",
        "取引先",
        "従業員",
        "職員",
        "個人",
        "利用者",
        "被害者",
        "標的",
        "ターゲット",
        "データ",
        "情報",
        "メール",
        "アカウント",
        "第三者",
        "外部",
        "国内外",
        "国内",
        "海外",
        "世界",
        "各国",
        "同盟国",
        "複数",
        "多数",
        "一部",
        "インフラ",
        "重要インフラ",
    ]
)
