"""Every sentence and label of the evidence list, per language (zh_CN, zh_TW, en).

One home for the report's words, so a translator reads them in one file:
:data:`EVIDENCE_LIST` (headings, columns, the integrity explanation),
:data:`CATEGORY_LABELS`, :data:`KIND_LABELS`, :data:`FORM_LABELS` (证据形式),
:data:`ORIGINALITY_LABELS` (原件或复制件), :data:`CONTENT_LABELS` (where 内容 came from),
:data:`TIME_SOURCE_LABELS`,
:data:`UNKNOWN_TIME_SOURCE`, :data:`ZONE_NAMES` (the vault's zone in plain words),
:data:`COMPLAINTS` (the complaints record), :data:`TIME_STATEMENTS` (what trusted time
proves) and :data:`CASE_SECTIONS` (the statistics and rule findings), :data:`RULE_WORDS` (what a
finding counted, the rule packs' sources). Placeholders are ``str.format`` fields.
"""

from __future__ import annotations

from vault.backup.title import parse_backup_title
from vault.categories import Category
from vault.dto import Finding, NotInForce, PackSummary

EVIDENCE_LIST: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "证据目录",
        "bundle": "证据包编号",
        "created": "生成时间",
        "zone": "时区",
        "count": "证据数量",
        "key": "签名密钥指纹",
        "lender": "借贷平台",
        "app": "应用",
        "company": "公司",
        "loan_ref": "借款编号",
        "numbers": "催收号码",
        "no": "序号",
        "name": "证据名称",
        "source": "证据来源",
        "time": "形成时间",
        "purpose": "证明目的",
        "folder": "文件位于",
        "hashes": "SHA-256（上）/ SM3（下）",
        "original": "原始文件名",
        "app_from": "来源应用",
        "counterpart": "对方号码",
        "incident": "事发时间",
        "imported": "导入时间",
        "uncategorised": "未分类",
        "unassigned": "未指定平台",
        "integrity_title": "完整性说明",
        "integrity": (
            "本目录所列每个文件的 SHA-256 值在导入证据保险箱时计算，SM3 值随后由保险箱内保存的同一文件算出（并核对其 SHA-256），导出时均重新核对一致。"
            "SHA256SUMS 清单由保险箱的 Ed25519 密钥签名，接收方可用系统自带的工具自行核验：Windows 用 PowerShell 与 ssh-keygen，Linux/macOS 用 sha256sum 与 ssh-keygen（命令见 README.txt）。"
            "能够证明的：这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动，保管记录（哈希链）未被篡改；"
            "接收方须将该指纹与提交人通过其他途径（当面、电话）告知的指纹比对，或运行 evault verify --expect-key 指纹，"
            "一致时才能说明是提交人签的名。"
            "不能证明的：文件在签名之前（包括导入之前）未被伪造、剪辑或篡改。"
        ),
        "carrier_title": "原始载体",
        "carrier": (
            "存有原始录音、截图的手机是证据的原始载体。请妥善保管该手机，不要删除原始文件、"
            "不要恢复出厂设置，以便法院或主管机关需要时核对原件。"
        ),
        "note_group": "当事人陈述",
        "note_name": "当事人陈述（书面记录）",
        "note_source": "当事人本人记录",
        "note_written": "记录于",
        "form": "证据形式",
        "content": "内容",
        "originality": "原件或复制件",
        "extent": "页数 / 时长",
        "file": "文件",
        "pages": "{n} 页",
        "forms_note": (
            "证据形式按《中华人民共和国民事诉讼法》规定的证据种类填写：通话录音、视频为视听资料；"
            "截图、电子照片、短信与通话记录、网页及其他电子文件为电子数据；拍摄纸质文件（如律师函、通知）所得照片为书证的复制件；"
            "当事人本人的书面记录为当事人陈述。"
            "“电子数据原件”指本包 evidence/ 中与导入证据保险箱时逐字节一致的文件（导出时已重新核对 SHA-256）；"
            "经微信保存的图片已被该应用重新压缩，列为复制件。"
            "“机器识别”的内容由文字识别软件自动读出，可能有误，以原始文件为准。"
        ),
        "more": "（全文见附录第 {number} 号）",
        "appendix_title": "附录：内容全文",
        "appendix_item": "第 {number} 号：{name}",
        "submitter": "提交人：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
        "analysis_title": "统计与违规分析",
        "none": "—",
        ":": "：",
    },
    "zh_TW": {
        "title": "證據目錄",
        "bundle": "證據包編號",
        "created": "產生時間",
        "zone": "時區",
        "count": "證據數量",
        "key": "簽名金鑰指紋",
        "lender": "借貸平台",
        "app": "應用程式",
        "company": "公司",
        "loan_ref": "借款編號",
        "numbers": "催收號碼",
        "no": "序號",
        "name": "證據名稱",
        "source": "證據來源",
        "time": "形成時間",
        "purpose": "證明目的",
        "folder": "檔案位於",
        "hashes": "SHA-256（上）/ SM3（下）",
        "original": "原始檔名",
        "app_from": "來源應用程式",
        "counterpart": "對方號碼",
        "incident": "事發時間",
        "imported": "匯入時間",
        "uncategorised": "未分類",
        "unassigned": "未指定平台",
        "integrity_title": "完整性說明",
        "integrity": (
            "本目錄所列每個檔案的 SHA-256 值於匯入證據保險箱時計算，SM3 值隨後由保險箱內保存的同一檔案算出（並核對其 SHA-256），匯出時均重新核對一致。"
            "SHA256SUMS 清單由保險箱的 Ed25519 金鑰簽名，接收方可用系統內建的工具自行核驗：Windows 用 PowerShell 與 ssh-keygen，Linux/macOS 用 sha256sum 與 ssh-keygen（指令見 README.txt）。"
            "能夠證明的：這些檔案自被指紋為 {fingerprint} 的金鑰簽名之後未被改動，保管紀錄（雜湊鏈）未被竄改；"
            "接收方須將該指紋與提交人經其他途徑（當面、電話）告知的指紋比對，或執行 evault verify --expect-key 指紋，"
            "一致時才能說明是提交人簽的名。"
            "不能證明的：檔案在簽名之前（包括匯入之前）未被偽造、剪輯或竄改。"
        ),
        "carrier_title": "原始載體",
        "carrier": (
            "存有原始錄音、截圖的手機是證據的原始載體。請妥善保管該手機，不要刪除原始檔案、"
            "不要回復原廠設定，以便法院或主管機關需要時核對原件。"
        ),
        "note_group": "當事人陳述",
        "note_name": "當事人陳述（書面紀錄）",
        "note_source": "當事人本人紀錄",
        "note_written": "記錄於",
        "form": "證據形式",
        "content": "內容",
        "originality": "原件或複製件",
        "extent": "頁數 / 時長",
        "file": "檔案",
        "pages": "{n} 頁",
        "forms_note": (
            "證據形式依《中華人民共和國民事訴訟法》規定的證據種類填寫：通話錄音、影片為視聽資料；"
            "截圖、電子照片、簡訊與通話紀錄、網頁及其他電子檔案為電子資料；拍攝紙本文件（如律師函、通知）所得照片為書證的複製件；"
            "當事人本人的書面紀錄為當事人陳述。"
            "「電子資料原件」指本包 evidence/ 中與匯入證據保險箱時逐位元組一致的檔案（匯出時已重新核對 SHA-256）；"
            "經微信儲存的圖片已被該應用程式重新壓縮，列為複製件。"
            "「機器辨識」的內容由文字辨識軟體自動讀出，可能有誤，以原始檔案為準。"
        ),
        "more": "（全文見附錄第 {number} 號）",
        "appendix_title": "附錄：內容全文",
        "appendix_item": "第 {number} 號：{name}",
        "submitter": "提交人：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
        "analysis_title": "統計與違規分析",
        "none": "—",
        ":": "：",
    },
    "en": {
        "title": "Evidence list",
        "bundle": "Bundle ID",
        "created": "Created",
        "zone": "Time zone",
        "count": "Items",
        "key": "Signing key fingerprint",
        "lender": "Lender",
        "app": "App",
        "company": "Company",
        "loan_ref": "Loan reference",
        "numbers": "Collector numbers",
        "no": "No.",
        "name": "Evidence",
        "source": "Source",
        "time": "Created at",
        "purpose": "What it proves",
        "folder": "Files in",
        "hashes": "SHA-256 (top) / SM3 (bottom)",
        "original": "original file",
        "app_from": "app",
        "counterpart": "other party",
        "incident": "incident",
        "imported": "imported",
        "uncategorised": "Not categorised",
        "unassigned": "No lender",
        "integrity_title": "Integrity statement",
        "integrity": (
            "The SHA-256 of every file listed here was computed when it was imported into the vault, "
            "its SM3 afterwards from the same stored file (checked against that SHA-256), and both were "
            "checked again when this bundle was exported. SHA256SUMS is signed with the vault's "
            "Ed25519 key; a receiver can check both with the tools the system comes with: PowerShell and ssh-keygen on Windows, sha256sum and ssh-keygen on Linux/macOS (the commands are in README.txt). "
            "What is proven: these files have not changed since they were signed by the key with "
            "fingerprint {fingerprint}, and their custody records (a hash chain) were not altered. That "
            "shows the sender signed only if the receiver compares this fingerprint with one the sender "
            "gave another way (in person, by phone), or runs evault verify --expect-key FINGERPRINT. What "
            "is not proven: that a file was not fabricated, cut or edited before it was signed, including "
            "before import."
        ),
        "carrier_title": "Original carrier",
        "carrier": (
            "The phone holding the original recordings and screenshots is the original carrier of the "
            "evidence. Keep it safe: do not delete the originals or reset the phone, so that a court or "
            "authority can compare them when needed."
        ),
        "note_group": "Statements of the party",
        "note_name": "Statement of the party (written account)",
        "note_source": "written down by the borrower",
        "note_written": "written",
        "form": "Form",
        "content": "Content",
        "originality": "Original or copy",
        "extent": "Pages / length",
        "file": "File",
        "pages": "{n} p.",
        "forms_note": (
            "The form of each item follows the kinds of evidence the Civil Procedure Law of the "
            "PRC names: call recordings and videos are audio-visual material (视听资料); "
            "screenshots, digital photos, SMS and call records, web pages and other files are "
            "electronic data (电子数据); a photo of a paper document (a lawyer's letter, a notice) "
            "is a copy of documentary evidence (书证); the borrower's own written accounts are "
            'statements of the party (当事人陈述). "Original electronic data" means the file in '
            "evidence/ is byte for byte the file imported into the vault (its SHA-256 was checked "
            "again at export); images saved out of WeChat were recompressed by the app and are "
            'listed as copies. Content marked "machine-read" was read by text-recognition '
            "software and may contain errors; the original file prevails."
        ),
        "more": "(full text in the appendix, item {number})",
        "appendix_title": "Appendix: full content",
        "appendix_item": "Item {number}: {name}",
        "submitter": "Submitted by: ____________________    Date: ____________",
        "analysis_title": "Statistics and findings",
        "none": "—",
        ":": ": ",
    },
}


CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        Category.FREQUENT_CALLS: "频繁来电",
        Category.THREATS: "威胁恐吓",
        Category.CONTACTING_FAMILY: "骚扰家人及通讯录联系人",
        Category.LEAKING_DATA: "泄露个人信息",
        Category.HOME_VISIT: "上门催收",
        Category.INSULTS: "辱骂侮辱",
        Category.IMPERSONATING_AUTHORITY: "冒充公检法或政府人员",
        Category.FAKE_LEGAL_DOCUMENTS: "伪造法律文书",
        Category.PRIVATE_CHANNELS: "使用私人手机或社交软件催收",
        Category.FALSE_CLAIMS: "虚构黑名单或夸大欠款、法律后果",
        Category.PUBLIC_NOTICES: "在公共场所张贴催收公告或律师函",
        Category.WORKPLACE_VISIT: "到工作单位催收",
        Category.THIRD_PARTY_ASKED_TO_STOP: "联系人要求停止后仍被联系",
        Category.OTHER: "其他",
    },
    "zh_TW": {
        Category.FREQUENT_CALLS: "頻繁來電",
        Category.THREATS: "威脅恐嚇",
        Category.CONTACTING_FAMILY: "騷擾家人及通訊錄聯絡人",
        Category.LEAKING_DATA: "洩露個人資料",
        Category.HOME_VISIT: "上門催收",
        Category.INSULTS: "辱罵侮辱",
        Category.IMPERSONATING_AUTHORITY: "冒充警察、法院或政府人員",
        Category.FAKE_LEGAL_DOCUMENTS: "偽造法律文書",
        Category.PRIVATE_CHANNELS: "使用私人手機或社群軟體催收",
        Category.FALSE_CLAIMS: "虛構黑名單或誇大欠款、法律後果",
        Category.PUBLIC_NOTICES: "在公共場所張貼催收公告或律師函",
        Category.WORKPLACE_VISIT: "到工作單位催收",
        Category.THIRD_PARTY_ASKED_TO_STOP: "聯絡人要求停止後仍被聯絡",
        Category.OTHER: "其他",
    },
    "en": {
        Category.FREQUENT_CALLS: "Frequent calls",
        Category.THREATS: "Threats",
        Category.CONTACTING_FAMILY: "Contacting family and contacts",
        Category.LEAKING_DATA: "Leaking personal data",
        Category.HOME_VISIT: "Home visits",
        Category.INSULTS: "Insults",
        Category.IMPERSONATING_AUTHORITY: "Impersonating police, courts or officials",
        Category.FAKE_LEGAL_DOCUMENTS: "Fake legal documents",
        Category.PRIVATE_CHANNELS: "Private phones or social apps used",
        Category.FALSE_CLAIMS: "Fake blacklists or exaggerated debt or legal consequences",
        Category.PUBLIC_NOTICES: "Notices or lawyer's letters posted in public",
        Category.WORKPLACE_VISIT: "Collecting at the workplace",
        Category.THIRD_PARTY_ASKED_TO_STOP: "Contacts still reached after asking to stop",
        Category.OTHER: "Other",
    },
}


KIND_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "recording": "通话录音",
        "screenshot": "截图",
        "photo": "照片",
        "video": "视频",
        "document": "文件",
        "note": "笔记",
        "backup": "短信/通话记录备份",
    },
    "zh_TW": {
        "recording": "通話錄音",
        "screenshot": "截圖",
        "photo": "照片",
        "video": "影片",
        "document": "文件",
        "note": "筆記",
        "backup": "簡訊/通話紀錄備份",
    },
    "en": {
        "recording": "call recording",
        "screenshot": "screenshot",
        "photo": "photo",
        "video": "video",
        "document": "document",
        "note": "note",
        "backup": "SMS/call log backup",
    },
}

# 证据形式 (see vault.bundle.report.forms for which item is which).
FORM_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "audio_visual": "视听资料",
        "electronic_data": "电子数据",
        "documentary": "书证",
        "party_statement": "当事人陈述",
    },
    "zh_TW": {
        "audio_visual": "視聽資料",
        "electronic_data": "電子資料",
        "documentary": "書證",
        "party_statement": "當事人陳述",
    },
    "en": {
        "audio_visual": "audio-visual material",
        "electronic_data": "electronic data",
        "documentary": "documentary evidence",
        "party_statement": "statement of the party",
    },
}

# 原件或复制件 (see vault.bundle.report.forms).
ORIGINALITY_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "original_electronic": "电子数据原件",
        "compressed_copy": "复制件（经应用压缩）",
        "photo_of_paper": "复制件（纸质原件的照片）",
        "original_statement": "原件",
    },
    "zh_TW": {
        "original_electronic": "電子資料原件",
        "compressed_copy": "複製件（經應用程式壓縮）",
        "photo_of_paper": "複製件（紙本原件的照片）",
        "original_statement": "原件",
    },
    "en": {
        "original_electronic": "original electronic data",
        "compressed_copy": "copy (recompressed by the app)",
        "photo_of_paper": "copy (photo of a paper original)",
        "original_statement": "original",
    },
}

# Where an item's 内容 came from (see vault.bundle.report.content).
CONTENT_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "transcript": "录音文字稿",
        "ocr": "图中文字（机器识别）",
        "note": "当事人记录",
        "machine": "（机器识别）",
        "see": "（即第 {numbers} 号）",
    },
    "zh_TW": {
        "transcript": "錄音文字稿",
        "ocr": "圖中文字（機器辨識）",
        "note": "當事人紀錄",
        "machine": "（機器辨識）",
        "see": "（即第 {numbers} 號）",
    },
    "en": {
        "transcript": "transcript",
        "ocr": "text in the image (machine-read)",
        "note": "the borrower's note",
        "machine": " (machine-read)",
        "see": " (item {numbers})",
    },
}

# A time source this version has no words for is shown as this, never as its code.
UNKNOWN_TIME_SOURCE = {"zh_CN": "其他来源", "zh_TW": "其他來源", "en": "other source"}

# The vault's time zone in plain words: "北京时间（UTC+08:00）"; zones not named here are
# shown by their offset alone ("UTC+07:00"), never by their tz database key.
ZONE_NAMES: dict[str, dict[str, str]] = {
    "zh_CN": {
        "Asia/Shanghai": "北京时间",
        "Asia/Chongqing": "北京时间",
        "Asia/Urumqi": "乌鲁木齐时间",
        "Asia/Hong_Kong": "香港时间",
        "Asia/Macau": "澳门时间",
        "Asia/Taipei": "台北时间",
        "UTC": "协调世界时",
        "Etc/UTC": "协调世界时",
    },
    "zh_TW": {
        "Asia/Shanghai": "北京時間",
        "Asia/Chongqing": "北京時間",
        "Asia/Urumqi": "烏魯木齊時間",
        "Asia/Hong_Kong": "香港時間",
        "Asia/Macau": "澳門時間",
        "Asia/Taipei": "台北時間",
        "UTC": "協調世界時",
        "Etc/UTC": "協調世界時",
    },
    "en": {
        "Asia/Shanghai": "China Standard Time",
        "Asia/Chongqing": "China Standard Time",
        "Asia/Urumqi": "Urumqi time",
        "Asia/Hong_Kong": "Hong Kong time",
        "Asia/Macau": "Macau time",
        "Asia/Taipei": "Taipei time",
        "UTC": "Coordinated Universal Time",
        "Etc/UTC": "Coordinated Universal Time",
    },
}


# The complaints record of a lender (vault.case.complaints), in the evidence list.
COMPLAINTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "投诉记录",
        "none": "尚未记录对该平台的投诉。",
        "channel": "投诉渠道",
        "filed_on": "提交日期",
        "reference": "受理编号",
        "status": "状态",
        "follow_up": "下次跟进",
        "notes": "备注",
        "12378": "12378 消费者投诉热线",
        "nifa": "中国互联网金融协会网上投诉",
        "heimao": "黑猫投诉",
        "police_110": "报警（110）",
        "police_12110": "短信报警（12110）",
        "court": "法院",
        "other": "其他",
        "draft": "草稿",
        "filed": "已提交",
        "acknowledged": "已受理",
        "in_progress": "处理中",
        "resolved": "已解决",
        "rejected": "不予受理",
        "closed": "已结案",
        "withdrawn": "已撤回",
    },
    "zh_TW": {
        "title": "投訴紀錄",
        "none": "尚未記錄對該平台的投訴。",
        "channel": "投訴管道",
        "filed_on": "提交日期",
        "reference": "受理編號",
        "status": "狀態",
        "follow_up": "下次跟進",
        "notes": "備註",
        "12378": "12378 消費者投訴熱線",
        "nifa": "中國互聯網金融協會網上投訴",
        "heimao": "黑貓投訴",
        "police_110": "報警（110）",
        "police_12110": "簡訊報警（12110）",
        "court": "法院",
        "other": "其他",
        "draft": "草稿",
        "filed": "已提交",
        "acknowledged": "已受理",
        "in_progress": "處理中",
        "resolved": "已解決",
        "rejected": "不予受理",
        "closed": "已結案",
        "withdrawn": "已撤回",
    },
    "en": {
        "title": "Complaints filed",
        "none": "No complaint about this lender has been recorded.",
        "channel": "Where",
        "filed_on": "Filed on",
        "reference": "Reference number",
        "status": "Status",
        "follow_up": "Next follow-up",
        "notes": "Notes",
        "12378": "12378 consumer hotline",
        "nifa": "NIFA online complaint",
        "heimao": "Heimao (黑猫投诉)",
        "police_110": "Police (110)",
        "police_12110": "Police by SMS (12110)",
        "court": "Court",
        "other": "Other",
        "draft": "Draft",
        "filed": "Filed",
        "acknowledged": "Acknowledged",
        "in_progress": "In progress",
        "resolved": "Resolved",
        "rejected": "Rejected",
        "closed": "Closed",
        "withdrawn": "Withdrawn",
    },
}


TIME_SOURCE_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "exif": "EXIF",
        "container": "文件元数据",
        "file_name": "文件名",
        "file_mtime": "文件修改时间",
        "import_time": "导入时间",
        "user": "用户填写",
        "backup_newest_row": "备份中最新一条记录的时间",
    },
    "zh_TW": {
        "exif": "EXIF",
        "container": "檔案中繼資料",
        "file_name": "檔名",
        "file_mtime": "檔案修改時間",
        "import_time": "匯入時間",
        "user": "使用者填寫",
        "backup_newest_row": "備份中最新一筆紀錄的時間",
    },
    "en": {
        "exif": "EXIF",
        "container": "file metadata",
        "file_name": "file name",
        "file_mtime": "file modification time",
        "import_time": "import time",
        "user": "entered by user",
        "backup_newest_row": "time of the backup's newest entry",
    },
}


TIME_STATEMENTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "proven": "第 {numbers} 号证据包含在经时间戳机构 {tsa} 按 RFC 3161 盖戳的检查点中，"
        "证明其最迟于 {time}（UTC）已存在（见 timestamps/ 与 README.txt 中的 openssl 命令）。",
        "missing": "第 {numbers} 号证据尚无已盖戳的检查点覆盖：未证明其存在时间。",
        "none": "本包中的证据均无可信时间戳：未证明文件的存在时间，只证明其自签名后未被改动（见完整性说明）。",
    },
    "zh_TW": {
        "proven": "第 {numbers} 號證據包含在經時間戳機構 {tsa} 依 RFC 3161 蓋戳的檢查點中，"
        "證明其最遲於 {time}（UTC）已存在（見 timestamps/ 與 README.txt 中的 openssl 指令）。",
        "missing": "第 {numbers} 號證據尚無已蓋戳的檢查點涵蓋：未證明其存在時間。",
        "none": "本包中的證據均無可信時間戳：未證明檔案的存在時間，只證明其自簽名後未被改動（見完整性說明）。",
    },
    "en": {
        "proven": "Items {numbers} are covered by a checkpoint that the time-stamp authority "
        "{tsa} stamped (RFC 3161): they existed no later than {time} UTC (see timestamps/ and "
        "the openssl commands in README.txt).",
        "missing": "Items {numbers} are not yet covered by a stamped checkpoint: no trusted time "
        "is proven for them.",
        "none": "No item in this bundle carries a trusted timestamp: when the files existed is "
        "not proven, only that they have not changed since they were signed (see the integrity "
        "statement).",
    },
}


CASE_SECTIONS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "stats": "催收统计",
        "none": "未导入该平台的通话记录或短信备份，没有可统计的来电和短信。",
        "attempted": "来电次数",
        "answered": "接通次数（通话时长大于0秒）",
        "zero_seconds": "0秒来电（记为接听但时长为0，未接通，不计入接通）",
        "sms": "短信",
        "night": "夜间（22:00–08:00）联系",
        "numbers": "不同号码",
        "burst": "最密集一轮（间隔不超过10分钟）",
        "per_day": "每日来电次数",
        "per_hour": "按小时分布的来电和短信",
        "day": "日期",
        "hour": "时段",
        "count": "次数",
        "findings": "违规情形",
        "no_findings": "按已载入的规则，未发现违规情形。",
        "rule": "规则",
        "source": "依据",
        "when": "日期",
        "limit": "限度",
        "counted": "计数内容",
        "more_days": "另有 {n} 天有来电，次数较少，未逐日列出。",
    },
    "zh_TW": {
        "stats": "催收統計",
        "none": "未匯入該平台的通話紀錄或簡訊備份，沒有可統計的來電和簡訊。",
        "attempted": "來電次數",
        "answered": "接通次數（通話時長大於0秒）",
        "zero_seconds": "0秒來電（記為接聽但時長為0，未接通，不計入接通）",
        "sms": "簡訊",
        "night": "夜間（22:00–08:00）聯繫",
        "numbers": "不同號碼",
        "burst": "最密集一輪（間隔不超過10分鐘）",
        "per_day": "每日來電次數",
        "per_hour": "按小時分布的來電和簡訊",
        "day": "日期",
        "hour": "時段",
        "count": "次數",
        "findings": "違規情形",
        "no_findings": "按已載入的規則，未發現違規情形。",
        "rule": "規則",
        "source": "依據",
        "when": "日期",
        "limit": "限度",
        "counted": "計數內容",
        "more_days": "另有 {n} 天有來電，次數較少，未逐日列出。",
    },
    "en": {
        "stats": "Collection statistics",
        "none": "No call-log or SMS backup was imported for this lender, so there is nothing to count.",
        "attempted": "Calls",
        "answered": "Calls connected (longer than 0 seconds)",
        "zero_seconds": "0-second calls (logged as answered, did not connect; not counted as connected)",
        "sms": "SMS",
        "night": "Contacts at night (22:00–08:00)",
        "numbers": "Distinct numbers",
        "burst": "Longest burst (gaps of 10 minutes at most)",
        "per_day": "Calls per day",
        "per_hour": "Calls and messages by hour of day",
        "day": "Day",
        "hour": "Hour",
        "count": "Count",
        "findings": "Rule findings",
        "no_findings": "Under the loaded rules, no breach was found.",
        "rule": "Rule",
        "source": "Source",
        "when": "Day",
        "limit": "Limit",
        "counted": "What was counted",
        "more_days": "{n} more days with fewer calls are not listed one by one.",
    },
}

# What a finding counted (vault.dto.Finding.counted), the day's 0-second calls beside
# it, and the rule packs' sources with the day each was checked.
RULE_WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "connected_calls": "催收号码打入并接通（时长大于0秒）的来电",
        "unanswered_call_attempts": "催收号码打入但未接通的来电（未接、拒接、拦截、转语音信箱、0秒）",
        "call_attempts": "催收号码打入的全部来电",
        "contacts": "催收号码的来电和短信",
        "quiet_hours": "该时段内催收号码的来电和短信",
        "category": "归入相应类别的证据",
        "zero_seconds": "当日0秒来电（未接通，未计入接通）：{n} 个。",
        "sources_heading": "规则来源及核对日期",
        "pack": "{title}（规则包 {pack}，第 {version} 版）",
        "checked": "{checked} 核对：{title}",
        "verified": "已与原文核实",
        "unverified": "未经原文核实",
    },
    "zh_TW": {
        "connected_calls": "催收號碼打入並接通（時長大於0秒）的來電",
        "unanswered_call_attempts": "催收號碼打入但未接通的來電（未接、拒接、攔截、轉語音信箱、0秒）",
        "call_attempts": "催收號碼打入的全部來電",
        "contacts": "催收號碼的來電和簡訊",
        "quiet_hours": "該時段內催收號碼的來電和簡訊",
        "category": "歸入相應類別的證據",
        "zero_seconds": "當日0秒來電（未接通，未計入接通）：{n} 通。",
        "sources_heading": "規則來源及核對日期",
        "pack": "{title}（規則包 {pack}，第 {version} 版）",
        "checked": "{checked} 核對：{title}",
        "verified": "已與原文核實",
        "unverified": "未經原文核實",
    },
    "en": {
        "connected_calls": "calls from a collector number that connected (longer than 0 seconds)",
        "unanswered_call_attempts": "calls from a collector number that did not connect (missed, rejected, blocked, to voicemail, 0 seconds)",
        "call_attempts": "every call from a collector number",
        "contacts": "calls and messages from collector numbers",
        "quiet_hours": "calls and messages from collector numbers in those hours",
        "category": "evidence filed under the rule's categories",
        "zero_seconds": "0-second calls that day (not connected, not counted as connected): {n}.",
        "sources_heading": "Sources of the rules, with the day each was checked",
        "pack": "{title} (rule pack {pack}, version {version})",
        "checked": "checked {checked}: {title}",
        "verified": "confirmed against the text",
        "unverified": "not confirmed against the text",
    },
}


def counted_sentence(finding: Finding, language: str) -> str:
    """What ``finding`` counted, and the day's 0-second calls where it counted calls."""
    text = RULE_WORDS[language if language in RULE_WORDS else "zh_CN"]
    counted = text.get(finding.counted or "", "")
    if finding.zero_second_calls:
        zero = text["zero_seconds"].format(n=finding.zero_second_calls)
        counted = f"{counted}{'；' if language != 'en' else '; '}{zero}" if counted else zero
    return counted


def source_lines(pack: PackSummary, language: str) -> tuple[str, list[str]]:
    """A pack's heading line and one line per place it was checked, with the date."""
    text = RULE_WORDS[language if language in RULE_WORDS else "zh_CN"]
    source = pack.source
    title = source.title_en if language == "en" else source.title_zh
    heading = text["pack"].format(title=title, pack=pack.pack, version=pack.version)
    lines = []
    for check in source.sources:
        line = text["checked"].format(checked=check.checked.isoformat(), title=check.title)
        state = text["verified"] if check.verified else text["unverified"]
        line += f"（{state}）" if language != "en" else f" ({state})"
        if check.url:
            line += f" {check.url}"
        lines.append(line)
    return heading, lines


# What a rule left out because the evidence predates its date in force, per kind of
# evidence it counts (vault.dto.NotInForce.what). Fields: in_force, first, last, count.
NOT_IN_FORCE: dict[str, dict[str, str]] = {
    "zh_CN": {
        "heading": "未计入的证据（早于规则生效日）",
        "calls": "这些来电早于规则生效日（{in_force}），未计入：{first} 至 {last}，共 {count} 次。",
        "contacts": "这些来电和短信早于规则生效日（{in_force}），未计入：{first} 至 {last}，共 {count} 次。",
        "items": "这些证据早于规则生效日（{in_force}），未计入：{first} 至 {last}，共 {count} 件。",
    },
    "zh_TW": {
        "heading": "未計入的證據（早於規則生效日）",
        "calls": "這些來電早於規則生效日（{in_force}），未計入：{first} 至 {last}，共 {count} 次。",
        "contacts": "這些來電和簡訊早於規則生效日（{in_force}），未計入：{first} 至 {last}，共 {count} 次。",
        "items": "這些證據早於規則生效日（{in_force}），未計入：{first} 至 {last}，共 {count} 件。",
    },
    "en": {
        "heading": "Evidence not counted (before the rule was in force)",
        "calls": "These calls predate the rule's date in force ({in_force}) and were not counted: {count} from {first} to {last}.",
        "contacts": "These calls and messages predate the rule's date in force ({in_force}) and were not counted: {count} from {first} to {last}.",
        "items": "These items predate the rule's date in force ({in_force}) and were not counted: {count} dated {first} to {last}.",
    },
}


# A phone backup's stored (neutral) title, said again in the reader's language
# (see vault.backup.title); keys: a call log or a message backup.
BACKUP_TITLES: dict[str, dict[bool, str]] = {
    "zh_CN": {
        True: "通话记录备份（{calls} 个通话，{messages} 条短信）",
        False: "短信备份（{calls} 个通话，{messages} 条短信）",
    },
    "zh_TW": {
        True: "通話紀錄備份（{calls} 通通話，{messages} 則簡訊）",
        False: "簡訊備份（{calls} 通通話，{messages} 則簡訊）",
    },
    "en": {
        True: "Phone call log backup ({calls} calls, {messages} messages)",
        False: "Phone message backup ({calls} calls, {messages} messages)",
    },
}


def not_in_force_sentence(fact: NotInForce, language: str) -> str:
    """One sentence saying what ``fact``'s rule left out and why, in ``language``."""
    text = NOT_IN_FORCE[language if language in NOT_IN_FORCE else "zh_CN"]
    return text[fact.what if fact.what in text else "contacts"].format(
        in_force=fact.source.in_force.isoformat(),
        first=fact.first.isoformat(),
        last=fact.last.isoformat(),
        count=fact.count,
    )


def item_title(lang: str, title: str | None, original_name: str) -> str:
    """An item's title as the evidence list shows it: a backup's in ``lang``."""
    backup = parse_backup_title(title)
    if backup is None:
        return title or original_name
    return BACKUP_TITLES[lang][backup.call_log].format(calls=backup.calls, messages=backup.messages)
