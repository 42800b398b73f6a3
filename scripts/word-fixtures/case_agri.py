"""Case agri-institute: 範例農業部範例農業試驗所, FY111.

Heading styles linked to Word automatic numbering: Heading 1/2/3 carry a
w:numPr in styles.xml pointing at one multilevel list (壹、 一、 （一）, with
w:pStyle in its levels), and list items use the same list's lower levels
(1、 （1）) through w:numPr on Normal paragraphs; typed 目次 with a dot-leader
right tab stop, two levels; running head; footer with a bare page number;
org chart typed into a table of boxes (merged across columns); staffing
table; a long four-column outcomes table (工作計畫/計畫項目/實施概況/實施成果)
that runs over two pages with a repeated header row and vertically merged
columns.
"""
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docbuild import Booklet, C, L, cn

AGENCY = "範例農業部範例農業試驗所"
YEAR = 111
FONT = "新細明體"
SCHEME = ["壹、", "一、", "（一）", "1、", "（1）"]

DUTIES = [
    "農作物品種改良及栽培技術之試驗研究。",
    "園藝作物育種、栽培及採後處理技術之試驗研究。",
    "作物病蟲害防治及植物保護技術之試驗研究。",
    "土壤肥料、農業化學及農業環境之試驗研究。",
    "農業生物技術之研究及應用。",
    "試驗研究成果之推廣、技術移轉及產學合作。",
    "其他有關農業試驗研究事項。",
]

UNITS = [
    ("作物組", ["稻作、雜糧及特用作物品種改良。", "作物栽培管理技術之研究。"]),
    ("園藝組", ["果樹、蔬菜及花卉育種。", "園藝作物採後處理及貯運技術之研究。"]),
    ("植物保護組", ["作物病蟲害發生生態及診斷技術之研究。", "作物病蟲害綜合防治技術之開發。"]),
    ("農業化學組", ["土壤肥力及作物營養之研究。", "農業環境監測及農藥殘留分析。"]),
    ("企劃組", ["試驗研究計畫之規劃、審議及管考。", "研究成果之推廣、技術移轉及智慧財產管理。"]),
    ("秘書室", ["文書、檔案、出納、總務及採購事項。"]),
]

CHART_ROWS = [
    [C(L("chart_box", "所長"), cs=4, align="center"), None, None, None],
    [C(L("chart_box", "副所長"), cs=2, align="center"), None,
     C(L("chart_box", "主任秘書"), cs=2, align="center"), None],
    [C(L("chart_box", u), align="center") for u in ("作物組", "園藝組", "植物保護組", "農業化學組")],
    [C(L("chart_box", u), align="center") for u in ("企劃組", "秘書室", "人事室", "主計室")],
    [C(L("chart_box", "政風室"), align="center"), C(L("chart_box", "試驗研究審議委員會"), cs=3, align="center"),
     None, None],
    [C(L("chart_box", "所屬機關"), align="center"), C(L("chart_box", "範例嘉義試驗分所"), align="center"),
     C(L("chart_box", "範例鳳山試驗分所"), align="center"), C(L("chart_box", "範例花蓮試驗分所"), align="center")],
]

STAFF_COLS = ["職員", "工友", "技工", "駕駛", "聘用", "約僱"]
STAFF = [
    ("範例農業試驗所", ["214", "18", "27", "3", "4", "22"], "288"),
    ("範例嘉義試驗分所", ["38", "5", "9", "1", "－", "4"], "57"),
    ("範例鳳山試驗分所", ["31", "4", "7", "1", "－", "3"], "46"),
    ("範例花蓮試驗分所", ["19", "2", "5", "1", "－", "2"], "29"),
    ("合計", ["302", "29", "48", "6", "4", "31"], "420"),
]

VISION = [
    "本所以「科技創新、永續農業」為發展願景，致力於農作物品種改良、栽培技術精進、病蟲害綜合防治及農業環境保育之試驗研究，並加速研究成果之推廣應用，提升農業競爭力，確保糧食安全。",
    "本所依據行政院111年度施政方針，配合中程施政計畫及核定預算額度，編定111年度施政計畫，其目標與重點如次：",
]

GOALS = [
    ("培育優良品種，提升作物生產力", [
        "育成耐逆境及高品質稻作、雜糧新品種。",
        "建立園藝作物種原庫，加速優良品種選育。",
    ]),
    ("精進栽培技術，因應氣候變遷", [
        "開發節水及省工栽培技術，降低生產成本。",
        "建立作物災害預警及調適技術。",
    ]),
    ("推動綜合防治，確保農產品安全", [
        "開發生物防治資材，減少化學農藥使用。",
        "建立病蟲害快速診斷技術，提供農友即時服務。",
    ]),
    ("加速技術移轉，促進產業應用", [
        "辦理研究成果發表及技術授權說明會。",
        "推動產學合作，協助業者商品化。",
    ]),
]

PLANS = [
    ("作物改良", [
        ("稻作及雜糧品種改良", ["辦理耐熱及抗病水稻品種選育。", "辦理雜糧作物區域試驗。"]),
        ("園藝作物育種", ["辦理果樹及蔬菜新品種選育。", "建立花卉種原保存制度。"]),
    ]),
    ("植物保護", [
        ("病蟲害綜合防治", ["開發生物防治資材。", "建立病蟲害快速診斷技術。"]),
    ]),
    ("農業化學及環境", [
        ("土壤肥力管理", ["建立合理化施肥推薦系統。"]),
        ("農業環境監測", ["辦理農地土壤及灌溉水質監測。"]),
    ]),
    ("技術推廣", [
        ("研究成果推廣及技術移轉", ["辦理技術授權說明會。", "推動產學合作計畫。"]),
    ]),
]

# (work plan, [(item, [(overview, [results])])])
OUT_109 = [
    ("作物改良", [
        ("稻作及雜糧品種改良", [
            ("辦理耐熱及抗病水稻品種選育", [
                "完成耐熱水稻品系區域試驗3處，選出優良品系2個，產量較對照品種增加8.3％。",
                "抗稻熱病品系田間檢定計126個，選出抗病品系15個。",
            ]),
            ("辦理雜糧作物區域試驗", [
                "完成大豆、紅豆及玉米區域試驗計12處，命名「範例1號」大豆新品種1個。",
            ]),
        ]),
        ("園藝作物育種", [
            ("辦理果樹及蔬菜新品種選育", [
                "完成番石榴、番荔枝雜交後代選拔計820株。",
                "育成耐熱甘藍新品種1個，取得品種權。",
            ]),
            ("建立花卉種原保存制度", [
                "保存蘭花及球根花卉種原計1,240品系。",
            ]),
        ]),
    ]),
    ("植物保護", [
        ("病蟲害綜合防治", [
            ("開發生物防治資材", [
                "開發枯草桿菌製劑1項，完成田間試驗4處，防治效果達75％以上。",
                "技術移轉生物防治資材2項予業者量產。",
            ]),
            ("建立病蟲害快速診斷技術", [
                "建立番茄黃化捲葉病毒快速檢測技術，檢測時間由3日縮短為2小時。",
                "提供農友病蟲害診斷服務計2,315件。",
            ]),
            ("辦理重要病蟲害監測", [
                "設置秋行軍蟲監測點計48處，每週發布疫情資訊。",
            ]),
        ]),
    ]),
    ("農業化學及環境", [
        ("土壤肥力管理", [
            ("建立合理化施肥推薦系統", [
                "完成土壤肥力資料建置計3萬2,600筆。",
                "提供農友施肥推薦服務計4,180件，平均減少化學肥料用量12％。",
            ]),
        ]),
        ("農業環境監測", [
            ("辦理農地土壤及灌溉水質監測", [
                "完成農地土壤監測計860點次，灌溉水質監測計420點次。",
                "監測結果均函送相關機關作為管理參據。",
            ]),
            ("辦理農藥殘留分析", [
                "完成農產品農藥殘留分析計3,960件，合格率達97.4％。",
            ]),
        ]),
    ]),
    ("技術推廣", [
        ("研究成果推廣及技術移轉", [
            ("辦理技術授權說明會", [
                "辦理技術授權說明會計6場次，參加業者計214家。",
                "完成技術授權計18件，授權金計1,260萬元。",
            ]),
            ("推動產學合作計畫", [
                "執行產學合作計畫計9件，協助業者開發新產品5項。",
            ]),
            ("辦理農民田間講習", [
                "辦理田間講習及觀摩會計52場次，參加農友計3,870人次。",
            ]),
        ]),
    ]),
]

OUT_110 = [
    ("作物改良", [
        ("稻作及雜糧品種改良", [
            ("辦理耐熱及抗病水稻品種選育", [
                "110年1至6月完成一期作區域試驗3處，刻正進行產量及品質分析。",
            ]),
        ]),
    ]),
    ("植物保護", [
        ("病蟲害綜合防治", [
            ("建立病蟲害快速診斷技術", [
                "110年1至6月提供農友病蟲害診斷服務計1,146件。",
            ]),
        ]),
    ]),
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
                it_cell = C(L("outcome_item", item, label=f"（{cn(ii)}）"), rs=len(overviews)) \
                    if oi == 1 else None
                res = [L("outcome_result", r, label=f"{k}.") for k, r in enumerate(results, 1)] \
                    if len(results) > 1 else [L("outcome_result", results[0])]
                rows.append([wp_cell, it_cell, C(L("outcome_subitem", ov, label=f"{oi}、")), C(*res)])
    return rows


def build(pages=None):
    b = Booklet(AGENCY, YEAR, SCHEME, mode="style", heading_styles=True, east_font=FONT, size=14)
    sec = b.doc.sections[0]
    b.running_head(sec, f"{AGENCY}　中華民國{YEAR}年度預算總說明")
    b.page_footer(sec)
    b.blank()
    b.title(AGENCY, size=22)
    b.title(f"中華民國{YEAR}年度", size=20)
    b.title("預算總說明", size=22, space_after=24)
    b.para(None, "目　次", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=18, record=False)
    b.toc_anchor()

    b.numbered(0, "heading", "現行法定職掌", toc=0, page_break=True)
    b.numbered(1, "heading", "機關主要職掌", toc=1)
    for d in DUTIES:
        b.numbered(3, "duty", d)
    b.numbered(1, "heading", "內部分層業務", toc=1)
    for name, items in UNITS:
        b.numbered(2, "unit_name", name)
        for it in items:
            b.numbered(3, "unit_duty", it)
    b.numbered(2, "unit_name", "人事室：", body="掌理本所人事事項。", body_kind="unit_duty")
    b.numbered(2, "unit_name", "主計室：", body="掌理本所歲計、會計及統計事項。", body_kind="unit_duty")
    b.numbered(2, "unit_name", "政風室：", body="掌理本所政風事項。", body_kind="unit_duty")
    b.numbered(1, "heading", "組織系統圖及預算員額說明表", toc=1, page_break=True)
    b.numbered(2, "heading", "組織系統圖")
    b.table([4.1] * 4, CHART_ROWS, header_rows=0, size=12)
    b.numbered(2, "heading", "預算員額說明表")
    rows = [[C("機　　關")] + [C(c) for c in STAFF_COLS] + [C("合　計")]]
    for agency, counts, total in STAFF:
        tot = agency == "合計"
        row = [C(L("staffing_agency", agency, **({"total_row": True} if tot else {})), align="center")]
        row += [C(L("staffing_count", n, column=col), align="right") for n, col in zip(counts, STAFF_COLS)]
        row.append(C(L("staffing_count", total, column="合計"), align="right"))
        rows.append(row)
    b.table([4.5] + [1.7] * 7, rows, size=12)

    b.numbered(0, "heading", "施政目標與重點", toc=0, page_break=True)
    for v in VISION:
        b.para("vision", v, first_line_chars=2)
    b.numbered(1, "heading", "年度施政目標", toc=1)
    for goal, items in GOALS:
        b.numbered(3, "goal", goal)
        for it in items:
            b.numbered(4, "goal_item", it)
    b.numbered(1, "heading", "年度重要施政計畫", toc=1)
    rows = [[C("工作計畫名稱"), C("重要計畫項目"), C("實施內容")]]
    for wi, (wp, items) in enumerate(PLANS, 1):
        for ii, (item, contents) in enumerate(items, 1):
            wp_cell = C(L("plan_work_plan", wp, label=f"{cn(wi)}、"), rs=len(items)) if ii == 1 else None
            rows.append([
                wp_cell,
                C(L("plan_item", item, label=f"（{cn(ii)}）")),
                C(*[L("plan_content", c, label=f"{k}.") for k, c in enumerate(contents, 1)]),
            ])
    b.table([3.6, 5.0, 8.0], rows, repeat_header=True, size=12)

    b.numbered(0, "heading", "以前年度計畫實施成果概述", toc=0, page_break=True)
    b.numbered(1, "heading", f"前（{YEAR - 2}）年度計畫實施成果概述", toc=1)
    head = [C("工作計畫"), C("計畫項目"), C("實施概況"), C("實施成果")]
    b.table([2.6, 3.4, 4.2, 6.4], [head] + outcome_rows(OUT_109), repeat_header=True, size=12)
    b.blank()
    b.numbered(1, "heading", f"上年度已過期間（{YEAR - 1}年1月1日至6月30日止）計畫實施成果概述", toc=1)
    b.table([2.6, 3.4, 4.2, 6.4], [head] + outcome_rows(OUT_110), repeat_header=True, size=12)

    b.write_toc(style="tab", pages=pages, level_indent=2)
    return b


NUMBERING = {"part": "壹、", "chapter": "一、", "section": "（一）", "list": "1、", "sublist": "（1）",
             "work_plan": "一、", "plan_item": "（一）", "result": "1.", "source": "word-numbering-in-heading-styles"}

FEATURES = [
    "heading styles Heading 1-3 linked to a Word multilevel list (numPr in styles.xml, pStyle in levels)",
    "Word automatic numbering 壹、/一、/（一）/1、/（1） (lower levels by w:numPr on Normal paragraphs)",
    "typed 目次 with dot-leader right tab stop, two levels, page numbers",
    "running head on every page",
    "page numbers in footer (bare PAGE field)",
    "org chart typed into a table of boxes, merged across columns",
    "staffing table: agency column, 6 count columns, 合計, four agencies and a 合計 row",
    "long four-column outcomes table over two pages with repeated header row, vertical merges",
    "run-in unit lines where the label is automatic (（七）人事室：掌理…)",
]
