"""Where a complaint pack goes, and what each channel takes: one table (docs/complaint-channels.md).

Each channel has its limits (bytes per attachment, the file types it takes, whether a
ZIP helps), where to file it (hotline, web form, app, a counter), a short checklist,
and two or three plain sentences of what to do next, in zh_CN, zh_TW and en. The
figures come from the research written up in ``docs/complaint-channels.md``; what is
not confirmed by the channel's own page says so there, and the limits chosen here are
the stricter reading.

A pack channel is not a tracker channel: the tracker records where a complaint was
filed (``vault.case.complaint_codes.Channel``); ``tracker`` maps a pack to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vault.case.complaint_codes import Channel

MB = 1000 * 1000  # a form's "2 MB" read the strict way (not MiB)


class PackChannel(StrEnum):
    HOTLINE_12378 = "12378"
    NIFA = "nifa"
    HEIMAO = "heimao"
    POLICE = "police"
    COURT = "court"
    LAWYER = "lawyer"


@dataclass(frozen=True)
class ChannelSpec:
    code: PackChannel
    name_zh: str
    name_en: str
    tracker: Channel
    max_file_bytes: int  # per attachment: each copy and the PDF stay under it
    takes_pdf: bool  # the violation table as PDF is an attachment here
    max_images: int  # image copies at most (the channel's count, or what a reader can take)
    makes_zip: bool  # a ZIP of the folder is written too (sent by e-mail, a USB stick)
    where_zh: str
    where_en: str
    checklist_zh: tuple[str, ...]
    demands_zh: tuple[str, ...]  # the default 诉求; the user may change them
    next_steps: dict[str, str]  # language -> two or three sentences
    verified: bool  # the limits were confirmed by the channel's own page


_STOP = "立即停止上述违规催收行为，不再在22:00至次日08:00之间联系本人，不再联系与借款无关的第三人"
_CHECK = "对被投诉机构及其委托的催收机构依法调查处理，督促整改，并追究相关催收人员的责任"
_REPLY = "在规定时限内将处理结果书面或电话告知本人"

CHANNELS: dict[PackChannel, ChannelSpec] = {
    spec.code: spec
    for spec in (
        ChannelSpec(
            code=PackChannel.HOTLINE_12378,
            name_zh="12378 银行保险消费者投诉维权热线（国家金融监督管理总局）",
            name_en="12378 banking and insurance consumer hotline (NFRA)",
            tracker=Channel.HOTLINE_12378,
            max_file_bytes=5 * MB,
            takes_pdf=True,
            max_images=10,
            makes_zip=False,
            where_zh="电话 12378（工作日 9:00–17:00 人工服务）；或国家金融监督管理总局网站的消费者投诉页面（网页表单，附件 PDF/JPG）",
            where_en="Call 12378 (staffed on working days 9:00-17:00), or the NFRA web site's consumer complaint form (PDF/JPG attachments)",
            checklist_zh=(
                "被投诉机构全称（与借款合同或 App 中“关于我们”的公司名一致）",
                "本人姓名、身份证号、手机号（热线会核对身份）",
                "简要经过：时间段、次数、方式（见“事实”）",
                "明确的诉求（见“诉求”）",
                "网页表单附件：PDF/JPG，每个不超过 5 MB",
            ),
            demands_zh=(_STOP, _CHECK, _REPLY),
            next_steps={
                "zh_CN": "拨打 12378，按“投诉内容.txt”的顺序念给接线员，或把文字粘贴进网页表单并上传“附件”文件夹里的文件。记下投诉编号，在本程序“投诉记录”里登记，并设一个跟进日期（一般 15 个工作日内答复）。",
                "zh_TW": "撥打 12378，按「投诉内容.txt」的順序念給接線員，或把文字貼進網頁表單並上傳「附件」資料夾裡的檔案。記下投訴編號，在本程式「投訴記錄」裡登記，並設一個跟進日期（一般 15 個工作日內答覆）。",
                "en": "Call 12378 and read the text file to the operator in its order, or paste it into the web form and upload the files in the attachments folder. Write down the complaint number, record it in the complaints tracker, and set a follow-up date (an answer is due within about 15 working days).",
            },
            verified=False,
        ),
        ChannelSpec(
            code=PackChannel.NIFA,
            name_zh="中国互联网金融协会 互联网金融举报信息平台",
            name_en="NIFA online report (National Internet Finance Association of China)",
            tracker=Channel.NIFA,
            max_file_bytes=2 * MB,
            takes_pdf=True,
            max_images=5,
            makes_zip=False,
            where_zh="网页 https://jubao.nifa.org.cn（实名举报），或微信公众号“中国互联网金融协会”",
            where_en="The web form at https://jubao.nifa.org.cn (real name required), or the association's WeChat account",
            checklist_zh=(
                "实名：姓名、身份证号、联系方式",
                "被举报机构的公司名称和详细地址",
                "违法违规的具体事实，并写明违反的规定（见“违规类型”）",
                "附件不超过 2 MB；同一举报人每天最多 3 件，不要重复提交",
                "记下平台生成的举报查询编码",
            ),
            demands_zh=(_STOP, _CHECK, "将举报转交有关管理部门处理，并告知处理情况"),
            next_steps={
                "zh_CN": "打开 jubao.nifa.org.cn，实名登录后把“投诉内容.txt”的各段粘贴到对应栏目，上传“附件”里的文件（每个都在 2 MB 以内）。提交后记下举报查询编码，在“投诉记录”里登记；平台约 15 个工作日内初步核对并转交管理部门。",
                "zh_TW": "打開 jubao.nifa.org.cn，實名登入後把「投诉内容.txt」的各段貼到對應欄目，上傳「附件」裡的檔案（每個都在 2 MB 以內）。提交後記下舉報查詢編碼，在「投訴記錄」裡登記；平台約 15 個工作日內初步核對並轉交管理部門。",
                "en": "Open jubao.nifa.org.cn, sign in with your real name, paste each part of the text file into its field and upload the files in the attachments folder (each under 2 MB). Write down the report's query code and record it in the complaints tracker; the platform checks a report within about 15 working days and passes it on.",
            },
            verified=False,
        ),
        ChannelSpec(
            code=PackChannel.HEIMAO,
            name_zh="黑猫投诉（新浪）",
            name_en="Heimao complaints (Sina)",
            tracker=Channel.HEIMAO,
            max_file_bytes=5 * MB,
            takes_pdf=False,
            max_images=9,
            makes_zip=False,
            where_zh="网页 https://tousu.sina.com.cn 或黑猫投诉 App（投诉内容公开可见）",
            where_en="https://tousu.sina.com.cn or the Heimao app (complaints are public)",
            checklist_zh=(
                "投诉对象（选被投诉机构或其 App）",
                "投诉问题和诉求",
                "图片凭证（截图、照片）；上传前遮住身份证号、住址、亲友姓名和电话",
                "投诉公开可见：不要写身份证号和银行卡号",
            ),
            demands_zh=(_STOP, "向本人道歉", "公开回复处理结果"),
            next_steps={
                "zh_CN": "在黑猫投诉网页或 App 中选择被投诉机构，把“事实”和“诉求”两段粘贴进去，上传“附件”里的图片（投诉会公开，上传前遮住亲友姓名和电话）。保存投诉单号，在“投诉记录”里登记，企业回复后再更新状态。",
                "zh_TW": "在黑貓投訴網頁或 App 中選擇被投訴機構，把「事實」和「訴求」兩段貼進去，上傳「附件」裡的圖片（投訴會公開，上傳前遮住親友姓名和電話）。保存投訴單號，在「投訴記錄」裡登記，企業回覆後再更新狀態。",
                "en": "On the Heimao site or app, choose the company, paste the facts and demands, and upload the pictures in the attachments folder (the complaint is public: cover relatives' names and numbers first). Keep the complaint number, record it in the complaints tracker, and update it when the company answers.",
            },
            verified=False,
        ),
        ChannelSpec(
            code=PackChannel.POLICE,
            name_zh="公安机关（110 报警或到派出所报案）",
            name_en="Police (call 110 or report at a police station)",
            tracker=Channel.POLICE_110,
            max_file_bytes=10 * MB,
            takes_pdf=True,
            max_images=30,
            makes_zip=False,
            where_zh="紧急情况拨打 110；否则带材料到住所地派出所报案（聋哑人可发短信到 12110）",
            where_en="Call 110 in an emergency; otherwise bring the material to the local police station (12110 by SMS for the deaf)",
            checklist_zh=(
                "身份证",
                "手机本身：民警可能要看原始通话记录、短信和录音",
                "打印的“投诉内容.txt”和“违规情况表.pdf”",
                "威胁、辱骂、冒充公检法、上门、骚扰亲友的证据（见“事实”）",
                "请民警出具受案回执，记下报警回执号",
            ),
            demands_zh=(
                "依法制止威胁、恐吓、骚扰等违法催收行为",
                "对涉嫌违反治安管理或涉嫌犯罪的催收人员依法调查处理",
                "出具受案回执",
            ),
            next_steps={
                "zh_CN": "遇到当面威胁或上门滋扰请立即拨打 110。其他情况带上身份证、手机和打印好的材料到派出所报案，请民警出具受案回执。把回执号登记到“投诉记录”，并约一个跟进日期。",
                "zh_TW": "遇到當面威脅或上門滋擾請立即撥打 110。其他情況帶上身分證、手機和列印好的材料到派出所報案，請民警出具受案回執。把回執號登記到「投訴記錄」，並約一個跟進日期。",
                "en": "If you are threatened in person or someone comes to your door, call 110 now. Otherwise bring your ID card, your phone and the printed material to the police station and ask for a receipt of the report. Record the receipt number in the complaints tracker with a follow-up date.",
            },
            verified=False,
        ),
        ChannelSpec(
            code=PackChannel.COURT,
            name_zh="人民法院（起诉或诉前调解）",
            name_en="People's court (a lawsuit or pre-suit mediation)",
            tracker=Channel.COURT,
            max_file_bytes=10 * MB,
            takes_pdf=True,
            max_images=50,
            makes_zip=False,
            where_zh="被告住所地或侵权行为地法院的立案窗口，或“人民法院在线服务”小程序网上立案",
            where_en="The filing counter of the court where the defendant is based or where it happened, or the courts' online filing service",
            checklist_zh=(
                "起诉状（原告、被告全称、诉讼请求、事实与理由）",
                "身份证复印件；被告的工商登记信息（可在国家企业信用信息公示系统查询）",
                "证据目录（本材料包的“已有证据清单”与完整证据包序号一致）",
                "完整证据包（ZIP）及其 SHA256SUMS，供法院核对原件",
            ),
            demands_zh=(
                "判令被告立即停止侵害（停止违规催收、停止向第三人披露本人信息）",
                "判令被告赔礼道歉",
                "判令被告赔偿精神损害抚慰金及维权合理费用",
                "本案诉讼费用由被告承担",
            ),
            next_steps={
                "zh_CN": "把“事实”和“诉求”整理进起诉状，连同“已有证据清单”和完整证据包交到法院立案窗口或网上立案。立案后记下案号，在“投诉记录”里登记，按法院通知的日期设跟进。",
                "zh_TW": "把「事實」和「訴求」整理進起訴狀，連同「已有證據清單」和完整證據包交到法院立案窗口或網上立案。立案後記下案號，在「投訴記錄」裡登記，按法院通知的日期設跟進。",
                "en": "Put the facts and demands into a statement of claim and file it, with the evidence list and the full evidence bundle, at the court's filing counter or online. Record the case number in the complaints tracker and set the follow-up to the date the court gives.",
            },
            verified=False,
        ),
        ChannelSpec(
            code=PackChannel.LAWYER,
            name_zh="律师或法律援助",
            name_en="A lawyer or legal aid",
            tracker=Channel.OTHER,
            max_file_bytes=10 * MB,
            takes_pdf=True,
            max_images=50,
            makes_zip=True,
            where_zh="律师事务所，或拨打 12348 公共法律服务热线申请法律援助",
            where_en="A law firm, or the 12348 public legal service hotline for legal aid",
            checklist_zh=(
                "借款合同、还款记录（如有）",
                "本材料包（ZIP）和完整证据包",
                "想达到的结果（停止骚扰、协商还款、赔偿）",
            ),
            demands_zh=(
                "评估被投诉机构的催收行为是否违法及可采取的法律途径",
                "代为发函要求停止违规催收",
            ),
            next_steps={
                "zh_CN": "把 ZIP 文件发给律师（或拨打 12348 申请法律援助），同时告诉对方完整证据包可随时提供。约好咨询时间后登记到“投诉记录”，设一个跟进日期。",
                "zh_TW": "把 ZIP 檔案發給律師（或撥打 12348 申請法律援助），同時告訴對方完整證據包可隨時提供。約好諮詢時間後登記到「投訴記錄」，設一個跟進日期。",
                "en": "Send the ZIP file to the lawyer (or call 12348 for legal aid) and say the full evidence bundle is available. Once a meeting is set, record it in the complaints tracker with a follow-up date.",
            },
            verified=False,
        ),
    )
}


def channel_spec(code: str) -> ChannelSpec:
    """The channel of a code ("12378", "nifa", …); an unknown code is a usage error."""
    from vault.errors import UsageError  # noqa: PLC0415 - keeps this table import-light

    try:
        return CHANNELS[PackChannel(code)]
    except ValueError:
        names = ", ".join(c.value for c in PackChannel)
        raise UsageError(f"{code!r} is not a complaint pack channel ({names}).") from None


__all__ = ["CHANNELS", "MB", "ChannelSpec", "PackChannel", "channel_spec"]
