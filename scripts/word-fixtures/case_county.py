"""Case county-environment: 範例縣政府範例環境保護局, FY114.

A county bureau's booklet whose top parts are numbered 一、 (chapters
（一）, sections 1、, lists （1）), typed as text; direct formatting only (no
heading styles); run-in headings (（一）機關主要職掌：本局掌理… in one
paragraph, and unit lines 1、綜合計畫科：辦理…); soft line breaks (w:br) in the
running head, a vision paragraph, goal items and table cells; no 目次;
footer 第 N 頁，共 M 頁 (PAGE and NUMPAGES fields); org chart as a centred
plain list; staffing table with a 註： line under it; plan table with
預算金額（千元） and 備註 and a 合計 row merged across three columns;
four-column outcomes tables (工作計畫/計畫項目/實施概況/實施成果) with two
vertically merged columns; 四、其他 with a table whose header is merged
horizontally and vertically.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docbuild import Booklet, C, L, cn

AGENCY = "範例縣政府範例環境保護局"
YEAR = 114
FONT = "新細明體"
SCHEME = ["一、", "（一）", "1、", "（1）"]

DUTIES = [
    "空氣品質維護、移動污染源、噪音及振動管制事項。",
    "水污染防治、土壤及地下水污染整治事項。",
    "廢棄物清理、資源回收及垃圾處理場（廠）營運管理事項。",
    "環境衛生、病媒防治及公廁管理事項。",
    "毒性及關注化學物質管理事項。",
    "環境影響評估、公害糾紛處理及環境教育事項。",
    "環境保護稽查、檢驗及管制事項。",
]

UNITS = [
    ("綜合計畫科：", "辦理環境保護綜合規劃、環境教育、環境影響評估及公害陳情處理等事項。"),
    ("空氣噪音科：", "辦理空氣品質維護、移動污染源管制、噪音及振動管制等事項。"),
    ("水質土壤科：", "辦理水污染防治、河川水質監測、土壤及地下水污染整治等事項。"),
    ("廢棄物管理科：", "辦理一般及事業廢棄物清理、資源回收及垃圾處理場（廠）管理等事項。"),
    ("環境衛生科：", "辦理環境衛生、病媒防治、公廁管理及毒性化學物質管理等事項。"),
    ("秘書室：", "辦理文書、檔案、出納、總務、採購及研考等事項。"),
    ("人事室：", "辦理本局人事管理事項。"),
    ("會計室：", "辦理本局歲計、會計及統計事項。"),
    ("政風室：", "辦理本局政風事項。"),
]

CHART = ["局長", "副局長", "主任秘書", "綜合計畫科", "空氣噪音科", "水質土壤科", "廢棄物管理科",
         "環境衛生科", "秘書室", "人事室", "會計室", "政風室", "環境教育審議委員會", "所屬機關",
         "範例縣環境清潔隊", "範例縣環境檢驗所"]

STAFF_COLS = ["職員", "工友", "技工", "駕駛", "聘用", "約僱"]
STAFF = [
    ("範例環境保護局", ["72", "4", "2", "6", "－", "18"], "102"),
    ("範例縣環境清潔隊", ["8", "2", "3", "14", "－", "51"], "78"),
    ("範例縣環境檢驗所", ["11", "1", "－", "－", "2", "3"], "17"),
    ("合計", ["91", "7", "5", "20", "2", "72"], "197"),
]

VISION = [
    "本局以「潔淨家園、永續範例縣」為施政願景，持續推動空氣品質改善、河川水質維護、\n資源循環利用及環境衛生管理，並結合社區及民間團體力量，營造健康宜居之生活環境。",
    "本局依據本府114年度施政方針，配合中程施政計畫及核定預算額度，編定114年度施政計畫，其目標與重點如次：",
]

GOALS = [
    ("改善空氣品質，維護縣民健康", [
        "加強固定污染源稽查管制，督促工廠改善污染防制設備。",
        "推動老舊機車汰換及電動車輛使用，減少移動污染源排放。",
        "加強露天燃燒及營建工地逸散粉塵管制。",
    ]),
    ("維護河川水質，推動土壤及地下水整治", [
        "加強事業廢水稽查管制，提升河川水質。",
        "辦理農地土壤重金屬污染調查及整治。",
    ]),
    ("推動資源循環，落實垃圾減量", [
        "推動垃圾強制分類及資源回收，提升資源回收率。",
        "辦理巨大廢棄物再利用，延長垃圾處理場使用年限。",
        "推動減塑政策，\n推廣循環杯及重複使用容器。",
    ]),
    ("提升環境衛生，強化病媒防治", [
        "輔導村里辦理環境清潔及病媒蚊孳生源清除。",
        "推動公廁分級評比，提升公廁清潔品質。",
    ]),
    ("深化環境教育，推動公私協力", [
        "辦理環境教育研習及社區宣導，提升縣民環境素養。",
        "輔導環境教育設施場所申請認證，擴大環境學習資源。",
        "結合企業及民間團體認養海岸、河川及公園綠地。",
    ]),
]

# work plan, [(item, contents, amount, remark)]
PLANS = [
    ("空氣污染防制", [
        ("固定污染源管制", ["辦理工廠稽查及排放檢測。", "輔導業者改善污染防制設備。"], "18,460", "空污基金"),
        ("移動污染源管制", ["補助汰換老舊機車。", "辦理機車排氣定期檢驗。"], "12,300", "空污基金"),
    ]),
    ("水污染防治", [
        ("河川水質維護", ["辦理事業廢水稽查。", "辦理河川水質監測。"], "6,820", ""),
    ]),
    ("廢棄物管理", [
        ("資源回收及垃圾減量", ["推動垃圾強制分類。", "辦理巨大廢棄物再利用。"], "24,150", "含中央補助\n9,600千元"),
        ("垃圾處理場營運管理", ["辦理垃圾處理場操作維護。"], "35,780", ""),
    ]),
    ("環境衛生", [
        ("病媒防治", ["辦理病媒蚊孳生源清除。"], "3,240", ""),
        ("公廁管理", ["辦理公廁分級評比及改善。"], "1,980", ""),
    ]),
    ("環境教育", [
        ("環境教育推廣", ["辦理環境教育研習及宣導。", "輔導環境教育設施場所認證。"], "2,860", ""),
    ]),
]
PLAN_TOTAL = "105,590"

# 前年度 / 上年度: (work plan, [(item, [(overview, [results])])])
OUT_112 = [
    ("空氣污染防制", [
        ("固定污染源管制", [
            ("辦理工廠稽查及排放檢測", ["稽查工廠計412家次，告發處分計23件。", "完成煙道排放檢測計36根次。"]),
            ("輔導業者改善污染防制設備", ["輔導業者完成改善計18家，削減粒狀物排放量計42公噸。"]),
        ]),
        ("移動污染源管制", [
            ("補助汰換老舊機車", ["補助汰換二行程機車計2,815輛。"]),
            ("辦理機車排氣定期檢驗", ["機車定檢到檢率達82.6％，較111年提升2.1個百分點。"]),
        ]),
    ]),
    ("水污染防治", [
        ("河川水質維護", [
            ("辦理事業廢水稽查", ["稽查事業計356家次，告發處分計17件。"]),
            ("辦理河川水質監測", ["完成3條河川水質監測計144點次，未（稍）受污染比率達78.5％。"]),
        ]),
    ]),
    ("廢棄物管理", [
        ("資源回收及垃圾減量", [
            ("推動垃圾強制分類", ["112年資源回收率達56.2％，較111年提升1.4個百分點。"]),
            ("辦理巨大廢棄物再利用", ["回收巨大廢棄物計1,860公噸，修繕再利用計3,120件。"]),
        ]),
    ]),
    ("環境衛生", [
        ("病媒防治", [
            ("辦理病媒蚊孳生源清除", ["動員清除孳生源計1,240場次，\n登革熱本土病例數為0例。"]),
        ]),
        ("公廁管理", [
            ("辦理公廁分級評比", ["完成公廁評比計1,520座，特優級比率達92.3％。",
                                  "輔導改善不合格公廁計47座。"]),
        ]),
    ]),
    ("環境教育", [
        ("環境教育推廣", [
            ("辦理環境教育研習及宣導", ["辦理環境教育研習計64場次，參加人數計5,320人次。",
                                        "辦理社區環保宣導活動計38場次。"]),
            ("輔導環境教育設施場所認證", ["輔導範例濕地生態園區通過環境教育設施場所認證。"]),
        ]),
        ("公私協力認養", [
            ("推動企業及團體認養", ["企業及民間團體認養海岸計12.6公里、公園綠地計18處。"]),
        ]),
    ]),
]

OUT_113 = [
    ("空氣污染防制", [
        ("固定污染源管制", [
            ("辦理工廠稽查及排放檢測", ["113年1至6月稽查工廠計205家次，告發處分計11件。"]),
        ]),
    ]),
    ("廢棄物管理", [
        ("資源回收及垃圾減量", [
            ("推動垃圾強制分類", ["113年1至6月資源回收率達57.0％。"]),
        ]),
    ]),
]

# 四、其他: 中央補助計畫 — name, agency, total, central, own
OTHER = [
    ("空氣品質改善維護計畫", "環境部", "18,460", "12,000", "6,460"),
    ("資源回收工作執行計畫", "環境部", "9,600", "9,600", "－"),
    ("河川巡守志工計畫", "環境部", "1,200", "800", "400"),
    ("合計", "", "29,260", "22,400", "6,860"),
]


def outcome_rows(data):
    rows = []
    for wi, (wp, items) in enumerate(data, 1):
        n_wp = sum(len(ovs) for _, ovs in items)
        first_wp = True
        for ii, (item, overviews) in enumerate(items, 1):
            for oi, (ov, results) in enumerate(overviews, 1):
                wp_cell = C(L("outcome_work_plan", wp, label=f"{cn(wi)}、"), rs=n_wp) if first_wp else None
                first_wp = False
                it_cell = C(L("outcome_item", item, label=f"{ii}、"), rs=len(overviews)) if oi == 1 else None
                res = [L("outcome_result", r, label=f"（{k}）") for k, r in enumerate(results, 1)] \
                    if len(results) > 1 else [L("outcome_result", results[0])]
                rows.append([wp_cell, it_cell, C(L("outcome_subitem", ov, label=f"（{oi}）")), C(*res)])
    return rows


def build(pages=None):
    b = Booklet(AGENCY, YEAR, SCHEME, mode="typed", heading_styles=False, east_font=FONT, size=14,
                indents=(0, 0, 1, 2), ascii_font=FONT)
    sec = b.doc.sections[0]
    b.running_head(sec, f"{AGENCY}\n中華民國{YEAR}年度預算總說明", align=WD_ALIGN_PARAGRAPH.RIGHT,
                   border=False)
    b.page_footer(sec, before="第 ", after=" 頁", total=("，共 ", " 頁"))
    b.title(AGENCY, size=20, space_after=4)
    b.title(f"中華民國{YEAR}年度預算總說明", size=18, space_after=16)

    b.numbered(0, "heading", "現行法定職掌", size=16)
    b.numbered(1, "heading", "機關主要職掌：", body="本局掌理本縣環境保護政策之規劃、推動及執行，其主要職掌如下：",
               body_kind="duty", bold=True)
    for d in DUTIES:
        b.numbered(2, "duty", d)
    b.numbered(1, "heading", "內部分層業務：", bold=True)
    for name, text in UNITS:
        b.numbered(2, "unit_name", name, body=text, body_kind="unit_duty")
    b.numbered(1, "heading", "組織系統圖及預算員額說明表", bold=True)
    b.numbered(2, "heading", "組織系統圖", bold=True)
    for box in CHART:
        b.para("chart_box", box, align=WD_ALIGN_PARAGRAPH.CENTER)
    b.numbered(2, "heading", "預算員額說明表", bold=True)
    rows = [[C("機關")] + [C(c) for c in STAFF_COLS] + [C("合計")]]
    for agency, counts, total in STAFF:
        tot = agency == "合計"
        row = [C(L("staffing_agency", agency, **({"total_row": True} if tot else {})))]
        row += [C(L("staffing_count", n, column=col), align="center") for n, col in zip(counts, STAFF_COLS)]
        row.append(C(L("staffing_count", total, column="合計"), align="center"))
        rows.append(row)
    b.table([4.6] + [1.6] * 7, rows, size=12)
    b.para("note", "範例縣環境清潔隊清潔隊員依範例縣環境清潔隊組織規程另行進用，不列入本表。", label="註：",
           size=12, align=WD_ALIGN_PARAGRAPH.LEFT)

    b.numbered(0, "heading", "施政目標與重點", size=16, page_break=True)
    for v in VISION:
        b.para("vision", v, first_line_chars=2)
    b.numbered(1, "heading", "年度施政目標", bold=True)
    for goal, items in GOALS:
        b.numbered(2, "goal", goal)
        for it in items:
            b.numbered(3, "goal_item", it)
    b.numbered(1, "heading", "年度重要施政計畫", bold=True)
    rows = [[C("工作計畫"), C("重要計畫項目"), C("實施內容"), C("預算金額（千元）"), C("備註")]]
    for wi, (wp, items) in enumerate(PLANS, 1):
        for ii, (item, contents, amount, remark) in enumerate(items, 1):
            wp_cell = C(L("plan_work_plan", wp, label=f"{cn(wi)}、"), rs=len(items)) if ii == 1 else None
            rows.append([
                wp_cell,
                C(L("plan_item", item, label=f"{ii}、")),
                C(*[L("plan_content", c, label=f"（{k}）") for k, c in enumerate(contents, 1)]),
                C(L("plan_amount", amount), align="right"),
                C(L("plan_remark", remark)) if remark else C(),
            ])
    rows.append([C("合　　計", cs=3, align="center"), None, None,
                 C(L("plan_amount", PLAN_TOTAL, total_row=True), align="right"), C()])
    b.table([2.8, 3.2, 5.2, 2.4, 3.0], rows, repeat_header=True, size=12,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)

    b.numbered(0, "heading", "以前年度計畫實施成果概述", size=16, page_break=True)
    b.numbered(1, "heading", f"前（{YEAR - 2}）年度計畫實施成果概述", bold=True)
    head = [C("工作計畫"), C("計畫項目"), C("實施概況"), C("實施成果")]
    b.table([2.8, 3.4, 4.6, 5.8], [head] + outcome_rows(OUT_112), repeat_header=True, size=12,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)
    b.blank()
    b.numbered(1, "heading", f"上年度已過期間（{YEAR - 1}年1月1日至6月30日止）計畫實施成果概述", bold=True)
    b.table([2.8, 3.4, 4.6, 5.8], [head] + outcome_rows(OUT_113), repeat_header=True, size=12,
            cell_align=WD_ALIGN_PARAGRAPH.LEFT)

    b.numbered(0, "heading", "其他", size=16)
    b.numbered(1, "heading", "中央補助計畫", bold=True)
    rows = [
        [C("計畫名稱", rs=2), C("補助機關", rs=2), C(f"{YEAR}年度預算數（千元）", cs=3), None, None],
        [None, None, C("合計"), C("中央補助"), C("本府自籌")],
    ]
    for name, ag, total, central, own in OTHER:
        rows.append([C(name, align="center" if name == "合計" else None), C(ag, align="center"),
                     C(total, align="right"), C(central, align="right"), C(own, align="right")])
    b.table([5.6, 2.6, 2.8, 2.8, 2.8], rows, header_rows=2, size=12)
    return b


NUMBERING = {"part": "一、", "chapter": "（一）", "section": "1、", "list": "（1）",
             "work_plan": "一、", "plan_item": "1、", "result": "（1）", "source": "typed"}

FEATURES = [
    "top parts numbered 一、 with chapters （一） and sections 1、 (typed)",
    "direct formatting only (no heading styles)",
    "run-in headings: （一）機關主要職掌：本局掌理… and 1、綜合計畫科：辦理… in one paragraph",
    "soft line breaks (w:br) in the running head, a vision paragraph, a goal item and table cells",
    "running head on every page (two lines, right aligned)",
    "page numbers in footer (第 N 頁，共 M 頁 with PAGE and NUMPAGES fields)",
    "no 目次",
    "org chart as a centred plain list of unit names",
    "staffing table (agency + 6 counts + 合計, three agencies and a 合計 row) with a 註： line under it",
    "plan table with 預算金額（千元）, 備註 and a 合計 row merged across three columns",
    "four-column outcomes tables with two vertically merged columns",
    "四、其他 with a table whose two-row header is merged vertically and horizontally",
]
