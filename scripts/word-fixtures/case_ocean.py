"""Case ocean-council: 範例海洋委員會, FY113.

Heading styles (Heading 1-3) with typed labels 壹、/一、/（一）, list items typed
1、/（1）; a title page with a typed 目次 (right tab stop, dot leader) in its own
section, the body in a second section whose page numbers restart at 1;
running head on every page; footer － N －; org chart as a plain list;
staffing table with a 註： line under it; plan table with a work-plan column
merged vertically and the 重要計畫項目 header merged across two columns; a
long outcomes table running over pages with a repeated header row and item
rows merged across two columns.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docbuild import Booklet, C, L, cn

AGENCY = "範例海洋委員會"
YEAR = 113
FONT = "新細明體"
SCHEME = ["壹、", "一、", "（一）", "1、", "（1）"]

DUTIES = [
    "海洋總體政策與海洋事務之統合規劃、審議、協調及推動。",
    "海洋資源永續利用與海洋產業發展政策之規劃、協調及推動。",
    "海洋生態保育政策之規劃、協調及推動。",
    "海域安全與海岸管理政策之規劃、協調及推動。",
    "海洋科學研究、海洋文化及海洋教育政策之規劃、協調及推動。",
    "海洋污染防治政策之規劃、協調及推動。",
    "國際及兩岸海洋事務之交流合作。",
    "所屬機關（構）之督導、協調及考核。",
    "其他有關海洋事務事項。",
]

UNITS = [
    ("綜合規劃處", [
        "海洋總體政策之研究、規劃及協調。",
        "施政方針、施政計畫、中長程個案計畫之研擬、審議及管制考核。",
        "海洋資訊之整合、統計、分析及發布。",
        "國會聯絡、新聞聯繫及公共關係事務之處理。",
    ]),
    ("海洋資源處", [
        "海洋資源永續利用政策之規劃及推動。",
        "海洋產業發展之輔導、獎勵及協調。",
        "海域空間規劃及使用管理之協調。",
    ]),
    ("海洋保育處", [
        "海洋生態保育政策、法規之研擬及推動。",
        "海洋保護區劃設、管理之協調及督導。",
        "海洋污染防治政策之規劃及執行督導。",
    ]),
    ("國際及兩岸處", [
        "國際海洋組織之參與及合作事務。",
        "兩岸海洋事務之交流、聯繫及協商。",
        "國際海洋法及相關公約之研析及因應。",
    ]),
    ("秘書處", [
        "文書、檔案、印信、出納及一般事務管理。",
        "財產、採購、營繕工程及辦公廳舍之管理。",
        "工友（含技工、駕駛）之管理。",
    ]),
]
ONE_LINE_UNITS = [
    ("人事室：", "掌理本會人事事項。"),
    ("政風室：", "掌理本會政風事項。"),
    ("主計室：", "掌理本會歲計、會計及統計事項。"),
    ("法規委員會：", "掌理本會法規之研擬、審議及訴願案件之處理。"),
]

CHART = ["主任委員", "副主任委員", "主任秘書", "綜合規劃處", "海洋資源處", "海洋保育處",
         "國際及兩岸處", "秘書處", "人事室", "政風室", "主計室", "法規委員會", "所屬機關",
         "範例海巡署", "範例海洋保育署", "範例國家海洋研究院"]

STAFF_COLS = ["職員", "工友", "技工", "駕駛", "聘用", "約僱"]
STAFF = [
    ("範例海洋委員會", ["152", "3", "2", "4", "6", "5"], "172"),
    ("範例海洋保育署", ["88", "1", "1", "2", "4", "9"], "105"),
    ("範例國家海洋研究院", ["61", "－", "1", "1", "12", "3"], "78"),
    ("合　　計", ["301", "4", "4", "7", "22", "17"], "355"),
]

VISION = [
    "臺灣四面環海，海洋是國家發展的重要資產。本會以「生態、安全、繁榮的海洋國家」為施政願景，秉持「知海、近海、進海」之理念，統合海洋事務，推動海洋資源永續利用，守護海洋生態，並厚植海洋科研與人才，使海洋成為國人生活與產業發展之活水。",
    "本會依據行政院113年度施政方針，配合中程施政計畫及核定預算額度，並針對當前海洋情勢變化及未來發展需要，編定113年度施政計畫，其目標與重點如次：",
]

GOALS = [
    ("完備海洋法制，統合海洋事務", [
        "推動海洋基本法相關子法之研訂，建構完整海洋法制體系。",
        "召開海洋事務協調會議，統合跨部會海洋政策，強化執行效能。",
    ]),
    ("推動海洋資源永續利用，促進海洋產業發展", [
        "建置海域空間規劃資訊，提升海域使用管理效率。",
        "輔導海洋產業創新轉型，培育海洋產業人才。",
        "推廣海洋觀光遊憩，營造友善親海環境。",
    ]),
    ("守護海洋生態，落實海洋保育", [
        "推動海洋保護區整體規劃，提升保護區管理效能。",
        "強化海洋野生動物救援網絡，落實保育類海洋生物保護。",
        "推動海洋廢棄物治理，減少塑膠垃圾入海。",
        "建立海洋污染緊急應變機制，降低污染事件衝擊。",
    ]),
    ("厚植海洋科研能量，深化海洋文化教育", [
        "整合海洋調查研究資源，建置海洋資料庫。",
        "推動海洋教育向下扎根，培養全民海洋素養。",
    ]),
]

PLANS = [
    ("海洋政策規劃業務", [
        ("統合海洋事務，完備海洋法制", [
            "研訂海洋基本法相關子法及配套措施。",
            "召開海洋事務協調會議，追蹤各部會辦理情形。",
            "編印國家海洋政策白皮書執行成果報告。",
        ]),
        ("強化海洋資訊整合，提升決策品質", [
            "整合各部會海洋資料，建置海洋資訊共享平臺。",
            "辦理海洋統計調查，發布海洋統計年報。",
        ]),
    ]),
    ("海洋資源業務", [
        ("推動海域空間規劃", [
            "辦理海域功能區劃調查，研擬海域空間規劃草案。",
            "建置海域使用申請及審查系統。",
        ]),
        ("促進海洋產業發展", [
            "補助海洋產業創新研發，協助業者轉型升級。",
            "辦理海洋產業人才培訓課程，培育專業人才。",
            "推廣海洋觀光遊憩活動，營造友善親海環境。",
        ]),
    ]),
    ("海洋保育業務", [
        ("推動海洋保護區管理", [
            "辦理海洋保護區劃設評估及生態調查。",
            "補助地方政府辦理海洋保護區巡護及管理。",
        ]),
        ("推動海洋廢棄物治理", [
            "推動淨灘、淨海行動，減少海洋廢棄物。",
            "建置海洋廢棄物監測網絡，公開監測資訊。",
        ]),
    ]),
]

# 前（111）年度: (work plan, [(item, [(subitem, [results])])])
OUT_111 = [
    ("海洋政策規劃業務", [
        ("統合海洋事務，完備海洋法制", [
            ("研訂海洋基本法相關子法", [
                "111年3月完成「海洋產業發展條例」草案，並於111年6月報請行政院審查。",
                "111年全年召開海洋法制研商會議計8場次，邀集相關部會、學者專家及民間團體研商法制重點。",
            ]),
            ("召開海洋事務協調會議", [
                "111年召開海洋事務協調會議計4次，協調跨部會海洋議題計27項，均已列管追蹤辦理情形。",
            ]),
            ("發布國家海洋政策白皮書", [
                "111年6月8日世界海洋日發布國家海洋政策白皮書執行成果，並上網公開供各界參閱。",
                "辦理白皮書北、中、南、東區說明會計4場次，參與人數計612人。",
            ]),
        ]),
        ("強化海洋資訊整合，提升決策品質", [
            ("建置海洋資訊共享平臺", [
                "111年完成介接各部會海洋資料集計146項，較110年增加38項。",
                "平臺全年瀏覽人次計28萬5,430人次，資料下載計1萬2,106次。",
            ]),
            ("辦理海洋統計調查", [
                "111年9月發布「110年海洋統計年報」，內容涵蓋海洋產業、資源、保育及教育等12類統計資料。",
            ]),
        ]),
    ]),
    ("海洋資源業務", [
        ("推動海域空間規劃", [
            ("辦理海域功能區劃調查", [
                "完成北部及東部海域功能區劃調查，調查面積計1萬2,800平方公里。",
                "召開海域空間規劃諮詢會議計6場次，彙整各界意見作為規劃參據。",
            ]),
            ("建置海域使用申請及審查系統", [
                "111年12月完成系統第一階段建置，提供海域使用申請線上填報及進度查詢功能。",
            ]),
        ]),
        ("促進海洋產業發展", [
            ("補助海洋產業創新研發", [
                "補助海洋產業創新研發計畫計21案，補助金額計3,860萬元，帶動業者投資計1億2,450萬元。",
            ]),
            ("辦理海洋產業人才培訓", [
                "辦理海洋產業人才培訓課程計18班，結訓人數計526人，結訓後就業率達82.4％。",
            ]),
            ("推廣海洋觀光遊憩", [
                "補助地方政府辦理親海活動計34場次，參與民眾計8萬6,200人次。",
            ]),
        ]),
    ]),
    ("海洋保育業務", [
        ("推動海洋保護區管理", [
            ("辦理海洋保護區生態調查", [
                "完成5處海洋保護區生態調查，記錄珊瑚礁魚類計312種，作為保護區管理之依據。",
            ]),
            ("補助地方政府辦理保護區巡護", [
                "補助7個地方政府辦理海洋保護區巡護計1,240航次，查獲違規案件計46件。",
            ]),
        ]),
        ("推動海洋廢棄物治理", [
            ("推動淨灘、淨海行動", [
                "111年結合民間團體辦理淨灘活動計1,065場次，清除海洋廢棄物計2,380公噸。",
            ]),
            ("建置海洋廢棄物監測網絡", [
                "設置海洋廢棄物監測站計60站，每季發布監測結果。",
            ]),
            ("強化海洋污染緊急應變", [
                "辦理海洋油污染緊急應變演練計3場次，動員人力計420人次。",
                "處理海洋污染事件計12件，均於時限內完成應變及清除作業。",
            ]),
        ]),
    ]),
]

OUT_112 = [
    ("海洋政策規劃業務", [
        ("統合海洋事務，完備海洋法制", [
            ("研訂海洋基本法相關子法", [
                "「海洋產業發展條例」草案於112年4月經行政院會議通過，函送立法院審議。",
            ]),
            ("召開海洋事務協調會議", [
                "112年1至6月召開海洋事務協調會議計2次，協調跨部會海洋議題計11項。",
            ]),
        ]),
    ]),
    ("海洋資源業務", [
        ("促進海洋產業發展", [
            ("補助海洋產業創新研發", [
                "112年補助計畫計19案，已於112年5月完成審查並簽訂補助契約。",
            ]),
            ("辦理海洋產業人才培訓", [
                "已開辦海洋產業人才培訓課程計9班，參訓人數計268人。",
            ]),
        ]),
    ]),
    ("海洋保育業務", [
        ("推動海洋廢棄物治理", [
            ("推動淨灘、淨海行動", [
                "112年1至6月辦理淨灘活動計512場次，清除海洋廢棄物計1,104公噸。",
            ]),
        ]),
    ]),
]


def outcome_rows(data):
    rows = []
    for wi, (wp, items) in enumerate(data, 1):
        nrows = sum(1 + len(subs) for _, subs in items)
        first = True
        for ii, (item, subs) in enumerate(items, 1):
            wp_cell = C(L("outcome_work_plan", wp, label=f"{cn(wi)}、"), rs=nrows) if first else None
            first = False
            rows.append([wp_cell, C(L("outcome_item", item, label=f"{ii}、"), cs=2), None])
            for si, (sub, results) in enumerate(subs, 1):
                res = [L("outcome_result", r, label=f"{k}.") for k, r in enumerate(results, 1)] \
                    if len(results) > 1 else [L("outcome_result", results[0])]
                rows.append([None, C(L("outcome_subitem", sub, label=f"（{si}）")), C(*res)])
    return rows


def build(pages=None):
    b = Booklet(AGENCY, YEAR, SCHEME, mode="typed", heading_styles=True, east_font=FONT, size=13,
                ascii_font=FONT)
    sec1 = b.doc.sections[0]
    b.running_head(sec1, f"{AGENCY}　中華民國{YEAR}年度預算總說明")
    # title page + 目次 (section 1, no page number)
    b.blank()
    b.title(AGENCY, size=24)
    b.title(f"中華民國{YEAR}年度", size=20)
    b.title("預算總說明", size=24, space_after=30)
    b.para(None, "目　　次", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=18, record=False)
    b.blank()
    b.toc_anchor()
    sec2 = b.new_section(restart_numbering=True)
    sec2.header.is_linked_to_previous = True
    b.page_footer(sec2, before="－ ", after=" －")

    # 壹、現行法定職掌
    b.numbered(0, "heading", "現行法定職掌", toc=0)
    b.numbered(1, "heading", "機關主要職掌：", toc=1)
    for d in DUTIES:
        b.numbered(3, "duty", d)
    b.numbered(1, "heading", "內部分層業務：", toc=1)
    for name, items in UNITS:
        b.numbered(3, "unit_name", name + "：")
        for it in items:
            b.numbered(4, "unit_duty", it)
    for name, text in ONE_LINE_UNITS:
        b.numbered(3, "unit_name", name, body=text, body_kind="unit_duty")
    b.numbered(1, "heading", "組織系統圖及預算員額說明表", toc=1)
    b.numbered(2, "heading", "組織系統圖")
    for box in CHART:
        b.para("chart_box", box, indent_chars=2, align=WD_ALIGN_PARAGRAPH.LEFT)
    b.numbered(2, "heading", "預算員額說明表")
    rows = [[C("機　　關")] + [C(c) for c in STAFF_COLS] + [C("合計")]]
    for agency, counts, total in STAFF:
        tot = agency.replace("　", "") == "合計"
        row = [C(L("staffing_agency", agency, **({"total_row": True} if tot else {})), align="center")]
        row += [C(L("staffing_count", n, column=col), align="right") for n, col in zip(counts, STAFF_COLS)]
        row.append(C(L("staffing_count", total, column="合計"), align="right"))
        rows.append(row)
    b.table([4.4] + [1.7] * 7, rows, size=11)
    b.para("note", "本表不含範例海巡署及所屬機關之軍職人員，其員額另於國防預算編列。", label="註：",
           size=11, align=WD_ALIGN_PARAGRAPH.LEFT)

    # 貳、施政目標與重點
    b.numbered(0, "heading", "施政目標與重點", toc=0, page_break=True)
    for v in VISION:
        b.para("vision", v, first_line_chars=2)
    b.numbered(1, "heading", "年度施政目標", toc=1)
    for goal, items in GOALS:
        b.numbered(3, "goal", goal)
        for it in items:
            b.numbered(4, "goal_item", it)
    b.numbered(1, "heading", "年度重要施政計畫", toc=1)
    rows = [[C("工作計畫名稱"), C("重要計畫項目", cs=2), None, C("實施內容")]]
    for wi, (wp, items) in enumerate(PLANS, 1):
        for ii, (item, contents) in enumerate(items, 1):
            wp_cell = C(L("plan_work_plan", wp, label=f"{cn(wi)}、"), rs=len(items)) if ii == 1 else None
            rows.append([
                wp_cell,
                C(L("table_cell", cn(ii), label_of_next=True), align="center"),
                C(L("plan_item", item)),
                C(*[L("plan_content", c, label=f"（{k}）") for k, c in enumerate(contents, 1)]),
            ])
    b.table([3.6, 0.9, 4.3, 7.8], rows, repeat_header=True, size=11)

    # 參、以前年度計畫實施成果概述
    b.numbered(0, "heading", "以前年度計畫實施成果概述", toc=0, page_break=True)
    b.numbered(1, "heading", f"前（{YEAR - 2}）年度計畫實施成果概述", toc=1)
    head = [C("工作計畫"), C("實施概況"), C("實施成果")]
    b.table([3.4, 5.6, 7.6], [head] + outcome_rows(OUT_111), repeat_header=True, size=11)
    b.blank()
    b.numbered(1, "heading", f"上年度已過期間（{YEAR - 1}年1月1日至6月30日止）計畫實施成果概述", toc=1)
    b.table([3.4, 5.6, 7.6], [head] + outcome_rows(OUT_112), repeat_header=True, size=11)

    b.write_toc(style="tab", pages=pages, level_indent=2)
    return b


NUMBERING = {"part": "壹、", "chapter": "一、", "section": "（一）", "list": "1、", "sublist": "（1）",
             "result": "1.", "work_plan": "一、", "plan_item": "一", "source": "typed"}

FEATURES = [
    "running head on every page (header, both sections)",
    "page numbers in footer (PAGE field, － N －, restart at 1 in section 2)",
    "typed 目次 with dot-leader right tab stop and page numbers",
    "註： line directly under the staffing table",
    "org chart as a plain list of unit names",
    "staffing table: agency column, 6 count columns, 合計",
    "merged cells: vertical (work plan column) and horizontal (重要計畫項目 header; outcome item rows)",
    "long outcomes table over several pages with repeated header row (w:tblHeader)",
    "run-in unit lines (7、人事室：掌理本會人事事項。)",
    "heading styles (Heading 1-3) with typed labels 壹、/一、/（一）",
]
