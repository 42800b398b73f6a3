"""Case culture-heritage: 範例文化部範例文化資產署, FY112.

Word automatic numbering: one multilevel list in numbering.xml (壹、 一、
（一） 1. （1）: ideographLegalTraditional, taiwaneseCountingThousand, decimal)
applied with w:numPr on each numbered paragraph; no heading styles at all
(headings are Normal paragraphs made bold and larger by direct formatting);
soft line breaks (w:br) in a vision paragraph, a goal and table cells; a 目次
whose dot leaders are typed as …… characters; running head with the agency
at the left and the year at the right (tab stops); footer - N -; org chart
as an indented plain list; staffing table with a two-row header (機關 merged
vertically, 預算員額 merged across seven columns); plan table with
預算金額（千元） and 備註 columns.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

from docx.shared import Cm, Twips

from docbuild import Booklet, C, L, cn

AGENCY = "範例文化部範例文化資產署"
YEAR = 112
FONT = "標楷體"
SCHEME = ["壹、", "一、", "（一）", "1.", "（1）"]

DUTIES = [
    "文化資產保存政策、制度及法規之研擬、規劃及推動。",
    "古蹟、歷史建築、紀念建築、聚落建築群及文化景觀之保存、管理及維護。",
    "考古遺址之調查、研究、保存及監管。",
    "傳統表演藝術、傳統工藝及口述傳統之保存、傳習及推廣。",
    "文化資產保存技術及保存者之調查、登錄及保護。",
    "文化資產之研究、修復、教育推廣及國際交流合作。",
    "其他有關文化資產保存事項。",
]

UNITS = [
    ("古蹟聚落組", [
        "古蹟、歷史建築、紀念建築及聚落建築群保存政策之規劃及推動。",
        "古蹟修復及再利用計畫之審查及督導。",
        "文化資產防災及管理維護之輔導。",
    ]),
    ("考古遺址組", [
        "考古遺址調查、研究及保存計畫之規劃及推動。",
        "考古遺址監管及出土遺物保存之督導。",
        "水下文化資產保存業務之推動。",
    ]),
    ("傳統藝術組", [
        "傳統表演藝術、傳統工藝之登錄、保存及傳習。",
        "保存者及保存團體之認定及輔導。",
    ]),
    ("文化資產研究組", [
        "文化資產保存科學及修復技術之研究。",
        "文化資產資料庫之建置及維運。",
        "文化資產教育推廣及人才培育。",
    ]),
    ("秘書室", [
        "文書、檔案、出納、採購及財產管理。",
        "研考、公共關係及國會聯絡事項。",
    ]),
]
ONE_LINE_UNITS = [
    ("人事室", "掌理本署人事事項。"),
    ("主計室", "掌理本署歲計、會計及統計事項。"),
    ("政風室", "掌理本署政風事項。"),
]

# (text, indent level) — typed as an indented list
CHART = [("署長", 0), ("副署長", 1), ("主任秘書", 1), ("古蹟聚落組", 2), ("考古遺址組", 2),
         ("傳統藝術組", 2), ("文化資產研究組", 2), ("秘書室", 2), ("人事室", 2), ("主計室", 2),
         ("政風室", 2), ("文化資產審議委員會", 2), ("所屬機關", 1), ("範例文化資產園區管理處", 2)]

STAFF_COLS = ["職員", "工友", "技工", "駕駛", "聘用", "約僱"]
STAFF = [
    ("範例文化資產署", ["118", "2", "1", "3", "9", "14"], "147"),
    ("範例文化資產園區管理處", ["36", "4", "2", "1", "－", "6"], "49"),
    ("合計", ["154", "6", "3", "4", "9", "20"], "196"),
]

VISION = [
    "文化資產是國家歷史記憶與族群認同之根源。本署秉持「保存文化資產、活化歷史空間、\n傳承傳統技藝」之施政理念，推動有形及無形文化資產之保存、修復與再利用，並結合地方社群共同守護文化資產，使文化資產融入國民生活。",
    "本署依據行政院112年度施政方針，配合中程施政計畫及核定預算額度，並針對當前文化資產保存情勢及未來發展需要，編定112年度施政計畫，其目標與重點如次：",
]

GOALS = [
    ("健全文化資產保存制度，完善法制作業", [
        "配合文化資產保存法修正，研修相關子法及行政規則。",
        "建立文化資產審議及列冊追蹤機制，提升審議品質。",
    ]),
    ("推動古蹟與歷史建築修復再利用，\n活化歷史空間", [
        "補助地方政府辦理古蹟、歷史建築修復及再利用計畫。",
        "推動文化資產防災計畫，強化古蹟防災及緊急應變能力。",
        "輔導所有人及管理人落實日常管理維護。",
    ]),
    ("落實考古遺址保存，推動水下文化資產調查", [
        "辦理考古遺址普查及監管，建置考古遺址資料庫。",
        "推動水下文化資產調查研究，建立保存維護機制。",
    ]),
    ("傳承傳統藝術，培育文化資產人才", [
        "辦理傳統表演藝術及傳統工藝傳習計畫。",
        "培育文化資產修復專業人才，推動修復技術傳承。",
        "推動文化資產教育，深化全民文化資產素養。",
    ]),
]

# work plan, [(item, [contents], amount, remark)]
PLANS = [
    ("文化資產保存業務", [
        ("古蹟歷史建築修復再利用", ["補助地方政府辦理古蹟修復工程。", "補助歷史建築再利用規劃設計。"],
         "486,520", "含補助地方政府\n452,000千元"),
        ("文化資產防災計畫", ["辦理古蹟防災設備檢查及輔導。", "辦理文化資產緊急應變演練。"],
         "38,400", ""),
    ]),
    ("考古遺址保存業務", [
        ("考古遺址調查及監管", ["辦理考古遺址普查計畫。", "補助地方政府辦理考古遺址監管。"],
         "62,150", ""),
        ("水下文化資產調查研究", ["辦理臺灣周邊海域水下文化資產調查。"], "24,800", "跨年度計畫"),
    ]),
    ("傳統藝術保存業務", [
        ("傳統藝術傳習計畫", ["辦理傳統表演藝術傳習。", "辦理傳統工藝傳習及成果展。"],
         "57,300", ""),
    ]),
    ("文化資產研究業務", [
        ("文化資產修復人才培育", ["開辦修復技術人才培訓課程。", "推動修復技術研究及出版。"],
         "31,760", ""),
        ("文化資產資料庫建置", ["擴充國家文化資產網功能。"], "18,240", "資訊計畫"),
    ]),
]

# 前（110）年度 / 上年度: (work plan, [(item, [results])])
OUT_110 = [
    ("文化資產保存業務", [
        ("古蹟歷史建築修復再利用", [
            "110年補助地方政府辦理古蹟修復及再利用計畫計86案，完成修復工程計31案。",
            "辦理古蹟修復工程查核計24場次，督導工程品質。",
        ]),
        ("文化資產防災計畫", [
            "完成國定古蹟防災設備檢查計56處，輔導改善計19處。",
            "辦理文化資產緊急應變演練計12場次，參與人數計860人次。",
        ]),
    ]),
    ("考古遺址保存業務", [
        ("考古遺址調查及監管", [
            "完成中部地區考古遺址普查，新增列冊考古遺址計14處。",
            "補助地方政府辦理考古遺址監管巡查計1,320次。",
        ]),
        ("水下文化資產調查研究", [
            "完成澎湖海域水下文化資產調查，發現疑似沉船遺址2處。",
        ]),
    ]),
    ("傳統藝術保存業務", [
        ("傳統藝術傳習計畫", [
            "辦理傳統表演藝術傳習計畫計18案，藝生計72人。",
            "辦理傳統工藝傳習成果展2場次，參觀人數計3萬4,600人次。",
        ]),
    ]),
    ("文化資產研究業務", [
        ("文化資產修復人才培育", [
            "開辦修復技術人才培訓課程計10班，結訓人數計284人。",
        ]),
        ("文化資產資料庫建置", [
            "國家文化資產網新增資料計5,412筆，全年瀏覽人次計162萬人次。",
        ]),
    ]),
]

OUT_111 = [
    ("文化資產保存業務", [
        ("古蹟歷史建築修復再利用", [
            "111年1至6月核定補助地方政府修復及再利用計畫計52案，已撥付補助款計1億8,640萬元。",
        ]),
    ]),
    ("傳統藝術保存業務", [
        ("傳統藝術傳習計畫", [
            "111年傳習計畫計16案已於3月開班，藝生計64人。",
        ]),
    ]),
]


def outcome_rows(data):
    rows = []
    for wi, (wp, items) in enumerate(data, 1):
        for ii, (item, results) in enumerate(items, 1):
            wp_cell = C(L("outcome_work_plan", wp, label=f"{cn(wi)}、"), rs=len(items)) if ii == 1 else None
            res = [L("outcome_result", r, label=f"{k}.") for k, r in enumerate(results, 1)] \
                if len(results) > 1 else [L("outcome_result", results[0])]
            rows.append([wp_cell, C(L("outcome_item", item, label=f"（{cn(ii)}）")), C(*res)])
    return rows


def build(pages=None):
    b = Booklet(AGENCY, YEAR, SCHEME, mode="auto", heading_styles=False, east_font=FONT, size=13,
                indents=(0, 0, 1, 2.5, 3.5), justify_soft_breaks=True)
    sec = b.doc.sections[0]
    b.running_head(sec, f"{AGENCY}\t中華民國{YEAR}年度預算總說明", align=WD_ALIGN_PARAGRAPH.LEFT,
                   tabs=[(Twips(4680), WD_TAB_ALIGNMENT.CLEAR), (Twips(9360), WD_TAB_ALIGNMENT.CLEAR),
                         (Cm(b.text_width_cm), WD_TAB_ALIGNMENT.RIGHT)])
    b.page_footer(sec, before="- ", after=" -")
    b.blank()
    b.title(AGENCY, size=22)
    b.title(f"中華民國{YEAR}年度預算總說明", size=20, space_after=24)
    b.para(None, "目　次", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=16, record=False)
    b.toc_anchor()

    b.numbered(0, "heading", "現行法定職掌", toc=0, page_break=True)
    b.numbered(1, "heading", "機關主要職掌")
    for d in DUTIES:
        b.numbered(3, "duty", d)
    b.numbered(1, "heading", "內部分層業務")
    for name, items in UNITS:
        b.numbered(2, "unit_name", name, bold=False)
        for it in items:
            b.numbered(3, "unit_duty", it)
    for name, text in ONE_LINE_UNITS:
        b.numbered(2, "unit_name", name, bold=False)
        b.para("unit_duty", text, indent_chars=3)
    b.numbered(1, "heading", "組織系統圖及預算員額說明")
    b.numbered(2, "heading", "組織系統圖")
    for box, lvl in CHART:
        b.para("chart_box", box, indent_chars=3 + 2 * lvl, align=WD_ALIGN_PARAGRAPH.LEFT, level=lvl)
    b.numbered(2, "heading", "預算員額說明表")
    rows = [
        [C("機　　關", rs=2), C("預　算　員　額", cs=7)] + [None] * 6,
        [None] + [C(c) for c in STAFF_COLS] + [C("合計")],
    ]
    for agency, counts, total in STAFF:
        tot = agency == "合計"
        row = [C(L("staffing_agency", agency, **({"total_row": True} if tot else {})),
                 align="center" if tot else None)]
        row += [C(L("staffing_count", n, column=col), align="right") for n, col in zip(counts, STAFF_COLS)]
        row.append(C(L("staffing_count", total, column="合計"), align="right"))
        rows.append(row)
    b.table([5.0] + [1.6] * 7, rows, header_rows=2, size=12)

    b.numbered(0, "heading", "施政目標與重點", toc=0, page_break=True)
    for v in VISION:
        b.para("vision", v, first_line_chars=2)
    b.numbered(1, "heading", "年度施政目標")
    for goal, items in GOALS:
        b.numbered(2, "goal", goal, bold=False,
                   align=WD_ALIGN_PARAGRAPH.LEFT if "\n" in goal else None)
        for it in items:
            b.numbered(3, "goal_item", it)
    b.numbered(1, "heading", "年度重要施政計畫")
    rows = [[C("工作計畫"), C("重要計畫項目"), C("實施內容"), C("預算金額\n（千元）"), C("備註")]]
    for wi, (wp, items) in enumerate(PLANS, 1):
        for ii, (item, contents, amount, remark) in enumerate(items, 1):
            wp_cell = C(L("plan_work_plan", wp, label=f"{cn(wi)}、"), rs=len(items)) if ii == 1 else None
            rows.append([
                wp_cell,
                C(L("plan_item", item, label=f"（{cn(ii)}）")),
                C(*[L("plan_content", c, label=f"{k}.") for k, c in enumerate(contents, 1)]),
                C(L("plan_amount", amount), align="right"),
                C(L("plan_remark", remark)) if remark else C(),
            ])
    b.table([3.2, 3.8, 5.4, 2.2, 2.0], rows, repeat_header=True, size=11,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)

    b.numbered(0, "heading", "以前年度計畫實施成果概述", toc=0, page_break=True)
    b.numbered(1, "heading", f"前（{YEAR - 2}）年度計畫實施成果概述")
    head = [C("工作計畫"), C("實施概況"), C("實施成果")]
    b.table([3.4, 4.6, 8.6], [head] + outcome_rows(OUT_110), repeat_header=True, size=11,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)
    b.blank()
    b.numbered(1, "heading", f"上年度已過期間（{YEAR - 1}年1月1日至6月30日止）\n計畫實施成果概述")
    b.table([3.4, 4.6, 8.6], [head] + outcome_rows(OUT_111), repeat_header=True, size=11,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)

    b.write_toc(style="dots", pages=pages)
    return b


NUMBERING = {"part": "壹、", "chapter": "一、", "section": "（一）", "list": "1.", "sublist": "（1）",
             "work_plan": "一、", "plan_item": "（一）", "result": "1.", "source": "word-numbering"}

FEATURES = [
    "Word automatic numbering: numbering.xml multilevel list 壹、/一、/（一）/1./（1） applied by w:numPr",
    "direct formatting only (no heading styles; bold/size on runs)",
    "soft line breaks (w:br) in a vision paragraph, a goal, a heading and table cells",
    "typed 目次 with leaders typed as …… and page numbers",
    "running head on every page (agency left, year right via tab stops)",
    "page numbers in footer (PAGE field, - N -)",
    "org chart as an indented plain list of unit names",
    "staffing table: two header rows, 機關 merged vertically, 預算員額 merged across 7 columns",
    "plan table with 預算金額（千元） and 備註 columns, work plan merged vertically",
]
