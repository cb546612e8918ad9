<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddLenderDialog</name>
    <message>
        <source>Add lender</source>
        <translation>添加借贷平台</translation>
    </message>
    <message>
        <source>e.g. 138 0013 8000, 95188</source>
        <translation>例如 138 0013 8000, 95188</translation>
    </message>
    <message>
        <source>Name of the lending platform (pick one or type another):</source>
        <translation>借贷平台名称（从列表选择或自己输入）：</translation>
    </message>
    <message>
        <source>Numbers that call or message you for this lender (if you know them; separate them with commas):</source>
        <translation>替这个平台给你打电话、发短信的号码（知道的话就填，多个号码用逗号隔开）：</translation>
    </message>
    <message>
        <source>“%1” is not a phone number. Write it as your phone shows it.</source>
        <translation>“%1”不是电话号码。请照手机上显示的样子填写。</translation>
    </message>
</context>
<context>
    <name>AssignNumbersDialog</name>
    <message>
        <source>Numbers of %1</source>
        <translation>%1 的号码</translation>
    </message>
    <message>
        <source>These numbers in the backup belong to no lender yet. Tick the ones that are %1&apos;s collectors: only their calls and messages count for this lender.</source>
        <translation>备份里的这些号码还没有归到任何平台。请勾选属于%1催收人员的号码：只有这些号码的来电和短信才算在这个平台名下。</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n contact(s))</source>
        <translation>
            <numerusform>%1（%n 次联系）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupBanner</name>
    <message>
        <source>This is a backup, opened to be looked at: nothing in it can be changed. To work with it, restore it (evault restore).</source>
        <translation>这是一份备份，只能查看，不能修改其中任何内容。要继续使用，请先恢复它（evault restore）。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up to a USB stick or folder</source>
        <translation>备份到U盘或文件夹</translation>
    </message>
    <message>
        <source>A backup is a second copy of the vault on a USB stick or in another folder. It stays encrypted like the vault, so a lost stick reveals nothing. Every copied file is read back and checked before the backup counts as done; later backups copy only what is new.</source>
        <translation>备份是保险箱在U盘或另一个文件夹里的第二份副本。它和保险箱一样是加密的，U盘丢了也不会泄露任何内容。每个复制的文件都会读回并核对，全部无误才算备份完成；以后的备份只复制新增的内容。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The backup folder keeps every file for good, and earlier copies of the list of evidence: the last 10 backups, plus the last one of each earlier month.</source>
        <translation>备份文件夹永久保留每个文件，并保留证据清单的早期副本：最近10次备份，以及更早每个月的最后一次。</translation>
    </message>
    <message>
        <source>The USB stick or folder to back up to</source>
        <translation>要备份到的U盘或文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>This vault has not been backed up yet.</source>
        <translation>这个保险箱还没有备份过。</translation>
    </message>
    <message>
        <source>Last backup: %1, to %2.</source>
        <translation>上次备份：%1，备份到 %2。</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Choose the USB stick or folder first.</source>
        <translation>请先选择U盘或文件夹。</translation>
    </message>
    <message>
        <source>Backing up and checking every copy…</source>
        <translation>正在备份并核对每个副本…</translation>
    </message>
    <message>
        <source>Done: %1 items are in the backup; %2 new files were copied and checked.</source>
        <translation>完成：备份中共有 %1 项证据；本次复制并核对了 %2 个新文件。</translation>
    </message>
    <message>
        <source>%1 damaged copies in the backup folder were found and copied again.</source>
        <translation>发现备份文件夹中有 %1 个损坏的副本，已重新复制。</translation>
    </message>
    <message>
        <source>The backup failed; the backup folder keeps its previous backup.</source>
        <translation>备份失败；备份文件夹仍保留上一次的备份。</translation>
    </message>
</context>
<context>
    <name>BackupReminder</name>
    <message>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>This evidence is only on this computer. Back it up to a USB stick or another folder, so a broken or lost laptop does not take it with it.</source>
        <translation>这些证据只存在这台电脑上。请备份到U盘或另一个文件夹，以免电脑损坏或丢失时证据也一起没了。</translation>
    </message>
    <message>
        <source>Time for a backup: %1 new items since the last one, on %2 to %3.</source>
        <translation>该备份了：自 %2 备份到 %3 以来新增了 %1 项证据。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Import a call log or SMS backup…</source>
        <translation>导入通话记录或短信备份…</translation>
    </message>
    <message>
        <source>Add a collector number…</source>
        <translation>添加催收号码…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>号码数</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>At night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>Longest burst</source>
        <translation>最长连续轰炸</translation>
    </message>
    <message>
        <source>Rule broken</source>
        <translation>违反的规定</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>违规情况</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>0 seconds</source>
        <translation>0秒</translation>
    </message>
    <message>
        <source>Calls picked up that lasted longer than 0 seconds.</source>
        <translation>接听且通话时长大于0秒的来电。</translation>
    </message>
    <message>
        <source>Calls the phone logged as picked up but lasting 0 seconds: they did not connect, so they count as unanswered attempts, not as connected calls.</source>
        <translation>手机记为已接听但时长为0秒的来电：并未接通，计为未接通的拨打，不计为接通。</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Choose a lender on the left to see its case.</source>
        <translation>请在左边选择一个平台，查看它的案情。</translation>
    </message>
    <message>
        <source>Reading the case…</source>
        <translation>正在读取案情…</translation>
    </message>
    <message>
        <source>Collector numbers: %1</source>
        <translation>催收号码：%1</translation>
    </message>
    <message>
        <source>No collector numbers yet. Add the numbers that call you, or import a call log and tick them there.</source>
        <translation>还没有催收号码。请添加打给你的号码，或者导入通话记录后在那里勾选。</translation>
    </message>
    <message>
        <source>Calls and messages by hour of day (%1)</source>
        <translation>每天各小时的来电和短信（%1）</translation>
    </message>
    <message>
        <source>Daytime</source>
        <translation>白天</translation>
    </message>
    <message>
        <source>%1, in force from %2</source>
        <translation>%1，%2 起施行</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (limit %2)</source>
        <translation>%1（上限 %2）</translation>
    </message>
    <message>
        <source>No rule is shown broken by this lender&apos;s events.</source>
        <translation>从这个平台的记录看，没有发现违反规定的情况。</translation>
    </message>
    <message>
        <source>Where the rules come from, and when each was checked</source>
        <translation>规则的来源及各自的核对日期</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1（第 %2 版）</translation>
    </message>
    <message>
        <source>Choose a call log or SMS backup</source>
        <translation>选择通话记录或短信备份</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore files (*.xml);;All files (*)</source>
        <translation>SMS Backup &amp; Restore 备份文件 (*.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) added: their calls and messages now count for this lender too.</source>
        <translation>
            <numerusform>已添加 %n 个号码：它们的来电和短信现在也算在这个平台名下。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a collector number</source>
        <translation>添加催收号码</translation>
    </message>
    <message>
        <source>A number that calls or messages you for %1:</source>
        <translation>为%1打电话或发短信给你的号码：</translation>
    </message>
    <message>
        <source>No calls or messages from this lender&apos;s numbers yet. Import a call log or SMS backup, and make sure the collectors&apos; numbers are added.</source>
        <translation>还没有来自这个平台号码的来电或短信。请导入通话记录或短信备份，并确认已添加催收号码。</translation>
    </message>
    <message>
        <source>From %1 to %2: %3 calls from %4 numbers (%5 connected, %8 of 0 seconds), %6 messages, %7 of them at night (22:00–08:00).</source>
        <translation>%1 至 %2：来自 %4 个号码的来电 %3 次（接通 %5 次，0秒 %8 次），短信 %6 条，其中夜间（22:00–08:00）%7 次。</translation>
    </message>
    <message>
        <source>The worst day was %1, with %2 calls and %3 messages.</source>
        <translation>最严重的一天是 %1，来电 %2 次，短信 %3 条。</translation>
    </message>
    <message>
        <source>The longest burst was %1 contacts in a row, starting %2.</source>
        <translation>最长一次连续轰炸是 %1 次接连不断的联系，从 %2 开始。</translation>
    </message>
    <message>
        <source>Counted: calls from a collector number that connected (longer than 0 s).</source>
        <translation>计数：催收号码打入并接通（时长大于0秒）的来电。</translation>
    </message>
    <message>
        <source>Counted: calls from a collector number that did not connect (missed, rejected, blocked, to voicemail, 0 s).</source>
        <translation>计数：催收号码打入但未接通的来电（未接、拒接、拦截、转语音信箱、0秒）。</translation>
    </message>
    <message>
        <source>Counted: every call from a collector number.</source>
        <translation>计数：催收号码打入的全部来电。</translation>
    </message>
    <message>
        <source>Counted: calls and messages from collector numbers.</source>
        <translation>计数：催收号码的来电和短信。</translation>
    </message>
    <message>
        <source>Counted: calls and messages from collector numbers in those hours.</source>
        <translation>计数：该时段内催收号码的来电和短信。</translation>
    </message>
    <message>
        <source>Counted: evidence you filed under the rule&apos;s categories.</source>
        <translation>计数：您归入该规则所列类别的证据。</translation>
    </message>
    <message>
        <source>0-second calls on those days (not connected, not counted as connected): %1.</source>
        <translation>这些日期的0秒来电（未接通，不计为接通）：%1 次。</translation>
    </message>
    <message>
        <source>Checked %1: %2 (confirmed against the text)</source>
        <translation>%1 核对：%2（已与原文核实）</translation>
    </message>
    <message>
        <source>Checked %1: %2 (not confirmed against the text)</source>
        <translation>%1 核对：%2（未经原文核实）</translation>
    </message>
    <message>
        <source>These calls predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>这些来电早于规则生效日（%1），未计入（%3，共 %2 次）。</translation>
    </message>
    <message>
        <source>These items predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>这些证据早于规则生效日（%1），未计入（%3，共 %2 件）。</translation>
    </message>
    <message>
        <source>These calls and messages predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>这些来电和短信早于规则生效日（%1），未计入（%3，共 %2 次）。</translation>
    </message>
    <message>
        <source>The backup is stored as evidence: %1 calls, %2 SMS, %3 MMS. %4 of them came from numbers already known for this lender.</source>
        <translation>备份已作为证据保存：通话 %1 条，短信 %2 条，彩信 %3 条。其中 %4 条来自这个平台已知的号码。</translation>
    </message>
    <message>
        <source>Backup imported</source>
        <translation>备份已导入</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>更改密码短语</translation>
    </message>
    <message>
        <source>Type the passphrase you use now, then the new one twice. Your recovery key and recovery sheet stay valid.</source>
        <translation>先输入现在使用的密码短语，再输入两次新的密码短语。你的恢复密钥和恢复密钥纸仍然有效。</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前的密码短语</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>密码短语已更改</translation>
    </message>
    <message>
        <source>The passphrase was changed. Use the new one from now on; your recovery key stays the same.</source>
        <translation>密码短语已更改。今后请使用新的密码短语；你的恢复密钥不变。</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Complaint about %1</source>
        <translation>关于%1的投诉</translation>
    </message>
    <message>
        <source>Update the complaint about %1</source>
        <translation>更新关于%1的投诉</translation>
    </message>
    <message>
        <source>The number the channel gave you, if any</source>
        <translation>受理渠道给你的编号（如有）</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <source>Who you spoke to, what they said, what comes next.</source>
        <translation>和谁谈过、对方怎么说、下一步是什么。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <source>12378 consumer hotline</source>
        <translation>12378 消费者投诉热线</translation>
    </message>
    <message>
        <source>NIFA online complaint</source>
        <translation>中国互联网金融协会网上投诉</translation>
    </message>
    <message>
        <source>Heimao (黑猫投诉)</source>
        <translation>黑猫投诉</translation>
    </message>
    <message>
        <source>Police (110)</source>
        <translation>报警（110）</translation>
    </message>
    <message>
        <source>Police by SMS (12110)</source>
        <translation>短信报警（12110）</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message>
        <source>Where</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <source>Record a complaint…</source>
        <translation>记录一次投诉…</translation>
    </message>
    <message>
        <source>Update…</source>
        <translation>更新…</translation>
    </message>
    <message>
        <source>Make complaint material…</source>
        <translation>生成投诉材料…</translation>
    </message>
    <message>
        <source>The text to paste and the attachments one channel takes, from this case</source>
        <translation>根据本案证据，生成某一投诉渠道所需的可粘贴文字和附件</translation>
    </message>
    <message>
        <source>%1 — overdue</source>
        <translation>%1 — 已逾期</translation>
    </message>
    <message>
        <source>The follow-up date has passed: ask the channel.</source>
        <translation>已过跟进日期：请向该渠道询问进展。</translation>
    </message>
    <message>
        <source>This follow-up is due.</source>
        <translation>已到跟进日期。</translation>
    </message>
    <message>
        <source>Making the material…</source>
        <translation>正在生成材料…</translation>
    </message>
    <message>
        <source>Making the material… %1 of %2</source>
        <translation>正在生成材料… 第 %1 项，共 %2 项</translation>
    </message>
</context>
<context>
    <name>CreateVaultWizard</name>
    <message>
        <source>Create a vault</source>
        <translation>创建保险箱</translation>
    </message>
</context>
<context>
    <name>CreateWizard</name>
    <message>
        <source>Type a passphrase.</source>
        <translation>请输入密码短语。</translation>
    </message>
    <message>
        <source>Too short: use at least 8 characters, better several words.</source>
        <translation>太短：至少 8 个字符，最好是几个词。</translation>
    </message>
    <message>
        <source>This is one of the most common passwords; it is guessed first.</source>
        <translation>这是最常见的密码之一，会被最先猜到。</translation>
    </message>
    <message>
        <source>Repeated characters are easy to guess.</source>
        <translation>重复的字符很容易被猜到。</translation>
    </message>
    <message>
        <source>Runs like abc, 123 or qwerty are easy to guess.</source>
        <translation>abc、123、qwerty 这类连续字符很容易被猜到。</translation>
    </message>
    <message>
        <source>Mix in capitals, digits or symbols.</source>
        <translation>加入大写字母、数字或符号。</translation>
    </message>
    <message>
        <source>Add another word or two that belong together only for you.</source>
        <translation>再加一两个只有你自己会联想到一起的词。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>What this proves, e.g. the collector threatened to visit my parents.</source>
        <translation>证明目的，例如：催收人员威胁要去我父母家。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Happened at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>What does it show? Tick all that apply:</source>
        <translation>它显示了什么？符合的都勾上：</translation>
    </message>
    <message>
        <source>Machine-read text</source>
        <translation>机器识别</translation>
    </message>
    <message>
        <source>What this proves</source>
        <translation>证明目的</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Time source</source>
        <translation>时间来源</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>SM3</source>
        <translation>SM3</translation>
    </message>
    <message>
        <source>Analyse this backup</source>
        <translation>分析这个备份</translation>
    </message>
    <message>
        <source>Read the calls and messages of this backup into the lender&apos;s Case tab.</source>
        <translation>把这个备份里的通话和短信读进这个平台的“案情”页。</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移入回收站</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <source>Captured %1. %2 Imported %3.</source>
        <translation>形成于 %1。%2导入于 %3。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Time in the file name: %1. The file&apos;s own modified time: %2.</source>
        <translation>文件名中的时间：%1。文件自身的修改时间：%2。</translation>
    </message>
    <message>
        <source>Incoming call (from the file name).</source>
        <translation>来电（据文件名）。</translation>
    </message>
    <message>
        <source>Outgoing call (from the file name).</source>
        <translation>去电（据文件名）。</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>what this proves</source>
        <translation>证明目的</translation>
    </message>
    <message>
        <source>time it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>lender</source>
        <translation>借贷平台</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Description edited</source>
        <translation>描述已修改</translation>
    </message>
    <message>
        <source>Moved to trash</source>
        <translation>已移入回收站</translation>
    </message>
    <message>
        <source>Restored from trash</source>
        <translation>已从回收站恢复</translation>
    </message>
    <message>
        <source>Deleted for good</source>
        <translation>已永久删除</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>Calls and messages analysed</source>
        <translation>已分析通话和短信</translation>
    </message>
    <message>
        <source>SM3 computed</source>
        <translation>已计算 SM3 值</translation>
    </message>
    <message>
        <source>Transcript saved</source>
        <translation>已保存文字稿</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <source>Start by adding the lending platform whose collectors call or message you. Then import your screenshots, call recordings and messages into it.</source>
        <translation>第一步：添加催收人员替它打电话、发短信的借贷平台。然后把截图、通话录音和短信导入到这个平台下。</translation>
    </message>
    <message>
        <source>Which platform is it? Click its name:</source>
        <translation>是哪个平台？点它的名字：</translation>
    </message>
    <message>
        <source>Another platform…</source>
        <translation>其他平台…</translation>
    </message>
    <message>
        <source>No evidence here yet. Import screenshots, call recordings, text messages or a phone backup, or drop the files onto this window.</source>
        <translation>这里还没有证据。请导入截图、通话录音、短信或手机备份，也可以直接把文件拖到这个窗口里。</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The passphrase is not right. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>密码短语不正确。请检查输入法和大写锁定键后重试。</translation>
    </message>
    <message>
        <source>Please type a passphrase.</source>
        <translation>请输入密码短语。</translation>
    </message>
    <message>
        <source>This is not the recovery key: check each letter against the recovery sheet (it starts with AGE-SECRET-KEY-1).</source>
        <translation>这不是恢复密钥：请对照恢复密钥纸逐个字母检查（它以 AGE-SECRET-KEY-1 开头）。</translation>
    </message>
    <message>
        <source>This recovery key belongs to another vault. Use the sheet made for this vault.</source>
        <translation>这把恢复密钥属于另一个保险箱。请使用为这个保险箱制作的恢复密钥纸。</translation>
    </message>
    <message>
        <source>That folder already holds a vault or other files. Choose an empty or new folder.</source>
        <translation>该文件夹里已有保险箱或其他文件。请选择一个空的或新的文件夹。</translation>
    </message>
    <message>
        <source>That folder is not an Evidence Vault, or its vault.json is damaged.</source>
        <translation>该文件夹不是证据保险箱，或者其中的 vault.json 已损坏。</translation>
    </message>
    <message>
        <source>A lender with this name already exists.</source>
        <translation>已有同名的借贷平台。</translation>
    </message>
    <message>
        <source>This lender no longer exists in the vault.</source>
        <translation>保险箱中已没有这个借贷平台。</translation>
    </message>
    <message>
        <source>This item no longer exists in the vault.</source>
        <translation>保险箱中已没有这条证据。</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it and try again.</source>
        <translation>保险箱已锁定。请解锁后重试。</translation>
    </message>
    <message>
        <source>Another program is using this vault (another Evidence Vault window or an evault command). Close it, then try again.</source>
        <translation>另一个程序正在使用这个保险箱（另一个证据保险箱窗口或 evault 命令）。请先关闭它，再试一次。</translation>
    </message>
    <message>
        <source>This copy of the app is incomplete: a part it needs is missing. Install it again.</source>
        <translation>这个应用的安装不完整：缺少它需要的部分。请重新安装。</translation>
    </message>
    <message>
        <source>This request cannot be carried out as given.</source>
        <translation>无法按这样的方式执行此操作。</translation>
    </message>
    <message>
        <source>That does not look like a phone number.</source>
        <translation>这看起来不像电话号码。</translation>
    </message>
    <message>
        <source>A time needs a date, an hour and a time zone.</source>
        <translation>时间需要包含日期、钟点和时区。</translation>
    </message>
    <message>
        <source>A time stored in the vault is damaged. Run a vault check.</source>
        <translation>保险箱中保存的某个时间已损坏。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>That is not a time zone this computer knows. Choose one from the list.</source>
        <translation>这台电脑不认识这个时区。请从列表中选择。</translation>
    </message>
    <message>
        <source>The vault&apos;s database could not be opened.</source>
        <translation>无法打开保险箱的数据库。</translation>
    </message>
    <message>
        <source>The vault&apos;s database does not match its key. The vault may be damaged.</source>
        <translation>保险箱的数据库与密钥不匹配，保险箱可能已损坏。</translation>
    </message>
    <message>
        <source>The vault&apos;s database file is missing.</source>
        <translation>保险箱的数据库文件不见了。</translation>
    </message>
    <message>
        <source>This vault was made by a newer version of Evidence Vault. Please update the app.</source>
        <translation>这个保险箱由更新版本的证据保险箱创建。请更新本应用。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>Text cannot be read from images: Tesseract and its Chinese language files are not installed.</source>
        <translation>无法识别图片中的文字：未安装 Tesseract 及其中文语言文件。</translation>
    </message>
    <message>
        <source>The image could not be read; the original is kept unchanged.</source>
        <translation>无法识别这张图片；原件保持不变。</translation>
    </message>
    <message>
        <source>Tesseract could not read this image; the original is kept unchanged.</source>
        <translation>Tesseract 无法识别这张图片；原件保持不变。</translation>
    </message>
    <message>
        <source>The phrase pack is not valid.</source>
        <translation>词句包无效。</translation>
    </message>
    <message>
        <source>The file could not be imported.</source>
        <translation>无法导入该文件。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that you are allowed to open it, then import it again.</source>
        <translation>无法读取这个文件。请确认你有权限打开它，然后再导入一次。</translation>
    </message>
    <message>
        <source>The file is no longer there: it was moved or deleted before the import.</source>
        <translation>文件已经不在原处：它在导入之前被移动或删除了。</translation>
    </message>
    <message>
        <source>The vault&apos;s disk is full or refuses the write, so nothing of this file was kept. Free some space and import it again.</source>
        <translation>保险箱所在的磁盘已满或拒绝写入，因此这个文件没有保存任何内容。请腾出一些空间后再导入一次。</translation>
    </message>
    <message>
        <source>Only regular files can be imported.</source>
        <translation>只能导入普通文件。</translation>
    </message>
    <message>
        <source>Symbolic links are not imported. Choose the file itself.</source>
        <translation>不导入符号链接。请选择文件本身。</translation>
    </message>
    <message>
        <source>This is a named pipe, not a file: only regular files can be imported.</source>
        <translation>这是命名管道，不是文件：只能导入普通文件。</translation>
    </message>
    <message>
        <source>This is a device, not a file: only regular files can be imported.</source>
        <translation>这是设备，不是文件：只能导入普通文件。</translation>
    </message>
    <message>
        <source>This is a socket, not a file: only regular files can be imported.</source>
        <translation>这是套接字，不是文件：只能导入普通文件。</translation>
    </message>
    <message>
        <source>This is a folder, not a file, so it was not imported.</source>
        <translation>这是文件夹，不是文件，因此没有导入。</translation>
    </message>
    <message>
        <source>The file was replaced while it was being opened, so it was not imported.</source>
        <translation>打开文件时它被替换了，因此没有导入。</translation>
    </message>
    <message>
        <source>The vault could not be saved: the disk is full or failing. Nothing was half-saved. Free some space and try again.</source>
        <translation>无法保存到保险箱：磁盘已满或出了故障。没有任何内容只保存了一半。请腾出一些空间后再试一次。</translation>
    </message>
    <message>
        <source>This is a backup, opened to be looked at: nothing in it can be changed. To work with it, restore it.</source>
        <translation>这是一份备份，只能查看，不能修改其中任何内容。要继续使用，请先恢复它。</translation>
    </message>
    <message>
        <source>This folder cannot take the backup: choose an empty folder outside the vault, or one that already holds a backup of this vault.</source>
        <translation>这个文件夹不能用来备份：请选择保险箱之外的空文件夹，或已存有这个保险箱备份的文件夹。</translation>
    </message>
    <message>
        <source>A copied file did not read back correctly, so the backup was not finished; the backup folder keeps its previous backup. Check the USB stick and the vault, then try again.</source>
        <translation>有一个复制的文件读回时不正确，备份没有完成；备份文件夹仍保留上一次的备份。请检查U盘和保险箱后再试。</translation>
    </message>
    <message>
        <source>The checking of the copied files stopped before it was done, so the backup was not finished; the backup folder keeps its previous backup. Try again.</source>
        <translation>检查已复制文件的过程在完成前中断了，所以备份没有完成；备份文件夹保留着上一次的备份。请再试一次。</translation>
    </message>
    <message>
        <source>The backup was cancelled; the backup folder is as it was.</source>
        <translation>备份已取消；备份文件夹保持原样。</translation>
    </message>
    <message>
        <source>A recording is larger than the 4 GiB a FAT32 USB stick can hold in one file. Format the stick as exFAT, or back up to another folder.</source>
        <translation>有一个录音超过了 FAT32 格式U盘单个文件 4 GiB 的上限。请把U盘格式化为 exFAT，或备份到其他文件夹。</translation>
    </message>
    <message>
        <source>Restore into a new or empty folder.</source>
        <translation>请恢复到一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>The backup does not hold the snapshot that was asked for.</source>
        <translation>备份中没有所要的那份快照。</translation>
    </message>
    <message>
        <source>A file in the backup is missing or damaged, so nothing was restored. Try an older snapshot or another backup.</source>
        <translation>备份中有文件缺失或损坏，因此没有恢复任何内容。请试试更早的快照或另一份备份。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is damaged.</source>
        <translation>保险箱中的一个加密文件已损坏。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is damaged and cannot be read.</source>
        <translation>保险箱中的一个加密文件已损坏，无法读取。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is cut short and cannot be read.</source>
        <translation>保险箱中的一个加密文件不完整，无法读取。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault has a damaged header.</source>
        <translation>保险箱中一个加密文件的文件头已损坏。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault was not made for this vault&apos;s key.</source>
        <translation>保险箱中的一个加密文件不是用本保险箱的密钥加密的。</translation>
    </message>
    <message>
        <source>A file in the vault is not in the encrypted format it should be.</source>
        <translation>保险箱中的一个文件不是应有的加密格式。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault has damaged armor.</source>
        <translation>保险箱中一个加密文件的文本封装已损坏。</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is damaged.</source>
        <translation>保险箱的密钥文件已损坏。</translation>
    </message>
    <message>
        <source>The file&apos;s date and details could not be read.</source>
        <translation>无法读取该文件的日期和详细信息。</translation>
    </message>
    <message>
        <source>An entry in the vault&apos;s history log is damaged.</source>
        <translation>保险箱操作记录中的一条已损坏。</translation>
    </message>
    <message>
        <source>An entry for the vault&apos;s history log could not be written.</source>
        <translation>无法写入保险箱操作记录。</translation>
    </message>
    <message>
        <source>The vault&apos;s key is damaged.</source>
        <translation>保险箱的密钥已损坏。</translation>
    </message>
    <message>
        <source>Unlocking was interrupted before it finished. Please try again.</source>
        <translation>解锁在完成前被中断了。请再试一次。</translation>
    </message>
    <message>
        <source>This backup is already in the vault, and its calls and messages are already counted: see the lender&apos;s Case tab.</source>
        <translation>这个备份已经在保险箱里了，里面的通话和短信也已经统计过：请看这个平台的“案情”页。</translation>
    </message>
    <message>
        <source>The calls and messages of this backup are already counted: see the lender&apos;s Case tab.</source>
        <translation>这个备份里的通话和短信已经统计过了：请看这个平台的“案情”页。</translation>
    </message>
    <message>
        <source>Only a call log or SMS backup can be analysed.</source>
        <translation>只有通话记录或短信备份才能分析。</translation>
    </message>
    <message>
        <source>Only a backup file can be imported here, not a folder or a link.</source>
        <translation>这里只能导入备份文件，不能导入文件夹或链接。</translation>
    </message>
    <message>
        <source>This file is not a call log or SMS backup from “SMS Backup &amp; Restore”. Nothing was imported.</source>
        <translation>这个文件不是“SMS Backup &amp; Restore”的通话记录或短信备份。没有导入任何内容。</translation>
    </message>
    <message>
        <source>The backup file is cut off; copy it from the phone again. Nothing was imported.</source>
        <translation>备份文件不完整，请从手机重新复制一次。没有导入任何内容。</translation>
    </message>
    <message>
        <source>The backup file contains XML that phone backups never use, so it was refused. Nothing was imported.</source>
        <translation>备份文件里有手机备份从不使用的 XML 结构，因此被拒绝。没有导入任何内容。</translation>
    </message>
    <message>
        <source>This complaint no longer exists in the vault.</source>
        <translation>这条投诉已不在保险箱中。</translation>
    </message>
    <message>
        <source>This complaint cannot be saved as given.</source>
        <translation>这条投诉无法按填写的内容保存。</translation>
    </message>
    <message>
        <source>A rule file of this vault is damaged, so rules cannot be checked.</source>
        <translation>这个保险箱的规则文件已损坏，无法检查规定。</translation>
    </message>
    <message>
        <source>The bundle could not be written.</source>
        <translation>证据包无法写入。</translation>
    </message>
    <message>
        <source>This note is too long to keep in one piece. Split it into several notes.</source>
        <translation>这条笔记太长，无法完整保存。请分成几条笔记来写。</translation>
    </message>
    <message>
        <source>This transcript cannot be saved as written: it is too long, or a line has no time or no words.</source>
        <translation>这份文字稿无法按现在的样子保存：内容太长，或有一行没有时间或没有文字。</translation>
    </message>
    <message>
        <source>Only a recording can have a transcript.</source>
        <translation>只有录音才能有文字稿。</translation>
    </message>
    <message>
        <source>There is no evidence to export for this choice of lender and dates.</source>
        <translation>所选平台和日期范围内没有可导出的证据。</translation>
    </message>
    <message>
        <source>A file with that name already exists. Choose another name.</source>
        <translation>已有同名文件。请换一个名字。</translation>
    </message>
    <message>
        <source>The lender has no company name yet. Type the company&apos;s full name (as in the loan contract) and make the material again.</source>
        <translation>这个平台还没有填写公司名称。请填写公司全称（与借款合同一致）后再生成材料。</translation>
    </message>
    <message>
        <source>This lender has no evidence yet. Import recordings, screenshots or a call log first.</source>
        <translation>这个平台还没有证据。请先导入录音、截图或通话记录。</translation>
    </message>
    <message>
        <source>Making the complaint material was cancelled. Nothing was written.</source>
        <translation>已取消生成投诉材料，没有写入任何文件。</translation>
    </message>
    <message>
        <source>A file in the vault no longer matches the hash taken when it was imported, so no copy of it was made. Run a vault check.</source>
        <translation>保险箱中有文件与导入时记录的哈希值不再一致，因此没有为它制作副本。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>One of the images cannot be read or made small enough for this channel. It stays in the full evidence bundle.</source>
        <translation>有一张图片无法读取，或无法压缩到该渠道的大小限制以内。它仍在完整证据包中。</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>The check was stopped before the end, so it says nothing about the bundle.</source>
        <translation>核验在完成前被停止，因此对这个证据包没有任何结论。</translation>
    </message>
    <message>
        <source>A file in the vault no longer matches the hash taken when it was imported, so the export stopped. Run a vault check.</source>
        <translation>保险箱中有文件与导入时记录的哈希值不一致，导出已停止。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>The timestamp server gave no usable answer.</source>
        <translation>时间戳服务器没有给出可用的回复。</translation>
    </message>
    <message>
        <source>The timestamp server could not be reached. Try again when online.</source>
        <translation>无法连接时间戳服务器。请在联网时再试。</translation>
    </message>
    <message>
        <source>The timestamp server&apos;s answer is not a valid timestamp.</source>
        <translation>时间戳服务器的回复不是有效的时间戳。</translation>
    </message>
    <message>
        <source>The timestamp server&apos;s answer is not signed by a trusted authority.</source>
        <translation>时间戳服务器的回复没有可信机构的签名。</translation>
    </message>
    <message>
        <source>That is not a usable timestamp server address (it must start with http).</source>
        <translation>这不是可用的时间戳服务器地址（必须以 http 开头）。</translation>
    </message>
    <message>
        <source>This timestamp server is not in the vault&apos;s list.</source>
        <translation>这个时间戳服务器不在保险箱的列表中。</translation>
    </message>
    <message>
        <source>A checkpoint of the vault could not be made or checked. Run a vault check.</source>
        <translation>无法生成或核对保险箱的检查点。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>The vault&apos;s evidence no longer matches a checkpoint signed earlier: something in the vault was changed. Run a vault check.</source>
        <translation>保险箱中的证据与之前签署的检查点不再一致：保险箱里有内容被改动过。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>The vault&apos;s checkpoint data could not be worked out. Run a vault check.</source>
        <translation>无法计算保险箱的检查点数据。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>A fingerprint in the vault&apos;s checkpoint data is damaged. Run a vault check.</source>
        <translation>保险箱检查点数据中的一个指纹已损坏。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>The vault&apos;s checkpoint data does not cover the evidence asked for. Run a vault check.</source>
        <translation>保险箱的检查点数据不包含所要求的证据。请运行保险箱检查。</translation>
    </message>
    <message>
        <source>A signature does not check out, so the files cannot be shown unchanged.</source>
        <translation>签名核对不通过，因此无法证明这些文件没有被改动。</translation>
    </message>
    <message>
        <source>The signature is damaged and cannot be checked.</source>
        <translation>签名已损坏，无法核对。</translation>
    </message>
    <message>
        <source>The signature is of a kind this app cannot check.</source>
        <translation>这种签名本软件无法核对。</translation>
    </message>
    <message>
        <source>The signature was made for something else, not for Evidence Vault.</source>
        <translation>这个签名是为别的用途制作的，不是证据保险箱的签名。</translation>
    </message>
    <message>
        <source>The signature was made with a different key from the one expected.</source>
        <translation>这个签名所用的密钥与预期的密钥不同。</translation>
    </message>
    <message>
        <source>The signature does not match the files: they or the signature were changed after signing.</source>
        <translation>签名与文件不符：签名之后，文件或签名被改动过。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of signing keys (allowed_signers) is damaged.</source>
        <translation>证据包中的签名密钥列表（allowed_signers）已损坏。</translation>
    </message>
    <message>
        <source>A signature could not be made as asked.</source>
        <translation>无法按要求生成签名。</translation>
    </message>
    <message>
        <source>This file cannot be read as an evidence bundle. It may be damaged or cut short.</source>
        <translation>无法把这个文件当作证据包读取。它可能已损坏或不完整。</translation>
    </message>
    <message>
        <source>This file holds things no evidence bundle holds, so it was refused for your safety.</source>
        <translation>这个文件里有证据包绝不会有的内容，为了你的安全已拒绝处理。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of evidence (manifest.json) is missing or damaged.</source>
        <translation>证据包的证据清单（manifest.json）缺失或已损坏。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of file hashes (SHA256SUMS) is damaged.</source>
        <translation>证据包的文件哈希值列表（SHA256SUMS）已损坏。</translation>
    </message>
    <message>
        <source>No passphrase was given.</source>
        <translation>没有提供密码短语。</translation>
    </message>
    <message>
        <source>This part of Evidence Vault is not installed.</source>
        <translation>证据保险箱的这个部分没有安装。</translation>
    </message>
    <message>
        <source>Something went wrong in the vault.</source>
        <translation>保险箱出了点问题。</translation>
    </message>
    <message>
        <source>Could not start receiving: the network address or port is not available.</source>
        <translation>无法开始接收：该网络地址或端口不可用。</translation>
    </message>
    <message>
        <source>The upload from the phone was interrupted; nothing of it was kept.</source>
        <translation>手机的上传中断了，这个文件没有保存任何部分。</translation>
    </message>
    <message>
        <source>What the phone sent was not a file upload; nothing of it was kept.</source>
        <translation>手机发送的不是文件上传，没有保存任何内容。</translation>
    </message>
    <message>
        <source>The vault&apos;s history log is broken. Run a vault check to find where.</source>
        <translation>保险箱的操作记录链已断开。请运行保险箱检查找出位置。</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path</source>
        <translation>复制文件路径</translation>
    </message>
    <message>
        <source>Something unexpected went wrong, but your evidence is safe.</source>
        <translation>发生了意外错误，但你的证据是安全的。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong, but your evidence is safe. The details are in this file, which holds no passphrase or note text:
%1</source>
        <translation>发生了意外错误，但你的证据是安全的。详细信息记录在下面这个文件中，其中不含密码短语或笔记内容：
%1</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>证据保险箱</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export an evidence bundle</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>The bundle is one ZIP file to give to a regulator, a lawyer, the police or a court. It holds copies of the evidence, an evidence list (PDF), and the hashes and signature that let anyone check, without this app, that nothing was changed.</source>
        <translation>证据包是一个 ZIP 文件，可以交给监管部门、律师、警方或法院。里面有证据的副本、证据目录（PDF），以及哈希值和签名：任何人不用本软件也能核对内容没有被改动。</translation>
    </message>
    <message>
        <source>Only what happened between</source>
        <translation>只导出发生在以下日期之间的</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Ask the vault&apos;s timestamp servers to stamp the bundle (needs the internet)</source>
        <translation>请保险箱的时间戳服务器为证据包加盖时间戳（需要联网）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Evidence of</source>
        <translation>哪个平台的证据</translation>
    </message>
    <message>
        <source>Evidence list in</source>
        <translation>证据目录语言</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation>证据包保存为</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>The bundle is saved:
%1

%2 items, %3.</source>
        <translation>证据包已保存：
%1

共 %2 项，%3。</translation>
    </message>
    <message>
        <source>No timestamp server answered, so this bundle has no trusted timestamp. It is complete and can be checked without one.</source>
        <translation>没有时间戳服务器应答，所以这个证据包没有可信时间戳。证据包是完整的，没有时间戳也可以核验。</translation>
    </message>
    <message>
        <source>You chose not to timestamp this bundle.</source>
        <translation>您选择了不为这个证据包加盖时间戳。</translation>
    </message>
    <message>
        <source>To add a timestamp later: when you are online, open “Trusted time…”, click “Timestamp now”, then export the bundle again.</source>
        <translation>稍后加盖时间戳：联网后打开“可信时间…”，点击“立即加盖时间戳”，然后重新导出证据包。</translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation>接下来怎么做：</translation>
    </message>
    <message>
        <source>Send the ZIP file as it is to the regulator, lawyer, police or court (e-mail, USB stick or a download link). The README.txt inside explains, in Chinese and English, how to check it with standard tools.</source>
        <translation>把这个 ZIP 文件原样交给监管部门、律师、警方或法院（电子邮件、U 盘或下载链接均可）。里面的 README.txt 用中文和英文说明了如何用常见工具核验。</translation>
    </message>
    <message>
        <source>Tell them the key fingerprint another way (by phone, in person): %1</source>
        <translation>通过另一种方式（电话、当面）告诉对方密钥指纹：%1</translation>
    </message>
    <message>
        <source>To complain to 12378, NIFA or Heimao: they take pasted text and small files, not this ZIP. In the Case tab, under Complaints, “Make complaint material…” writes each channel&apos;s text and attachments, and says where to file.</source>
        <translation>要向 12378、互联网金融举报平台或黑猫投诉：这些渠道收的是粘贴的文字和小文件，不收这个 ZIP。在“案情”标签的“投诉”里点“生成投诉材料…”，它为每个渠道写好文字和附件，并说明去哪里提交。</translation>
    </message>
    <message>
        <source>Keep a copy of the ZIP file yourself.</source>
        <translation>自己也保留一份 ZIP 文件。</translation>
    </message>
    <message>
        <source>Keep this vault and its passphrase: it holds the originals and can make a new bundle at any time.</source>
        <translation>保留这个保险箱和它的密码短语：原始文件都在里面，随时可以重新导出证据包。</translation>
    </message>
    <message>
        <source>SHA-256 of SHA256SUMS: %1</source>
        <translation>SHA256SUMS 的 SHA-256：%1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>签名密钥：%1</translation>
    </message>
    <message>
        <source>Timestamped by %1 at %2</source>
        <translation>由 %1 于 %2 加盖时间戳</translation>
    </message>
    <message>
        <source>No timestamp server stamped this bundle.</source>
        <translation>这个证据包没有时间戳服务器的时间戳。</translation>
    </message>
    <message>
        <source>Items with a timestamped checkpoint: %1 of %2</source>
        <translation>有时间戳检查点的证据：%1 / %2</translation>
    </message>
    <message>
        <source>The folder cannot be shown</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>This computer has no program to show folders. The bundle is here:
%1

Use “Copy the path” and paste it where you need it.</source>
        <translation>这台电脑没有可以打开文件夹的程序。证据包在这里：
%1

请点击“复制路径”，然后粘贴到需要的地方。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Copy the path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Verify this bundle</source>
        <translation>核验这个证据包</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <source>Exporting evidence</source>
        <translation>正在导出证据</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Item %1 of %2 (%3 MB/s)</source>
        <translation>第 %1 项，共 %2 项（%3 MB/s）</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search titles, notes, numbers…</source>
        <translation>搜索标题、笔记、号码…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Show the trash</source>
        <translation>显示回收站</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>Recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>SMS / call backup</source>
        <translation>短信/通话记录备份</translation>
    </message>
    <message>
        <source>Phone call log backup (%1 calls, %2 messages)</source>
        <translation>通话记录备份（%1 个通话，%2 条短信）</translation>
    </message>
    <message>
        <source>Phone message backup (%1 calls, %2 messages)</source>
        <translation>短信备份（%1 个通话，%2 条短信）</translation>
    </message>
    <message>
        <source>Frequent calls</source>
        <translation>频繁来电</translation>
    </message>
    <message>
        <source>Threats</source>
        <translation>威胁恐吓</translation>
    </message>
    <message>
        <source>Contacting family or contacts</source>
        <translation>骚扰家人或通讯录</translation>
    </message>
    <message>
        <source>Leaking personal data</source>
        <translation>泄露个人信息</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门催收</translation>
    </message>
    <message>
        <source>Insults</source>
        <translation>辱骂</translation>
    </message>
    <message>
        <source>Posing as police or court</source>
        <translation>冒充公检法</translation>
    </message>
    <message>
        <source>Fake legal documents</source>
        <translation>伪造法律文书</translation>
    </message>
    <message>
        <source>Private phone or social app</source>
        <translation>私人手机或社交软件</translation>
    </message>
    <message>
        <source>Exaggerated or false claims</source>
        <translation>虚构黑名单或夸大后果</translation>
    </message>
    <message>
        <source>Workplace visit</source>
        <translation>到工作单位催收</translation>
    </message>
    <message>
        <source>Contacted after asking to stop</source>
        <translation>联系人拒绝后仍被联系</translation>
    </message>
    <message>
        <source>Notices posted in public</source>
        <translation>公开张贴公告或律师函</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Time taken from the photo&apos;s EXIF data.</source>
        <translation>时间取自照片的 EXIF 信息。</translation>
    </message>
    <message>
        <source>Time taken from the recording&apos;s or video&apos;s own metadata.</source>
        <translation>时间取自录音或视频本身的元数据。</translation>
    </message>
    <message>
        <source>Time read from the file name.</source>
        <translation>时间取自文件名。</translation>
    </message>
    <message>
        <source>Time taken from the file&apos;s last-modified date (less reliable).</source>
        <translation>时间取自文件的最后修改日期（可靠性较低）。</translation>
    </message>
    <message>
        <source>No time found in the file; this is when it was imported.</source>
        <translation>文件中找不到时间；这是导入的时间。</translation>
    </message>
    <message>
        <source>Time entered by you.</source>
        <translation>时间由你填写。</translation>
    </message>
    <message>
        <source>Time of the newest call or message in the backup.</source>
        <translation>时间取自备份中最新一条通话或短信。</translation>
    </message>
    <message>
        <source>Time of the message that carried it, from the phone&apos;s backup.</source>
        <translation>时间取自手机备份中带来它的那条彩信。</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>This image cannot be shown here.</source>
        <translation>这张图片无法在这里显示。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importing evidence</source>
        <translation>正在导入证据</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported: %1
Already in the vault: %2
Not imported: %3</source>
        <translation>已导入：%1
已在保险箱中：%2
未导入：%3</translation>
    </message>
    <message>
        <source>Cancelled before import: %1</source>
        <translation>导入前已取消：%1</translation>
    </message>
    <message>
        <source>Phone backup %1: %2 calls, %3 SMS and %4 MMS read into the Case tab.</source>
        <translation>手机备份 %1：%2 个通话、%3 条短信和 %4 条彩信已读进“案情”页。</translation>
    </message>
    <message>
        <source>It was in the trash and is back in the list.</source>
        <translation>它原来在回收站里，现在已恢复到列表中。</translation>
    </message>
    <message>
        <source>It was already in the vault; its calls and messages are now read too.</source>
        <translation>它本来就在保险箱里；现在里面的通话和短信也读进来了。</translation>
    </message>
    <message>
        <source>To count its calls for a lender, add the collectors&apos; numbers in that lender&apos;s Case tab.</source>
        <translation>要把这些通话算在某个平台名下，请在那个平台的“案情”页添加催收号码。</translation>
    </message>
    <message>
        <source>File %1 of %2, %5 of %6 (%3 MB/s)
%4</source>
        <translation>第 %1 个，共 %2 个文件；%5 / %6（%3 MB/s）
%4</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>LenderSidebar</name>
    <message>
        <source>Add lender…</source>
        <translation>添加平台…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message numerus="yes">
        <source>All lenders (%n)</source>
        <translation>
            <numerusform>全部平台（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename lender</source>
        <translation>重命名借贷平台</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
</context>
<context>
    <name>LocationBox</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>The vault is kept in this folder on this computer. You can copy it to a USB stick as a backup.</source>
        <translation>保险箱存放在这台电脑上的这个文件夹里。你可以把它复制到 U 盘作为备份。</translation>
    </message>
    <message>
        <source>Time zone of the calls</source>
        <translation>来电所在的时区</translation>
    </message>
    <message>
        <source>Choose a folder for the vault</source>
        <translation>为保险箱选择文件夹</translation>
    </message>
</context>
<context>
    <name>MachineText</name>
    <message>
        <source>No machine-read text yet: the image waits to be read.</source>
        <translation>尚无机器识别文字：图片正在等待识别。</translation>
    </message>
    <message>
        <source>Machine-read (%1): the image could not be read.</source>
        <translation>机器识别（%1）：无法识别这张图片。</translation>
    </message>
    <message>
        <source>Machine-read text (%1). It may contain mistakes; the image is the evidence.</source>
        <translation>机器识别文字（%1），可能有误，以原图为准。</translation>
    </message>
    <message>
        <source>File under “%1” (the text says: %2)</source>
        <translation>归入“%1”（文字中有：%2）</translation>
    </message>
    <message>
        <source>%1 — a collector number of %2</source>
        <translation>%1 — %2 的催收号码</translation>
    </message>
    <message>
        <source>Phone numbers in the text: %1</source>
        <translation>文字中的电话号码：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Verify an evidence bundle…</source>
        <translation>核验证据包…</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Evidence Vault — %1</source>
        <translation>证据保险箱 — %1</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>证据保险箱</translation>
    </message>
    <message>
        <source>Choose the vault folder</source>
        <translation>选择保险箱文件夹</translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>No sound can be heard: this computer has no speakers or headphones connected.</source>
        <translation>听不到声音：这台电脑没有连接音箱或耳机。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <source>New passphrase</source>
        <translation>新的密码短语</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再输入一次密码短语</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note about %1</source>
        <translation>关于 %1 的笔记</translation>
    </message>
    <message>
        <source>What happened, who said what, who was there.</source>
        <translation>发生了什么，谁说了什么，谁在场。</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>About the item shown: %1</source>
        <translation>关于当前显示的证据：%1</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>12378 consumer hotline and web form (NFRA)</source>
        <translation>12378 消费者投诉热线及网上投诉（国家金融监督管理总局）</translation>
    </message>
    <message>
        <source>NIFA online report (jubao.nifa.org.cn)</source>
        <translation>中国互联网金融协会举报平台（jubao.nifa.org.cn）</translation>
    </message>
    <message>
        <source>Heimao complaints (public)</source>
        <translation>黑猫投诉（公开）</translation>
    </message>
    <message>
        <source>Police (110 or the station)</source>
        <translation>公安机关（110 或派出所）</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Lawyer or legal aid</source>
        <translation>律师或法律援助</translation>
    </message>
    <message>
        <source>Complaint material for %1</source>
        <translation>%1 的投诉材料</translation>
    </message>
    <message>
        <source>As in the loan contract, e.g. …有限公司</source>
        <translation>与借款合同一致，例如 …有限公司</translation>
    </message>
    <message>
        <source>The channels ask for the company&apos;s full name (被投诉机构全称). It is saved with the lender.</source>
        <translation>投诉渠道要求填写被投诉机构全称。它会保存到这个平台的资料中。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Make the material</source>
        <translation>生成材料</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <source>Company (full name)</source>
        <translation>公司全称</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Demands (诉求)</source>
        <translation>诉求（每行一条）</translation>
    </message>
    <message>
        <source>Where to save the material</source>
        <translation>选择材料的保存位置</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>请选择文件夹</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Choose another one.</source>
        <translation>文件夹 %1 不存在。请另选一个。</translation>
    </message>
</context>
<context>
    <name>PackResultDialog</name>
    <message>
        <source>The complaint material is ready</source>
        <translation>投诉材料已生成</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>One ZIP file: %1</source>
        <translation>打包的 ZIP 文件：%1</translation>
    </message>
    <message>
        <source>Text to paste: 投诉内容.txt. Attachments: %1 labelled image copies%2.</source>
        <translation>要粘贴的文字：投诉内容.txt。附件：%1 张标注过的图片副本%2。</translation>
    </message>
    <message>
        <source> and the violation table (PDF)</source>
        <translation>和违规情况表（PDF）</translation>
    </message>
    <message>
        <source>%1 more images are in the full evidence bundle only.</source>
        <translation>另有 %1 张图片只在完整证据包中。</translation>
    </message>
    <message>
        <source>Where to file</source>
        <translation>在哪里提交</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Record the filing…</source>
        <translation>登记这次投诉…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The folder cannot be shown</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>This computer has no program to show folders. The material is here:
%1</source>
        <translation>这台电脑没有可以打开文件夹的程序。材料在这里：
%1</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>设置密码短语</translation>
    </message>
    <message>
        <source>Several words you can remember. Nobody, not even us, can open the vault without it or the recovery key.</source>
        <translation>用几个你记得住的词。没有它或恢复密钥，任何人（包括我们）都打不开保险箱。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再输入一次密码短语</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>非常弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>非常强</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>两次输入的密码短语不一致。</translation>
    </message>
    <message>
        <source>Creating the vault… this takes a few seconds.</source>
        <translation>正在创建保险箱…需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>PhoneImportDialog</name>
    <message>
        <source>Import from phone</source>
        <translation>从手机导入</translation>
    </message>
    <message>
        <source>Connect the phone with its USB cable, unlock it and choose “File transfer” when it asks. The folders where phones keep call recordings, screenshots and WeChat and QQ images are listed below; the ticked ones are copied into the vault, nothing on the phone changes.</source>
        <translation>用 USB 数据线连接手机，解锁手机，在手机询问时选择“传输文件”。下面列出手机保存通话录音、截图以及微信和QQ图片的文件夹；勾选的文件夹会复制到保险箱里，手机上的内容不会有任何改动。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Import the ticked folders</source>
        <translation>导入勾选的文件夹</translation>
    </message>
    <message>
        <source>Looking for phones…</source>
        <translation>正在查找手机…</translation>
    </message>
    <message>
        <source>No folder with evidence found on it.</source>
        <translation>手机上没有找到存放证据的文件夹。</translation>
    </message>
    <message>
        <source>No phone found. Check the cable, unlock the phone and choose “File transfer”, then look again.</source>
        <translation>没有找到手机。请检查数据线，解锁手机并选择“传输文件”，然后重新查找。</translation>
    </message>
    <message>
        <source>%1 files in the folders found.</source>
        <translation>找到的文件夹里共有 %1 个文件。</translation>
    </message>
    <message>
        <source>The phone could not be read. Look again.</source>
        <translation>无法读取手机。请重新查找。</translation>
    </message>
    <message>
        <source>over USB (MTP)</source>
        <translation>通过 USB（MTP）</translation>
    </message>
    <message>
        <source>as a USB drive</source>
        <translation>作为U盘</translation>
    </message>
    <message>
        <source>Call recordings</source>
        <translation>通话录音</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Chat images</source>
        <translation>聊天图片</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Select an item to see it here.</source>
        <translation>选择一条证据即可在此查看。</translation>
    </message>
    <message>
        <source>Decrypting…</source>
        <translation>正在解密…</translation>
    </message>
    <message>
        <source>This PDF cannot be shown here. Export it to view it.</source>
        <translation>此 PDF 无法在这里显示。请导出后查看。</translation>
    </message>
    <message>
        <source>There is no preview for this kind of file. Export it to view it.</source>
        <translation>这类文件没有预览。请导出后查看。</translation>
    </message>
    <message>
        <source>This item could not be read for preview.</source>
        <translation>无法读取这条证据进行预览。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>Match OS X Finder</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive from phone — %1</source>
        <translation>从手机接收 — %1</translation>
    </message>
    <message>
        <source>On the phone, connect to the same Wi-Fi as this computer and scan this code with the camera, or type the address into the browser. The browser will warn that the certificate is unknown: it was made for this session; check that the fingerprint matches, then continue.</source>
        <translation>请让手机连接与这台电脑相同的 Wi-Fi，用相机扫描这个二维码，或在浏览器中输入地址。浏览器会提示证书未知：它是为本次接收生成的；请核对指纹一致后继续。</translation>
    </message>
    <message>
        <source>Warning: %1 is not a private network address. Anyone who can reach it could try to connect; prefer your home Wi-Fi.</source>
        <translation>警告：%1 不是私有网络地址。能访问到它的任何人都可能尝试连接；请尽量使用家里的 Wi-Fi。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>形成时间</translation>
    </message>
    <message>
        <source>Time from</source>
        <translation>时间来源</translation>
    </message>
    <message>
        <source>Stop receiving</source>
        <translation>停止接收</translation>
    </message>
    <message>
        <source>Arrived:</source>
        <translation>已收到：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Pairing code:</source>
        <translation>配对码：</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256):</source>
        <translation>证书指纹（SHA-256）：</translation>
    </message>
    <message>
        <source>Waiting for the phone…</source>
        <translation>正在等待手机……</translation>
    </message>
    <message>
        <source>Accept this phone</source>
        <translation>接受这部手机</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>A phone at %1 opened the page. Does it show the pairing code %2?</source>
        <translation>地址为 %1 的手机打开了页面。它显示的配对码是 %2 吗？</translation>
    </message>
    <message>
        <source>Receiving from the phone at %1.</source>
        <translation>正在接收来自 %1 的手机的文件。</translation>
    </message>
    <message>
        <source>Refused. Waiting for the phone…</source>
        <translation>已拒绝。正在等待手机……</translation>
    </message>
    <message>
        <source>Stored (%1)</source>
        <translation>已存入（%1）</translation>
    </message>
    <message>
        <source>Already in the vault</source>
        <translation>保险箱里已有</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>未接收：%1</translation>
    </message>
    <message>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <source>file metadata</source>
        <translation>文件元数据</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>file date</source>
        <translation>文件日期</translation>
    </message>
    <message>
        <source>arrival time</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>newest row</source>
        <translation>最新一条记录</translation>
    </message>
</context>
<context>
    <name>RecoveryDialogs</name>
    <message>
        <source>Working… this takes a few seconds.</source>
        <translation>正在处理…需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Your recovery key</source>
        <translation>你的恢复密钥</translation>
    </message>
    <message>
        <source>It is shown only now. Print it or save it as a PDF, and keep it away from this computer.</source>
        <translation>它只显示这一次。请打印或保存为 PDF，并存放在这台电脑以外的地方。</translation>
    </message>
    <message>
        <source>A PDF on this computer alone is not enough: if the computer is lost or broken, the key goes with it.</source>
        <translation>只把 PDF 存在这台电脑上是不够的：电脑丢了或坏了，恢复密钥也就跟着没了。</translation>
    </message>
    <message>
        <source>I have printed the recovery key or copied it off this computer.</source>
        <translation>我已打印恢复密钥，或已把它复制到这台电脑以外的地方。</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Without your passphrase or this recovery key, nobody can recover the evidence. Not even the makers of this app.</source>
        <translation>没有你的密码短语或这把恢复密钥，任何人都无法找回证据，包括本应用的开发者。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>另存到别处…</translation>
    </message>
    <message>
        <source>Choose where: a USB stick, for example.</source>
        <translation>自己选择位置，例如 U 盘。</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>If you forget the passphrase: open the vault, choose “Forgot the passphrase? Unlock with the recovery key”, type the key below, then choose a new passphrase.</source>
        <translation>如果忘记了密码短语：打开保险箱，选择“忘记密码短语？用恢复密钥解锁”，输入下面的密钥，然后设置新的密码短语。</translation>
    </message>
    <message>
        <source>Vault number %1</source>
        <translation>保险箱编号 %1</translation>
    </message>
    <message>
        <source>Recovery key:</source>
        <translation>恢复密钥：</translation>
    </message>
    <message>
        <source>Public key (names the vault, not secret):</source>
        <translation>公钥（用来识别保险箱，不是秘密）：</translation>
    </message>
    <message>
        <source>Keep this sheet away from this computer, where nobody else looks.</source>
        <translation>请把这张纸放在远离这台电脑、别人看不到的地方。</translation>
    </message>
    <message>
        <source>Evidence Vault recovery key</source>
        <translation>证据保险箱恢复密钥</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>证据保险箱</translation>
    </message>
    <message>
        <source>The sheet could not be saved in %1. Choose another folder.</source>
        <translation>无法保存到 %1。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saved: %1
Print it or copy it to a USB stick, then delete it from this computer.</source>
        <translation>已保存：%1
请把它打印出来或复制到U盘，然后从这台电脑上删除。</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockDialog</name>
    <message>
        <source>Unlock and set the new passphrase</source>
        <translation>解锁并设置新的密码短语</translation>
    </message>
    <message>
        <source>Unlock with the recovery key</source>
        <translation>用恢复密钥解锁</translation>
    </message>
    <message>
        <source>Type or paste the recovery key from your recovery sheet (it starts with AGE-SECRET-KEY-1). Then choose a new passphrase: the old one stops working.</source>
        <translation>输入或粘贴恢复密钥纸上的恢复密钥（以 AGE-SECRET-KEY-1 开头）。然后设置新的密码短语：旧的密码短语将不再有效。</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>密码短语已更改</translation>
    </message>
    <message>
        <source>The vault is open. From now on, unlock it with the new passphrase.</source>
        <translation>保险箱已打开。今后请用新的密码短语解锁。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Show a neutral window title (“Notes”)</source>
        <translation>使用不显眼的窗口标题（“笔记”）</translation>
    </message>
    <message>
        <source> new items</source>
        <translation> 项新证据</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <source>A new language is used the next time the app starts.</source>
        <translation>新的语言将在下次启动应用时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>闲置后自动锁定</translation>
    </message>
    <message>
        <source>Remind to back up after</source>
        <translation>提醒备份：满</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>更改密码短语…</translation>
    </message>
    <message>
        <source>Show the recovery key again…</source>
        <translation>再次显示恢复密钥…</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Time zone of the calls</source>
        <translation>来电所在的时区</translation>
    </message>
</context>
<context>
    <name>ShowRecoveryKeyDialog</name>
    <message>
        <source>Show the recovery key</source>
        <translation>显示恢复密钥</translation>
    </message>
    <message>
        <source>Show the recovery key again</source>
        <translation>再次显示恢复密钥</translation>
    </message>
    <message>
        <source>Type your passphrase to see the recovery key and make a new recovery sheet.</source>
        <translation>输入密码短语，即可查看恢复密钥并制作新的恢复密钥纸。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Call not connected (0 s)</source>
        <translation>未接通的来电（0秒）</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>已接来电</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>未接来电</translation>
    </message>
    <message>
        <source>Rejected call</source>
        <translation>已拒接来电</translation>
    </message>
    <message>
        <source>Blocked call</source>
        <translation>已拦截来电</translation>
    </message>
    <message>
        <source>Call to voicemail</source>
        <translation>转入语音信箱的来电</translation>
    </message>
    <message>
        <source>Call you made</source>
        <translation>你拨出的电话</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Message received</source>
        <translation>收到的短信</translation>
    </message>
    <message>
        <source>Message you sent</source>
        <translation>你发出的短信</translation>
    </message>
    <message>
        <source>Unsent draft</source>
        <translation>未发送的草稿</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Phone&apos;s own record</source>
        <translation>手机自身的记录</translation>
    </message>
    <message>
        <source>Newest row of the backup</source>
        <translation>备份中最新的一条记录</translation>
    </message>
    <message>
        <source>Photo&apos;s EXIF data</source>
        <translation>照片的 EXIF 信息</translation>
    </message>
    <message>
        <source>File&apos;s own metadata</source>
        <translation>文件自带的元数据</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>File date (less reliable)</source>
        <translation>文件日期（不太可靠）</translation>
    </message>
    <message>
        <source>Time of import</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Entered by you</source>
        <translation>你填写的</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>With %1 attachment(s), stored as evidence items.</source>
        <translation>附带 %1 个附件，已作为证据单独保存。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Time from</source>
        <translation>时间来源</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证据文件</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Only this number</source>
        <translation>只看这个号码</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Reading the timeline…</source>
        <translation>正在读取时间线…</translation>
    </message>
    <message>
        <source>That does not look like a phone number.</source>
        <translation>这看起来不像电话号码。</translation>
    </message>
    <message numerus="yes">
        <source>Entries: %n, oldest first.</source>
        <translation>
            <numerusform>共 %n 条，按时间从早到晚。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Add line here (F2)</source>
        <translation>在此处加一行 (F2)</translation>
    </message>
    <message>
        <source>Delete line</source>
        <translation>删除这一行</translation>
    </message>
    <message>
        <source>Save transcript</source>
        <translation>保存文字稿</translation>
    </message>
    <message>
        <source>F2 add a line · Ctrl+Space play/pause · Ctrl+← back 5 s · Ctrl+→ on 5 s</source>
        <translation>F2 加一行 · Ctrl+空格 播放/暂停 · Ctrl+← 后退 5 秒 · Ctrl+→ 前进 5 秒</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收方</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Double-click to correct the time (mm:ss)</source>
        <translation>双击可更正时间（分:秒）</translation>
    </message>
    <message>
        <source>Not saved yet (Ctrl+S).</source>
        <translation>尚未保存 (Ctrl+S)。</translation>
    </message>
    <message>
        <source>Version %1, saved %2.</source>
        <translation>第 %1 版，保存于 %2。</translation>
    </message>
    <message>
        <source>No transcript.</source>
        <translation>没有文字稿。</translation>
    </message>
    <message>
        <source>No transcript yet: press F2 while it plays to add a line.</source>
        <translation>还没有文字稿：播放时按 F2 加一行。</translation>
    </message>
</context>
<context>
    <name>Trash</name>
    <message>
        <source>Delete “%1” for good?

Its contents are destroyed and cannot be recovered, not even with the recovery key. Its hashes stay in the custody log, so the log still verifies.</source>
        <translation>永久删除“%1”？

它的内容会被销毁，无法恢复，用恢复密钥也不行。它的哈希值会留在保管记录里，所以记录仍然可以核验。</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>永久删除</translation>
    </message>
</context>
<context>
    <name>TrustedTimeDialog</name>
    <message>
        <source>Trusted time</source>
        <translation>可信时间</translation>
    </message>
    <message>
        <source>After every import the vault signs a checkpoint of all its evidence. A timestamp server on the internet can confirm that the checkpoint existed at a given time, which shows the files were not made later. Only a hash is sent, never the evidence.</source>
        <translation>每次导入后，保险箱都会对全部证据签署一个检查点。互联网上的时间戳服务器可以证明这个检查点在某个时间已经存在，从而说明这些文件不是事后制作的。发送的只是哈希值，绝不发送证据本身。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>添加服务器…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Timestamp now</source>
        <translation>立即加盖时间戳</translation>
    </message>
    <message>
        <source>Timestamp servers, asked in this order:</source>
        <translation>时间戳服务器（按此顺序询问）：</translation>
    </message>
    <message>
        <source>Last timestamp: %1, by %2.</source>
        <translation>最近一次时间戳：%1，由 %2 签发。</translation>
    </message>
    <message>
        <source>No timestamp yet.</source>
        <translation>还没有时间戳。</translation>
    </message>
    <message numerus="yes">
        <source>%n checkpoint(s) wait for a timestamp.</source>
        <translation>
            <numerusform>%n 个检查点等待加盖时间戳。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits for a timestamp.</source>
        <translation>没有等待加盖时间戳的检查点。</translation>
    </message>
    <message>
        <source>Add a timestamp server</source>
        <translation>添加时间戳服务器</translation>
    </message>
    <message>
        <source>Address (http:// or https://):</source>
        <translation>地址（http:// 或 https://）：</translation>
    </message>
    <message>
        <source>Asking the timestamp servers…</source>
        <translation>正在询问时间戳服务器…</translation>
    </message>
    <message>
        <source>Timestamped by %1 at %2.</source>
        <translation>已由 %1 于 %2 加盖时间戳。</translation>
    </message>
    <message>
        <source>Every checkpoint already has its timestamp.</source>
        <translation>所有检查点都已经有时间戳。</translation>
    </message>
    <message>
        <source>No timestamp server answered. The checkpoint stays in the queue; try again when online.</source>
        <translation>没有时间戳服务器回应。检查点会留在队列里，请在联网时再试。</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>This vault is locked.</source>
        <translation>保险箱已锁定。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Open another vault…</source>
        <translation>打开其他保险箱…</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>创建新保险箱</translation>
    </message>
    <message>
        <source>Forgot the passphrase? Unlock with the recovery key</source>
        <translation>忘记密码短语？用恢复密钥解锁</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
</context>
<context>
    <name>VaultView</name>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案情</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Receive from phone…</source>
        <translation>从手机接收…</translation>
    </message>
    <message>
        <source>Import from phone…</source>
        <translation>从手机导入…</translation>
    </message>
    <message>
        <source>Write a note…</source>
        <translation>写笔记…</translation>
    </message>
    <message>
        <source>Record a complaint…</source>
        <translation>记录投诉…</translation>
    </message>
    <message>
        <source>Export a bundle…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>Trusted time…</source>
        <translation>可信时间…</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Stop reading text</source>
        <translation>停止识别</translation>
    </message>
    <message>
        <source>What was read is kept; the other images wait to be read later.</source>
        <translation>已识别的文字会保留，其余图片稍后再识别。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 条证据</numerusform>
        </translation>
    </message>
    <message>
        <source>Text read from %1 of %2 images.</source>
        <translation>已识别 %1 / %2 张图片的文字。</translation>
    </message>
    <message numerus="yes">
        <source>Stopped reading text: %n image(s) wait to be read.</source>
        <translation>
            <numerusform>已停止识别文字：%n 张图片等待识别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resume reading (%n)</source>
        <translation>
            <numerusform>继续识别（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping: the images being read are finished first…</source>
        <translation>正在停止：先识别完正在处理的图片…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移入回收站</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <source>Moved to the trash. Tick “Show the trash” to see or restore it.</source>
        <translation>已移入回收站。勾选“显示回收站”可以查看或恢复。</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>已恢复。</translation>
    </message>
    <message>
        <source>Deleted for good.</source>
        <translation>已永久删除。</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择证据文件</translation>
    </message>
    <message numerus="yes">
        <source>The backup holds %n other number(s) that belong to no lender.</source>
        <translation>
            <numerusform>备份里还有 %n 个号码不属于任何平台。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose collectors&apos; numbers…</source>
        <translation>选择催收号码…</translation>
    </message>
    <message>
        <source>Recorded for %1. Follow it up on the Case tab, under Complaints.</source>
        <translation>已为%1记录。可在“案情”页的“投诉”中跟进。</translation>
    </message>
    <message>
        <source>Reference %2, recorded for %1. Follow it up on the Case tab, under Complaints.</source>
        <translation>编号 %2，已为%1记录。可在“案情”页的“投诉”中跟进。</translation>
    </message>
    <message>
        <source>Complaint recorded</source>
        <translation>投诉已记录</translation>
    </message>
    <message>
        <source>Backup analysed</source>
        <translation>备份已分析</translation>
    </message>
    <message>
        <source>Choose the lender the phone&apos;s files belong to first.</source>
        <translation>请先选择这些手机文件所属的借贷平台。</translation>
    </message>
    <message>
        <source>There is no evidence to export yet.</source>
        <translation>还没有可导出的证据。</translation>
    </message>
</context>
<context>
    <name>VerifyBundleDialog</name>
    <message>
        <source>Verify an evidence bundle</source>
        <translation>核验证据包</translation>
    </message>
    <message>
        <source>Choose the ZIP file of an evidence bundle. The check only reads it: it changes nothing and needs no vault.</source>
        <translation>请选择证据包的 ZIP 文件。核验只读取它，不做任何修改，也不需要保险箱。</translation>
    </message>
    <message>
        <source>The bundle&apos;s ZIP file</source>
        <translation>证据包的 ZIP 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>File check</source>
        <translation>文件核验</translation>
    </message>
    <message>
        <source>Trusted time</source>
        <translation>可信时间</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>技术细节</translation>
    </message>
    <message>
        <source>Choose the bundle</source>
        <translation>选择证据包</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Checking the bundle…</source>
        <translation>正在核验证据包…</translation>
    </message>
    <message>
        <source>File %1 of %2</source>
        <translation>第 %1 个文件，共 %2 个</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>The bundle is intact: all %1 files are exactly as they were when it was signed.</source>
        <translation>证据包完好：全部 %1 个文件与签名时完全一致。</translation>
    </message>
    <message>
        <source>The bundle is NOT intact: something in it was changed, removed or added after it was signed. Do not rely on the files marked below.</source>
        <translation>证据包不完好：签名之后，其中有内容被修改、删除或添加。请不要依赖下面标出的文件。</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Altered</source>
        <translation>已被修改</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>Signed by the key with fingerprint %1. That key travels inside the bundle, so anyone could make a bundle with a key of their own: compare the fingerprint with one the sender gives you another way (in person, by phone).</source>
        <translation>签名密钥的指纹是 %1。这把密钥就放在证据包里，任何人都可以用自己的密钥做出一个证据包：请把这个指纹与发送人通过另一种方式（当面、电话）告诉您的指纹对比。</translation>
    </message>
    <message>
        <source>No trusted time is proven for any file: when they existed is not proven, only that they are unchanged since they were signed.</source>
        <translation>没有任何文件有可信时间证明：只能证明文件自签名后未被改动，不能证明它们何时已经存在。</translation>
    </message>
    <message>
        <source>The file holds bytes that are not part of the bundle.</source>
        <translation>这个文件里有不属于证据包的数据。</translation>
    </message>
    <message>
        <source>The signature does not hold: the list of hashes (SHA256SUMS) was changed or not signed by the key in the bundle, so no file in it can be trusted.</source>
        <translation>签名不成立：哈希清单（SHA256SUMS）被改过，或者不是由证据包里的密钥签名的，因此其中的文件都不可信。</translation>
    </message>
    <message>
        <source>The description of the evidence (manifest.json) does not agree with the files.</source>
        <translation>证据说明（manifest.json）与文件不一致。</translation>
    </message>
    <message>
        <source>Some files differ from the list of hashes (SHA256SUMS).</source>
        <translation>有些文件与哈希清单（SHA256SUMS）不一致。</translation>
    </message>
    <message>
        <source>The record of what happened to each file is broken.</source>
        <translation>每个文件的保管记录已不完整。</translation>
    </message>
    <message>
        <source>A time proof in the bundle does not hold.</source>
        <translation>证据包中的某个时间证明不成立。</translation>
    </message>
    <message>
        <source>The bundle&apos;s own timestamp (SHA256SUMS.tsr) does not hold.</source>
        <translation>证据包自身的时间戳（SHA256SUMS.tsr）不成立。</translation>
    </message>
    <message>
        <source>The check “%1” failed.</source>
        <translation>核验项“%1”未通过。</translation>
    </message>
    <message>
        <source>Existed by %1 (%2)</source>
        <translation>不晚于 %1 已存在（%2）</translation>
    </message>
    <message>
        <source>Timestamp of a server not trusted on this computer</source>
        <translation>时间戳来自本机不信任的服务器</translation>
    </message>
    <message>
        <source>Time proof does not hold</source>
        <translation>时间证明不成立</translation>
    </message>
    <message>
        <source>No trusted time</source>
        <translation>无可信时间</translation>
    </message>
    <message>
        <source>The whole bundle was timestamped at %1 by %2.</source>
        <translation>整个证据包已于 %1 由 %2 加盖时间戳。</translation>
    </message>
    <message>
        <source>The bundle has a timestamp from a server this computer does not trust.</source>
        <translation>证据包的时间戳来自本机不信任的服务器。</translation>
    </message>
    <message>
        <source>The bundle&apos;s timestamp does not hold.</source>
        <translation>证据包的时间戳不成立。</translation>
    </message>
    <message>
        <source>The bundle has no timestamp of its own; it can be checked without one.</source>
        <translation>证据包没有自己的时间戳；没有时间戳也可以核验。</translation>
    </message>
</context>
<context>
    <name>WayBack</name>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Show the window</source>
        <translation>显示窗口</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Evidence Vault</source>
        <translation>证据保险箱</translation>
    </message>
    <message>
        <source>Evidence Vault keeps your recordings, screenshots and notes about debt collectors locked and unchanged on this computer. When you complain or go to court, it makes one package that anyone can check has not been altered.</source>
        <translation>证据保险箱把催收相关的录音、截图和笔记加密保存在这台电脑上，原样不变。投诉或起诉时，它会生成一个任何人都能核验未被篡改的证据包。</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>创建新保险箱</translation>
    </message>
    <message>
        <source>Open an existing vault…</source>
        <translation>打开已有保险箱…</translation>
    </message>
    <message>
        <source>Verify an evidence bundle…</source>
        <translation>核验证据包…</translation>
    </message>
</context>
<context>
    <name>ZoneSetting</name>
    <message>
        <source>Days, night-time calls and the by-hour chart are counted in this zone. Choose where the calls happen (for mainland China: China Standard Time), even if this computer is set to another zone.</source>
        <translation>日期、夜间来电和按小时分布图都按这个时区计算。请选择来电发生地的时区（中国大陆选“中国标准时间”），即使这台电脑设的是别的时区。</translation>
    </message>
</context>
</TS>
