<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AddLenderDialog</name>
    <message>
        <source>Add lender</source>
        <translation>新增借貸平台</translation>
    </message>
    <message>
        <source>e.g. 138 0013 8000, 95188</source>
        <translation>例如 138 0013 8000, 95188</translation>
    </message>
    <message>
        <source>Name of the lending platform (pick one or type another):</source>
        <translation>借貸平台名稱（從清單選擇或自行輸入）：</translation>
    </message>
    <message>
        <source>Numbers that call or message you for this lender (if you know them; separate them with commas):</source>
        <translation>替這個平台給你打電話、發簡訊的號碼（知道的話就填，多個號碼用逗號隔開）：</translation>
    </message>
    <message>
        <source>“%1” is not a phone number. Write it as your phone shows it.</source>
        <translation>「%1」不是電話號碼。請照手機上顯示的樣子填寫。</translation>
    </message>
</context>
<context>
    <name>AssignNumbersDialog</name>
    <message>
        <source>Numbers of %1</source>
        <translation>%1 的號碼</translation>
    </message>
    <message>
        <source>These numbers in the backup belong to no lender yet. Tick the ones that are %1&apos;s collectors: only their calls and messages count for this lender.</source>
        <translation>備份裡的這些號碼還沒有歸到任何平台。請勾選屬於%1催收人員的號碼：只有這些號碼的來電和簡訊才算在這個平台名下。</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n contact(s))</source>
        <translation>
            <numerusform>%1（%n 次聯繫）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupBanner</name>
    <message>
        <source>This is a backup, opened to be looked at: nothing in it can be changed. To work with it, restore it (evault restore).</source>
        <translation>這是一份備份，只能查看，不能修改其中任何內容。要繼續使用，請先還原它（evault restore）。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up to a USB stick or folder</source>
        <translation>備份到隨身碟或資料夾</translation>
    </message>
    <message>
        <source>A backup is a second copy of the vault on a USB stick or in another folder. It stays encrypted like the vault, so a lost stick reveals nothing. Every copied file is read back and checked before the backup counts as done; later backups copy only what is new.</source>
        <translation>備份是保險箱在隨身碟或另一個資料夾裡的第二份副本。它和保險箱一樣是加密的，隨身碟遺失也不會洩露任何內容。每個複製的檔案都會讀回並核對，全部無誤才算備份完成；以後的備份只複製新增的內容。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在讀取…</translation>
    </message>
    <message>
        <source>The backup folder keeps every file for good, and earlier copies of the list of evidence: the last 10 backups, plus the last one of each earlier month.</source>
        <translation>備份資料夾永久保留每個檔案，並保留證據清單的早期副本：最近10次備份，以及更早每個月的最後一次。</translation>
    </message>
    <message>
        <source>The USB stick or folder to back up to</source>
        <translation>要備份到的隨身碟或資料夾</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即備份</translation>
    </message>
    <message>
        <source>This vault has not been backed up yet.</source>
        <translation>這個保險箱還沒有備份過。</translation>
    </message>
    <message>
        <source>Last backup: %1, to %2.</source>
        <translation>上次備份：%1，備份到 %2。</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>選擇備份資料夾</translation>
    </message>
    <message>
        <source>Choose the USB stick or folder first.</source>
        <translation>請先選擇隨身碟或資料夾。</translation>
    </message>
    <message>
        <source>Backing up and checking every copy…</source>
        <translation>正在備份並核對每個副本…</translation>
    </message>
    <message>
        <source>Done: %1 items are in the backup; %2 new files were copied and checked.</source>
        <translation>完成：備份中共有 %1 項證據；本次複製並核對了 %2 個新檔案。</translation>
    </message>
    <message>
        <source>%1 damaged copies in the backup folder were found and copied again.</source>
        <translation>發現備份資料夾中有 %1 個損壞的副本，已重新複製。</translation>
    </message>
    <message>
        <source>The backup failed; the backup folder keeps its previous backup.</source>
        <translation>備份失敗；備份資料夾仍保留上一次的備份。</translation>
    </message>
</context>
<context>
    <name>BackupReminder</name>
    <message>
        <source>Back up…</source>
        <translation>備份…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以後再說</translation>
    </message>
    <message>
        <source>This evidence is only on this computer. Back it up to a USB stick or another folder, so a broken or lost laptop does not take it with it.</source>
        <translation>這些證據只存在這台電腦上。請備份到隨身碟或另一個資料夾，以免電腦損壞或遺失時證據也一起沒了。</translation>
    </message>
    <message>
        <source>Time for a backup: %1 new items since the last one, on %2 to %3.</source>
        <translation>該備份了：自 %2 備份到 %3 以來新增了 %1 項證據。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Import a call log or SMS backup…</source>
        <translation>匯入通話紀錄或簡訊備份…</translation>
    </message>
    <message>
        <source>Add a collector number…</source>
        <translation>新增催收號碼…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>號碼數</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>簡訊</translation>
    </message>
    <message>
        <source>At night</source>
        <translation>夜間</translation>
    </message>
    <message>
        <source>Longest burst</source>
        <translation>最長連續轟炸</translation>
    </message>
    <message>
        <source>Rule broken</source>
        <translation>違反的規定</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次數</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出處</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>違規情況</translation>
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
        <translation>接聽且通話時長大於0秒的來電。</translation>
    </message>
    <message>
        <source>Calls the phone logged as picked up but lasting 0 seconds: they did not connect, so they count as unanswered attempts, not as connected calls.</source>
        <translation>手機記為已接聽但時長為0秒的來電：並未接通，計為未接通的撥打，不計為接通。</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按小時</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投訴</translation>
    </message>
    <message>
        <source>Choose a lender on the left to see its case.</source>
        <translation>請在左邊選擇一個平台，查看它的案情。</translation>
    </message>
    <message>
        <source>Reading the case…</source>
        <translation>正在讀取案情…</translation>
    </message>
    <message>
        <source>Collector numbers: %1</source>
        <translation>催收號碼：%1</translation>
    </message>
    <message>
        <source>No collector numbers yet. Add the numbers that call you, or import a call log and tick them there.</source>
        <translation>還沒有催收號碼。請新增打給你的號碼，或者匯入通話紀錄後在那裡勾選。</translation>
    </message>
    <message>
        <source>Calls and messages by hour of day (%1)</source>
        <translation>每天各小時的來電和簡訊（%1）</translation>
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
        <translation>從這個平台的紀錄看，沒有發現違反規定的情況。</translation>
    </message>
    <message>
        <source>Where the rules come from, and when each was checked</source>
        <translation>規則的來源及各自的核對日期</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1（第 %2 版）</translation>
    </message>
    <message>
        <source>Choose a call log or SMS backup</source>
        <translation>選擇通話紀錄或簡訊備份</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore files (*.xml);;All files (*)</source>
        <translation>SMS Backup &amp; Restore 備份檔案 (*.xml);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在匯入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) added: their calls and messages now count for this lender too.</source>
        <translation>
            <numerusform>已新增 %n 個號碼：它們的來電和簡訊現在也算在這個平台名下。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a collector number</source>
        <translation>新增催收號碼</translation>
    </message>
    <message>
        <source>A number that calls or messages you for %1:</source>
        <translation>為%1打電話或傳簡訊給你的號碼：</translation>
    </message>
    <message>
        <source>No calls or messages from this lender&apos;s numbers yet. Import a call log or SMS backup, and make sure the collectors&apos; numbers are added.</source>
        <translation>還沒有來自這個平台號碼的來電或簡訊。請匯入通話紀錄或簡訊備份，並確認已新增催收號碼。</translation>
    </message>
    <message>
        <source>From %1 to %2: %3 calls from %4 numbers (%5 connected, %8 of 0 seconds), %6 messages, %7 of them at night (22:00–08:00).</source>
        <translation>%1 至 %2：來自 %4 個號碼的來電 %3 通（接通 %5 通，0秒 %8 通），簡訊 %6 則，其中夜間（22:00–08:00）%7 次。</translation>
    </message>
    <message>
        <source>The worst day was %1, with %2 calls and %3 messages.</source>
        <translation>最嚴重的一天是 %1，來電 %2 次，簡訊 %3 則。</translation>
    </message>
    <message>
        <source>The longest burst was %1 contacts in a row, starting %2.</source>
        <translation>最長一次連續轟炸是 %1 次接連不斷的聯繫，從 %2 開始。</translation>
    </message>
    <message>
        <source>Counted: calls from a collector number that connected (longer than 0 s).</source>
        <translation>計數：催收號碼打入並接通（時長大於0秒）的來電。</translation>
    </message>
    <message>
        <source>Counted: calls from a collector number that did not connect (missed, rejected, blocked, to voicemail, 0 s).</source>
        <translation>計數：催收號碼打入但未接通的來電（未接、拒接、攔截、轉語音信箱、0秒）。</translation>
    </message>
    <message>
        <source>Counted: every call from a collector number.</source>
        <translation>計數：催收號碼打入的全部來電。</translation>
    </message>
    <message>
        <source>Counted: calls and messages from collector numbers.</source>
        <translation>計數：催收號碼的來電和簡訊。</translation>
    </message>
    <message>
        <source>Counted: calls and messages from collector numbers in those hours.</source>
        <translation>計數：該時段內催收號碼的來電和簡訊。</translation>
    </message>
    <message>
        <source>Counted: evidence you filed under the rule&apos;s categories.</source>
        <translation>計數：您歸入該規則所列類別的證據。</translation>
    </message>
    <message>
        <source>0-second calls on those days (not connected, not counted as connected): %1.</source>
        <translation>這些日期的0秒來電（未接通，不計為接通）：%1 通。</translation>
    </message>
    <message>
        <source>Checked %1: %2 (confirmed against the text)</source>
        <translation>%1 核對：%2（已與原文核實）</translation>
    </message>
    <message>
        <source>Checked %1: %2 (not confirmed against the text)</source>
        <translation>%1 核對：%2（未經原文核實）</translation>
    </message>
    <message>
        <source>These calls predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>這些來電早於規則生效日（%1），未計入（%3，共 %2 次）。</translation>
    </message>
    <message>
        <source>These items predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>這些證據早於規則生效日（%1），未計入（%3，共 %2 件）。</translation>
    </message>
    <message>
        <source>These calls and messages predate the rule&apos;s date in force (%1): not counted (%2 in %3).</source>
        <translation>這些來電和簡訊早於規則生效日（%1），未計入（%3，共 %2 次）。</translation>
    </message>
    <message>
        <source>The backup is stored as evidence: %1 calls, %2 SMS, %3 MMS. %4 of them came from numbers already known for this lender.</source>
        <translation>備份已作為證據保存：通話 %1 筆，簡訊 %2 則，多媒體簡訊 %3 則。其中 %4 筆來自這個平台已知的號碼。</translation>
    </message>
    <message>
        <source>Backup imported</source>
        <translation>備份已匯入</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>變更密碼短語</translation>
    </message>
    <message>
        <source>Type the passphrase you use now, then the new one twice. Your recovery key and recovery sheet stay valid.</source>
        <translation>先輸入現在使用的密碼短語，再輸入兩次新的密碼短語。你的復原金鑰和復原金鑰紙仍然有效。</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>目前的密碼短語</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>密碼短語已變更</translation>
    </message>
    <message>
        <source>The passphrase was changed. Use the new one from now on; your recovery key stays the same.</source>
        <translation>密碼短語已變更。今後請使用新的密碼短語；你的復原金鑰不變。</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Complaint about %1</source>
        <translation>關於%1的投訴</translation>
    </message>
    <message>
        <source>Update the complaint about %1</source>
        <translation>更新關於%1的投訴</translation>
    </message>
    <message>
        <source>The number the channel gave you, if any</source>
        <translation>受理管道給你的編號（如有）</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>跟進日期</translation>
    </message>
    <message>
        <source>Who you spoke to, what they said, what comes next.</source>
        <translation>和誰談過、對方怎麼說、下一步是什麼。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>投訴管道</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>受理編號</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <source>12378 consumer hotline</source>
        <translation>12378 消費者投訴熱線</translation>
    </message>
    <message>
        <source>NIFA online complaint</source>
        <translation>中國互聯網金融協會網上投訴</translation>
    </message>
    <message>
        <source>Heimao (黑猫投诉)</source>
        <translation>黑貓投訴</translation>
    </message>
    <message>
        <source>Police (110)</source>
        <translation>報警（110）</translation>
    </message>
    <message>
        <source>Police by SMS (12110)</source>
        <translation>簡訊報警（12110）</translation>
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
        <translation>處理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解決</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已結案</translation>
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
        <translation>投訴管道</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>受理編號</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>跟進日期</translation>
    </message>
    <message>
        <source>Record a complaint…</source>
        <translation>記錄一次投訴…</translation>
    </message>
    <message>
        <source>Update…</source>
        <translation>更新…</translation>
    </message>
    <message>
        <source>Make complaint material…</source>
        <translation>產生投訴材料…</translation>
    </message>
    <message>
        <source>The text to paste and the attachments one channel takes, from this case</source>
        <translation>根據本案證據，產生某一投訴管道所需的可貼上文字和附件</translation>
    </message>
    <message>
        <source>%1 — overdue</source>
        <translation>%1 — 已逾期</translation>
    </message>
    <message>
        <source>The follow-up date has passed: ask the channel.</source>
        <translation>已過跟進日期：請向該管道詢問進展。</translation>
    </message>
    <message>
        <source>This follow-up is due.</source>
        <translation>已到跟進日期。</translation>
    </message>
    <message>
        <source>Making the material…</source>
        <translation>正在產生材料…</translation>
    </message>
    <message>
        <source>Making the material… %1 of %2</source>
        <translation>正在產生材料… 第 %1 項，共 %2 項</translation>
    </message>
</context>
<context>
    <name>CreateVaultWizard</name>
    <message>
        <source>Create a vault</source>
        <translation>建立保險箱</translation>
    </message>
</context>
<context>
    <name>CreateWizard</name>
    <message>
        <source>Type a passphrase.</source>
        <translation>請輸入密碼短語。</translation>
    </message>
    <message>
        <source>Too short: use at least 8 characters, better several words.</source>
        <translation>太短：至少 8 個字元，最好是幾個詞。</translation>
    </message>
    <message>
        <source>This is one of the most common passwords; it is guessed first.</source>
        <translation>這是最常見的密碼之一，會被最先猜到。</translation>
    </message>
    <message>
        <source>Repeated characters are easy to guess.</source>
        <translation>重複的字元很容易被猜到。</translation>
    </message>
    <message>
        <source>Runs like abc, 123 or qwerty are easy to guess.</source>
        <translation>abc、123、qwerty 這類連續字元很容易被猜到。</translation>
    </message>
    <message>
        <source>Mix in capitals, digits or symbols.</source>
        <translation>加入大寫字母、數字或符號。</translation>
    </message>
    <message>
        <source>Add another word or two that belong together only for you.</source>
        <translation>再加一兩個只有你自己會聯想到一起的詞。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細資料</translation>
    </message>
    <message>
        <source>History</source>
        <translation>紀錄</translation>
    </message>
    <message>
        <source>What this proves, e.g. the collector threatened to visit my parents.</source>
        <translation>證明目的，例如：催收人員威脅要去我父母家。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Happened at</source>
        <translation>發生時間</translation>
    </message>
    <message>
        <source>What does it show? Tick all that apply:</source>
        <translation>它顯示了什麼？符合的都勾選：</translation>
    </message>
    <message>
        <source>Machine-read text</source>
        <translation>機器識別</translation>
    </message>
    <message>
        <source>What this proves</source>
        <translation>證明目的</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Time source</source>
        <translation>時間來源</translation>
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
        <translation>分析這個備份</translation>
    </message>
    <message>
        <source>Read the calls and messages of this backup into the lender&apos;s Case tab.</source>
        <translation>把這個備份裡的通話和簡訊讀進這個平台的「案情」頁。</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到垃圾桶</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>從垃圾桶還原</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>永久刪除…</translation>
    </message>
    <message>
        <source>Captured %1. %2 Imported %3.</source>
        <translation>形成於 %1。%2匯入於 %3。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Time in the file name: %1. The file&apos;s own modified time: %2.</source>
        <translation>檔名中的時間：%1。檔案本身的修改時間：%2。</translation>
    </message>
    <message>
        <source>Incoming call (from the file name).</source>
        <translation>來電（據檔名）。</translation>
    </message>
    <message>
        <source>Outgoing call (from the file name).</source>
        <translation>去電（據檔名）。</translation>
    </message>
    <message>
        <source>title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>what this proves</source>
        <translation>證明目的</translation>
    </message>
    <message>
        <source>time it happened</source>
        <translation>發生時間</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>電話號碼</translation>
    </message>
    <message>
        <source>lender</source>
        <translation>借貸平台</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已匯入</translation>
    </message>
    <message>
        <source>Description edited</source>
        <translation>描述已修改</translation>
    </message>
    <message>
        <source>Moved to trash</source>
        <translation>已移到垃圾桶</translation>
    </message>
    <message>
        <source>Restored from trash</source>
        <translation>已從垃圾桶還原</translation>
    </message>
    <message>
        <source>Deleted for good</source>
        <translation>已永久刪除</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已匯出</translation>
    </message>
    <message>
        <source>Calls and messages analysed</source>
        <translation>已分析通話和簡訊</translation>
    </message>
    <message>
        <source>SM3 computed</source>
        <translation>已計算 SM3 值</translation>
    </message>
    <message>
        <source>Transcript saved</source>
        <translation>已儲存文字稿</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <source>Start by adding the lending platform whose collectors call or message you. Then import your screenshots, call recordings and messages into it.</source>
        <translation>第一步：新增催收人員替它打電話、發簡訊的借貸平台。然後把截圖、通話錄音和簡訊匯入到這個平台下。</translation>
    </message>
    <message>
        <source>Which platform is it? Click its name:</source>
        <translation>是哪個平台？點它的名字：</translation>
    </message>
    <message>
        <source>Another platform…</source>
        <translation>其他平台…</translation>
    </message>
    <message>
        <source>No evidence here yet. Import screenshots, call recordings, text messages or a phone backup, or drop the files onto this window.</source>
        <translation>這裡還沒有證據。請匯入截圖、通話錄音、簡訊或手機備份，也可以直接把檔案拖到這個視窗裡。</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>匯入檔案…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The passphrase is not right. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>密碼短語不正確。請檢查輸入法和大寫鎖定鍵後重試。</translation>
    </message>
    <message>
        <source>Please type a passphrase.</source>
        <translation>請輸入密碼短語。</translation>
    </message>
    <message>
        <source>This is not the recovery key: check each letter against the recovery sheet (it starts with AGE-SECRET-KEY-1).</source>
        <translation>這不是復原金鑰：請對照復原金鑰紙逐個字母檢查（它以 AGE-SECRET-KEY-1 開頭）。</translation>
    </message>
    <message>
        <source>This recovery key belongs to another vault. Use the sheet made for this vault.</source>
        <translation>這把復原金鑰屬於另一個保險箱。請使用為這個保險箱製作的復原金鑰紙。</translation>
    </message>
    <message>
        <source>That folder already holds a vault or other files. Choose an empty or new folder.</source>
        <translation>該資料夾裡已有保險箱或其他檔案。請選擇一個空的或新的資料夾。</translation>
    </message>
    <message>
        <source>That folder is not an Evidence Vault, or its vault.json is damaged.</source>
        <translation>該資料夾不是證據保險箱，或者其中的 vault.json 已損壞。</translation>
    </message>
    <message>
        <source>A lender with this name already exists.</source>
        <translation>已有同名的借貸平台。</translation>
    </message>
    <message>
        <source>This lender no longer exists in the vault.</source>
        <translation>保險箱中已沒有這個借貸平台。</translation>
    </message>
    <message>
        <source>This item no longer exists in the vault.</source>
        <translation>保險箱中已沒有這筆證據。</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it and try again.</source>
        <translation>保險箱已鎖定。請解鎖後重試。</translation>
    </message>
    <message>
        <source>Another program is using this vault (another Evidence Vault window or an evault command). Close it, then try again.</source>
        <translation>另一個程式正在使用這個保險箱（另一個證據保險箱視窗或 evault 指令）。請先關閉它，再試一次。</translation>
    </message>
    <message>
        <source>This copy of the app is incomplete: a part it needs is missing. Install it again.</source>
        <translation>這個應用程式的安裝不完整：缺少它需要的部分。請重新安裝。</translation>
    </message>
    <message>
        <source>This request cannot be carried out as given.</source>
        <translation>無法按這樣的方式執行此操作。</translation>
    </message>
    <message>
        <source>That does not look like a phone number.</source>
        <translation>這看起來不像電話號碼。</translation>
    </message>
    <message>
        <source>A time needs a date, an hour and a time zone.</source>
        <translation>時間需要包含日期、鐘點和時區。</translation>
    </message>
    <message>
        <source>A time stored in the vault is damaged. Run a vault check.</source>
        <translation>保險箱中儲存的某個時間已損壞。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>That is not a time zone this computer knows. Choose one from the list.</source>
        <translation>這台電腦不認得這個時區。請從清單中選擇。</translation>
    </message>
    <message>
        <source>The vault&apos;s database could not be opened.</source>
        <translation>無法開啟保險箱的資料庫。</translation>
    </message>
    <message>
        <source>The vault&apos;s database does not match its key. The vault may be damaged.</source>
        <translation>保險箱的資料庫與金鑰不符，保險箱可能已損壞。</translation>
    </message>
    <message>
        <source>The vault&apos;s database file is missing.</source>
        <translation>保險箱的資料庫檔案不見了。</translation>
    </message>
    <message>
        <source>This vault was made by a newer version of Evidence Vault. Please update the app.</source>
        <translation>這個保險箱由較新版本的證據保險箱建立。請更新本應用程式。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>檔案是空的。</translation>
    </message>
    <message>
        <source>Text cannot be read from images: Tesseract and its Chinese language files are not installed.</source>
        <translation>無法辨識圖片中的文字：未安裝 Tesseract 及其中文語言檔。</translation>
    </message>
    <message>
        <source>The image could not be read; the original is kept unchanged.</source>
        <translation>無法辨識這張圖片；原件保持不變。</translation>
    </message>
    <message>
        <source>Tesseract could not read this image; the original is kept unchanged.</source>
        <translation>Tesseract 無法辨識這張圖片；原件保持不變。</translation>
    </message>
    <message>
        <source>The phrase pack is not valid.</source>
        <translation>詞句包無效。</translation>
    </message>
    <message>
        <source>The file could not be imported.</source>
        <translation>無法匯入該檔案。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that you are allowed to open it, then import it again.</source>
        <translation>無法讀取這個檔案。請確認你有權限開啟它，然後再匯入一次。</translation>
    </message>
    <message>
        <source>The file is no longer there: it was moved or deleted before the import.</source>
        <translation>檔案已經不在原處：它在匯入之前被移動或刪除了。</translation>
    </message>
    <message>
        <source>The vault&apos;s disk is full or refuses the write, so nothing of this file was kept. Free some space and import it again.</source>
        <translation>保險箱所在的磁碟已滿或拒絕寫入，因此這個檔案沒有儲存任何內容。請騰出一些空間後再匯入一次。</translation>
    </message>
    <message>
        <source>Only regular files can be imported.</source>
        <translation>只能匯入一般檔案。</translation>
    </message>
    <message>
        <source>Symbolic links are not imported. Choose the file itself.</source>
        <translation>不匯入符號連結。請選擇檔案本身。</translation>
    </message>
    <message>
        <source>This is a named pipe, not a file: only regular files can be imported.</source>
        <translation>這是具名管道，不是檔案：只能匯入一般檔案。</translation>
    </message>
    <message>
        <source>This is a device, not a file: only regular files can be imported.</source>
        <translation>這是裝置，不是檔案：只能匯入一般檔案。</translation>
    </message>
    <message>
        <source>This is a socket, not a file: only regular files can be imported.</source>
        <translation>這是通訊端（socket），不是檔案：只能匯入一般檔案。</translation>
    </message>
    <message>
        <source>This is a folder, not a file, so it was not imported.</source>
        <translation>這是資料夾，不是檔案，因此沒有匯入。</translation>
    </message>
    <message>
        <source>The file was replaced while it was being opened, so it was not imported.</source>
        <translation>開啟檔案時它被替換了，因此沒有匯入。</translation>
    </message>
    <message>
        <source>The vault could not be saved: the disk is full or failing. Nothing was half-saved. Free some space and try again.</source>
        <translation>無法儲存到保險箱：磁碟已滿或發生故障。沒有任何內容只儲存了一半。請騰出一些空間後再試一次。</translation>
    </message>
    <message>
        <source>This is a backup, opened to be looked at: nothing in it can be changed. To work with it, restore it.</source>
        <translation>這是一份備份，只能查看，不能修改其中任何內容。要繼續使用，請先還原它。</translation>
    </message>
    <message>
        <source>This folder cannot take the backup: choose an empty folder outside the vault, or one that already holds a backup of this vault.</source>
        <translation>這個資料夾不能用來備份：請選擇保險箱之外的空資料夾，或已存有這個保險箱備份的資料夾。</translation>
    </message>
    <message>
        <source>A copied file did not read back correctly, so the backup was not finished; the backup folder keeps its previous backup. Check the USB stick and the vault, then try again.</source>
        <translation>有一個複製的檔案讀回時不正確，備份沒有完成；備份資料夾仍保留上一次的備份。請檢查隨身碟和保險箱後再試。</translation>
    </message>
    <message>
        <source>The checking of the copied files stopped before it was done, so the backup was not finished; the backup folder keeps its previous backup. Try again.</source>
        <translation>檢查已複製檔案的過程在完成前中斷了，所以備份沒有完成；備份資料夾保留著上一次的備份。請再試一次。</translation>
    </message>
    <message>
        <source>The backup was cancelled; the backup folder is as it was.</source>
        <translation>備份已取消；備份資料夾保持原樣。</translation>
    </message>
    <message>
        <source>A recording is larger than the 4 GiB a FAT32 USB stick can hold in one file. Format the stick as exFAT, or back up to another folder.</source>
        <translation>有一個錄音超過了 FAT32 格式隨身碟單一檔案 4 GiB 的上限。請把隨身碟格式化為 exFAT，或備份到其他資料夾。</translation>
    </message>
    <message>
        <source>Restore into a new or empty folder.</source>
        <translation>請還原到一個新的或空的資料夾。</translation>
    </message>
    <message>
        <source>The backup does not hold the snapshot that was asked for.</source>
        <translation>備份中沒有所要的那份快照。</translation>
    </message>
    <message>
        <source>A file in the backup is missing or damaged, so nothing was restored. Try an older snapshot or another backup.</source>
        <translation>備份中有檔案缺失或損壞，因此沒有還原任何內容。請試試更早的快照或另一份備份。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is damaged.</source>
        <translation>保險箱中的一個加密檔案已損壞。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is damaged and cannot be read.</source>
        <translation>保險箱中的一個加密檔案已損壞，無法讀取。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault is cut short and cannot be read.</source>
        <translation>保險箱中的一個加密檔案不完整，無法讀取。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault has a damaged header.</source>
        <translation>保險箱中一個加密檔案的檔頭已損壞。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault was not made for this vault&apos;s key.</source>
        <translation>保險箱中的一個加密檔案不是用本保險箱的金鑰加密的。</translation>
    </message>
    <message>
        <source>A file in the vault is not in the encrypted format it should be.</source>
        <translation>保險箱中的一個檔案不是應有的加密格式。</translation>
    </message>
    <message>
        <source>An encrypted file in the vault has damaged armor.</source>
        <translation>保險箱中一個加密檔案的文字封裝已損壞。</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is damaged.</source>
        <translation>保險箱的金鑰檔案已損壞。</translation>
    </message>
    <message>
        <source>The file&apos;s date and details could not be read.</source>
        <translation>無法讀取該檔案的日期和詳細資訊。</translation>
    </message>
    <message>
        <source>An entry in the vault&apos;s history log is damaged.</source>
        <translation>保險箱操作紀錄中的一筆已損壞。</translation>
    </message>
    <message>
        <source>An entry for the vault&apos;s history log could not be written.</source>
        <translation>無法寫入保險箱操作紀錄。</translation>
    </message>
    <message>
        <source>The vault&apos;s key is damaged.</source>
        <translation>保險箱的金鑰已損壞。</translation>
    </message>
    <message>
        <source>Unlocking was interrupted before it finished. Please try again.</source>
        <translation>解鎖在完成前被中斷了。請再試一次。</translation>
    </message>
    <message>
        <source>This backup is already in the vault, and its calls and messages are already counted: see the lender&apos;s Case tab.</source>
        <translation>這個備份已經在保險箱裡了，裡面的通話和簡訊也已經統計過：請看這個平台的「案情」頁。</translation>
    </message>
    <message>
        <source>The calls and messages of this backup are already counted: see the lender&apos;s Case tab.</source>
        <translation>這個備份裡的通話和簡訊已經統計過了：請看這個平台的「案情」頁。</translation>
    </message>
    <message>
        <source>Only a call log or SMS backup can be analysed.</source>
        <translation>只有通話紀錄或簡訊備份才能分析。</translation>
    </message>
    <message>
        <source>Only a backup file can be imported here, not a folder or a link.</source>
        <translation>這裡只能匯入備份檔案，不能匯入資料夾或連結。</translation>
    </message>
    <message>
        <source>This file is not a call log or SMS backup from “SMS Backup &amp; Restore”. Nothing was imported.</source>
        <translation>這個檔案不是「SMS Backup &amp; Restore」的通話紀錄或簡訊備份。沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>The backup file is cut off; copy it from the phone again. Nothing was imported.</source>
        <translation>備份檔案不完整，請從手機重新複製一次。沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>The backup file contains XML that phone backups never use, so it was refused. Nothing was imported.</source>
        <translation>備份檔案裡有手機備份從不使用的 XML 結構，因此被拒絕。沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>This complaint no longer exists in the vault.</source>
        <translation>這筆投訴已不在保險箱中。</translation>
    </message>
    <message>
        <source>This complaint cannot be saved as given.</source>
        <translation>這筆投訴無法按填寫的內容儲存。</translation>
    </message>
    <message>
        <source>A rule file of this vault is damaged, so rules cannot be checked.</source>
        <translation>這個保險箱的規則檔案已損毀，無法檢查規定。</translation>
    </message>
    <message>
        <source>The bundle could not be written.</source>
        <translation>證據包無法寫入。</translation>
    </message>
    <message>
        <source>This note is too long to keep in one piece. Split it into several notes.</source>
        <translation>這則筆記太長，無法完整保存。請分成幾則筆記來寫。</translation>
    </message>
    <message>
        <source>This transcript cannot be saved as written: it is too long, or a line has no time or no words.</source>
        <translation>這份文字稿無法按現在的樣子儲存：內容太長，或有一行沒有時間或沒有文字。</translation>
    </message>
    <message>
        <source>Only a recording can have a transcript.</source>
        <translation>只有錄音才能有文字稿。</translation>
    </message>
    <message>
        <source>There is no evidence to export for this choice of lender and dates.</source>
        <translation>所選平台和日期範圍內沒有可匯出的證據。</translation>
    </message>
    <message>
        <source>A file with that name already exists. Choose another name.</source>
        <translation>已有同名檔案。請換一個名稱。</translation>
    </message>
    <message>
        <source>The lender has no company name yet. Type the company&apos;s full name (as in the loan contract) and make the material again.</source>
        <translation>這個平台還沒有填寫公司名稱。請填寫公司全稱（與借款合約一致）後再產生材料。</translation>
    </message>
    <message>
        <source>This lender has no evidence yet. Import recordings, screenshots or a call log first.</source>
        <translation>這個平台還沒有證據。請先匯入錄音、截圖或通話紀錄。</translation>
    </message>
    <message>
        <source>Making the complaint material was cancelled. Nothing was written.</source>
        <translation>已取消產生投訴材料，沒有寫入任何檔案。</translation>
    </message>
    <message>
        <source>A file in the vault no longer matches the hash taken when it was imported, so no copy of it was made. Run a vault check.</source>
        <translation>保險箱中有檔案與匯入時記錄的雜湊值不再一致，因此沒有為它製作副本。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>One of the images cannot be read or made small enough for this channel. It stays in the full evidence bundle.</source>
        <translation>有一張圖片無法讀取，或無法壓縮到該管道的大小限制以內。它仍在完整證據包中。</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>匯出已取消，沒有寫入任何檔案。</translation>
    </message>
    <message>
        <source>The check was stopped before the end, so it says nothing about the bundle.</source>
        <translation>核驗在完成前被停止，因此對這個證據包沒有任何結論。</translation>
    </message>
    <message>
        <source>A file in the vault no longer matches the hash taken when it was imported, so the export stopped. Run a vault check.</source>
        <translation>保險箱中有檔案與匯入時記錄的雜湊值不一致，匯出已停止。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>The timestamp server gave no usable answer.</source>
        <translation>時間戳伺服器沒有給出可用的回覆。</translation>
    </message>
    <message>
        <source>The timestamp server could not be reached. Try again when online.</source>
        <translation>無法連線時間戳伺服器。請在連網時再試。</translation>
    </message>
    <message>
        <source>The timestamp server&apos;s answer is not a valid timestamp.</source>
        <translation>時間戳伺服器的回覆不是有效的時間戳。</translation>
    </message>
    <message>
        <source>The timestamp server&apos;s answer is not signed by a trusted authority.</source>
        <translation>時間戳伺服器的回覆沒有可信機構的簽章。</translation>
    </message>
    <message>
        <source>That is not a usable timestamp server address (it must start with http).</source>
        <translation>這不是可用的時間戳伺服器位址（必須以 http 開頭）。</translation>
    </message>
    <message>
        <source>This timestamp server is not in the vault&apos;s list.</source>
        <translation>這個時間戳伺服器不在保險箱的清單中。</translation>
    </message>
    <message>
        <source>A checkpoint of the vault could not be made or checked. Run a vault check.</source>
        <translation>無法產生或核對保險箱的檢查點。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>The vault&apos;s evidence no longer matches a checkpoint signed earlier: something in the vault was changed. Run a vault check.</source>
        <translation>保險箱中的證據與先前簽署的檢查點不再一致：保險箱裡有內容被改動過。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>The vault&apos;s checkpoint data could not be worked out. Run a vault check.</source>
        <translation>無法計算保險箱的檢查點資料。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>A fingerprint in the vault&apos;s checkpoint data is damaged. Run a vault check.</source>
        <translation>保險箱檢查點資料中的一個指紋已損壞。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>The vault&apos;s checkpoint data does not cover the evidence asked for. Run a vault check.</source>
        <translation>保險箱的檢查點資料不包含所要求的證據。請執行保險箱檢查。</translation>
    </message>
    <message>
        <source>A signature does not check out, so the files cannot be shown unchanged.</source>
        <translation>簽章核對不通過，因此無法證明這些檔案沒有被改動。</translation>
    </message>
    <message>
        <source>The signature is damaged and cannot be checked.</source>
        <translation>簽章已損壞，無法核對。</translation>
    </message>
    <message>
        <source>The signature is of a kind this app cannot check.</source>
        <translation>這種簽章本軟體無法核對。</translation>
    </message>
    <message>
        <source>The signature was made for something else, not for Evidence Vault.</source>
        <translation>這個簽章是為別的用途製作的，不是證據保險箱的簽章。</translation>
    </message>
    <message>
        <source>The signature was made with a different key from the one expected.</source>
        <translation>這個簽章所用的金鑰與預期的金鑰不同。</translation>
    </message>
    <message>
        <source>The signature does not match the files: they or the signature were changed after signing.</source>
        <translation>簽章與檔案不符：簽署之後，檔案或簽章被改動過。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of signing keys (allowed_signers) is damaged.</source>
        <translation>證據包中的簽章金鑰清單（allowed_signers）已損壞。</translation>
    </message>
    <message>
        <source>A signature could not be made as asked.</source>
        <translation>無法按要求產生簽章。</translation>
    </message>
    <message>
        <source>This file cannot be read as an evidence bundle. It may be damaged or cut short.</source>
        <translation>無法把這個檔案當作證據包讀取。它可能已損壞或不完整。</translation>
    </message>
    <message>
        <source>This file holds things no evidence bundle holds, so it was refused for your safety.</source>
        <translation>這個檔案裡有證據包絕不會有的內容，為了你的安全已拒絕處理。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of evidence (manifest.json) is missing or damaged.</source>
        <translation>證據包的證據清單（manifest.json）遺失或已損壞。</translation>
    </message>
    <message>
        <source>The bundle&apos;s list of file hashes (SHA256SUMS) is damaged.</source>
        <translation>證據包的檔案雜湊值清單（SHA256SUMS）已損壞。</translation>
    </message>
    <message>
        <source>No passphrase was given.</source>
        <translation>沒有提供密碼短語。</translation>
    </message>
    <message>
        <source>This part of Evidence Vault is not installed.</source>
        <translation>證據保險箱的這個部分沒有安裝。</translation>
    </message>
    <message>
        <source>Something went wrong in the vault.</source>
        <translation>保險箱出了點問題。</translation>
    </message>
    <message>
        <source>Could not start receiving: the network address or port is not available.</source>
        <translation>無法開始接收：該網路位址或連接埠不可用。</translation>
    </message>
    <message>
        <source>The upload from the phone was interrupted; nothing of it was kept.</source>
        <translation>手機的上傳中斷了，這個檔案沒有保存任何部分。</translation>
    </message>
    <message>
        <source>What the phone sent was not a file upload; nothing of it was kept.</source>
        <translation>手機傳送的不是檔案上傳，沒有保存任何內容。</translation>
    </message>
    <message>
        <source>The vault&apos;s history log is broken. Run a vault check to find where.</source>
        <translation>保險箱的操作紀錄鏈已斷開。請執行保險箱檢查找出位置。</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path</source>
        <translation>複製檔案路徑</translation>
    </message>
    <message>
        <source>Something unexpected went wrong, but your evidence is safe.</source>
        <translation>發生了意外錯誤，但你的證據是安全的。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong, but your evidence is safe. The details are in this file, which holds no passphrase or note text:
%1</source>
        <translation>發生了意外錯誤，但你的證據是安全的。詳細資訊記錄在下面這個檔案中，其中不含密碼短語或筆記內容：
%1</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>證據保險箱</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export an evidence bundle</source>
        <translation>匯出證據包</translation>
    </message>
    <message>
        <source>The bundle is one ZIP file to give to a regulator, a lawyer, the police or a court. It holds copies of the evidence, an evidence list (PDF), and the hashes and signature that let anyone check, without this app, that nothing was changed.</source>
        <translation>證據包是一個 ZIP 檔案，可以交給監管機關、律師、警方或法院。裡面有證據的副本、證據目錄（PDF），以及雜湊值和簽章：任何人不用本軟體也能核對內容沒有被改動。</translation>
    </message>
    <message>
        <source>Only what happened between</source>
        <translation>只匯出發生在以下日期之間的</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Ask the vault&apos;s timestamp servers to stamp the bundle (needs the internet)</source>
        <translation>請保險箱的時間戳伺服器為證據包加蓋時間戳（需要連網）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Evidence of</source>
        <translation>哪個平台的證據</translation>
    </message>
    <message>
        <source>Evidence list in</source>
        <translation>證據目錄語言</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>儲存為</translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation>證據包儲存為</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 檔案 (*.zip)</translation>
    </message>
    <message>
        <source>The bundle is saved:
%1

%2 items, %3.</source>
        <translation>證據包已儲存：
%1

共 %2 項，%3。</translation>
    </message>
    <message>
        <source>No timestamp server answered, so this bundle has no trusted timestamp. It is complete and can be checked without one.</source>
        <translation>沒有時間戳伺服器回應，所以這個證據包沒有可信時間戳。證據包是完整的，沒有時間戳也可以核驗。</translation>
    </message>
    <message>
        <source>You chose not to timestamp this bundle.</source>
        <translation>您選擇了不為這個證據包加蓋時間戳。</translation>
    </message>
    <message>
        <source>To add a timestamp later: when you are online, open “Trusted time…”, click “Timestamp now”, then export the bundle again.</source>
        <translation>稍後加蓋時間戳：連網後打開「可信時間…」，點擊「立即加蓋時間戳」，然後重新匯出證據包。</translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation>接下來怎麼做：</translation>
    </message>
    <message>
        <source>Send the ZIP file as it is to the regulator, lawyer, police or court (e-mail, USB stick or a download link). The README.txt inside explains, in Chinese and English, how to check it with standard tools.</source>
        <translation>把這個 ZIP 檔案原樣交給監管機關、律師、警方或法院（電子郵件、隨身碟或下載連結均可）。裡面的 README.txt 用中文和英文說明了如何用常見工具核驗。</translation>
    </message>
    <message>
        <source>Tell them the key fingerprint another way (by phone, in person): %1</source>
        <translation>透過另一種方式（電話、當面）告訴對方金鑰指紋：%1</translation>
    </message>
    <message>
        <source>To complain to 12378, NIFA or Heimao: they take pasted text and small files, not this ZIP. In the Case tab, under Complaints, “Make complaint material…” writes each channel&apos;s text and attachments, and says where to file.</source>
        <translation>要向 12378、互聯網金融舉報平台或黑貓投訴：這些管道收的是貼上的文字和小檔案，不收這個 ZIP。在「案情」分頁的「投訴」裡點「產生投訴材料…」，它為每個管道寫好文字和附件，並說明去哪裡提交。</translation>
    </message>
    <message>
        <source>Keep a copy of the ZIP file yourself.</source>
        <translation>自己也保留一份 ZIP 檔案。</translation>
    </message>
    <message>
        <source>Keep this vault and its passphrase: it holds the originals and can make a new bundle at any time.</source>
        <translation>保留這個保險箱和它的密碼短語：原始檔案都在裡面，隨時可以重新匯出證據包。</translation>
    </message>
    <message>
        <source>SHA-256 of SHA256SUMS: %1</source>
        <translation>SHA256SUMS 的 SHA-256：%1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>簽章金鑰：%1</translation>
    </message>
    <message>
        <source>Timestamped by %1 at %2</source>
        <translation>由 %1 於 %2 加蓋時間戳</translation>
    </message>
    <message>
        <source>No timestamp server stamped this bundle.</source>
        <translation>這個證據包沒有時間戳伺服器的時間戳。</translation>
    </message>
    <message>
        <source>Items with a timestamped checkpoint: %1 of %2</source>
        <translation>有時間戳檢查點的證據：%1 / %2</translation>
    </message>
    <message>
        <source>The folder cannot be shown</source>
        <translation>無法打開資料夾</translation>
    </message>
    <message>
        <source>This computer has no program to show folders. The bundle is here:
%1

Use “Copy the path” and paste it where you need it.</source>
        <translation>這台電腦沒有可以打開資料夾的程式。證據包在這裡：
%1

請點擊「複製路徑」，然後貼上到需要的地方。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>匯出完成</translation>
    </message>
    <message>
        <source>Copy the path</source>
        <translation>複製路徑</translation>
    </message>
    <message>
        <source>Verify this bundle</source>
        <translation>核驗這個證據包</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>開啟所在資料夾</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>匯出已取消，沒有寫入任何檔案。</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>匯出已取消</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <source>Exporting evidence</source>
        <translation>正在匯出證據</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在準備…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Item %1 of %2 (%3 MB/s)</source>
        <translation>第 %1 項，共 %2 項（%3 MB/s）</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search titles, notes, numbers…</source>
        <translation>搜尋標題、筆記、號碼…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有類型</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有類別</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期範圍</translation>
    </message>
    <message>
        <source>Show the trash</source>
        <translation>顯示垃圾桶</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>Recording</source>
        <translation>錄音</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截圖</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>影片</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>SMS / call backup</source>
        <translation>簡訊／通話紀錄備份</translation>
    </message>
    <message>
        <source>Phone call log backup (%1 calls, %2 messages)</source>
        <translation>通話紀錄備份（%1 通通話，%2 則簡訊）</translation>
    </message>
    <message>
        <source>Phone message backup (%1 calls, %2 messages)</source>
        <translation>簡訊備份（%1 通通話，%2 則簡訊）</translation>
    </message>
    <message>
        <source>Frequent calls</source>
        <translation>頻繁來電</translation>
    </message>
    <message>
        <source>Threats</source>
        <translation>威脅恐嚇</translation>
    </message>
    <message>
        <source>Contacting family or contacts</source>
        <translation>騷擾家人或通訊錄</translation>
    </message>
    <message>
        <source>Leaking personal data</source>
        <translation>洩露個人資料</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上門催收</translation>
    </message>
    <message>
        <source>Insults</source>
        <translation>辱罵</translation>
    </message>
    <message>
        <source>Posing as police or court</source>
        <translation>冒充警察或法院</translation>
    </message>
    <message>
        <source>Fake legal documents</source>
        <translation>偽造法律文書</translation>
    </message>
    <message>
        <source>Private phone or social app</source>
        <translation>私人手機或社群軟體</translation>
    </message>
    <message>
        <source>Exaggerated or false claims</source>
        <translation>虛構黑名單或誇大後果</translation>
    </message>
    <message>
        <source>Workplace visit</source>
        <translation>到工作單位催收</translation>
    </message>
    <message>
        <source>Contacted after asking to stop</source>
        <translation>聯絡人拒絕後仍被聯絡</translation>
    </message>
    <message>
        <source>Notices posted in public</source>
        <translation>公開張貼公告或律師函</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Time taken from the photo&apos;s EXIF data.</source>
        <translation>時間取自照片的 EXIF 資訊。</translation>
    </message>
    <message>
        <source>Time taken from the recording&apos;s or video&apos;s own metadata.</source>
        <translation>時間取自錄音或影片本身的中繼資料。</translation>
    </message>
    <message>
        <source>Time read from the file name.</source>
        <translation>時間取自檔名。</translation>
    </message>
    <message>
        <source>Time taken from the file&apos;s last-modified date (less reliable).</source>
        <translation>時間取自檔案的最後修改日期（可靠性較低）。</translation>
    </message>
    <message>
        <source>No time found in the file; this is when it was imported.</source>
        <translation>檔案中找不到時間；這是匯入的時間。</translation>
    </message>
    <message>
        <source>Time entered by you.</source>
        <translation>時間由你填寫。</translation>
    </message>
    <message>
        <source>Time of the newest call or message in the backup.</source>
        <translation>時間取自備份中最新一筆通話或簡訊。</translation>
    </message>
    <message>
        <source>Time of the message that carried it, from the phone&apos;s backup.</source>
        <translation>時間取自手機備份中帶來它的那則多媒體簡訊。</translation>
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
        <translation>縮小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>符合視窗</translation>
    </message>
    <message>
        <source>This image cannot be shown here.</source>
        <translation>這張圖片無法在這裡顯示。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importing evidence</source>
        <translation>正在匯入證據</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在準備…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported: %1
Already in the vault: %2
Not imported: %3</source>
        <translation>已匯入：%1
已在保險箱中：%2
未匯入：%3</translation>
    </message>
    <message>
        <source>Cancelled before import: %1</source>
        <translation>匯入前已取消：%1</translation>
    </message>
    <message>
        <source>Phone backup %1: %2 calls, %3 SMS and %4 MMS read into the Case tab.</source>
        <translation>手機備份 %1：%2 通通話、%3 則簡訊和 %4 則多媒體簡訊已讀進「案情」頁。</translation>
    </message>
    <message>
        <source>It was in the trash and is back in the list.</source>
        <translation>它原本在垃圾桶裡，現在已還原到清單中。</translation>
    </message>
    <message>
        <source>It was already in the vault; its calls and messages are now read too.</source>
        <translation>它本來就在保險箱裡；現在裡面的通話和簡訊也讀進來了。</translation>
    </message>
    <message>
        <source>To count its calls for a lender, add the collectors&apos; numbers in that lender&apos;s Case tab.</source>
        <translation>要把這些通話算在某個平台名下，請在那個平台的「案情」頁新增催收號碼。</translation>
    </message>
    <message>
        <source>File %1 of %2, %5 of %6 (%3 MB/s)
%4</source>
        <translation>第 %1 個，共 %2 個檔案；%5 / %6（%3 MB/s）
%4</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>匯入完成</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>號碼</translation>
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
        <translation>新增平台…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message numerus="yes">
        <source>All lenders (%n)</source>
        <translation>
            <numerusform>全部平台（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename lender</source>
        <translation>重新命名借貸平台</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名稱：</translation>
    </message>
</context>
<context>
    <name>LocationBox</name>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>The vault is kept in this folder on this computer. You can copy it to a USB stick as a backup.</source>
        <translation>保險箱存放在這台電腦上的這個資料夾裡。你可以把它複製到隨身碟作為備份。</translation>
    </message>
    <message>
        <source>Time zone of the calls</source>
        <translation>來電所在的時區</translation>
    </message>
    <message>
        <source>Choose a folder for the vault</source>
        <translation>為保險箱選擇資料夾</translation>
    </message>
</context>
<context>
    <name>MachineText</name>
    <message>
        <source>No machine-read text yet: the image waits to be read.</source>
        <translation>尚無機器識別文字：圖片正在等待識別。</translation>
    </message>
    <message>
        <source>Machine-read (%1): the image could not be read.</source>
        <translation>機器識別（%1）：無法識別這張圖片。</translation>
    </message>
    <message>
        <source>Machine-read text (%1). It may contain mistakes; the image is the evidence.</source>
        <translation>機器識別文字（%1），可能有誤，以原圖為準。</translation>
    </message>
    <message>
        <source>File under “%1” (the text says: %2)</source>
        <translation>歸入「%1」（文字中有：%2）</translation>
    </message>
    <message>
        <source>%1 — a collector number of %2</source>
        <translation>%1 — %2 的催收號碼</translation>
    </message>
    <message>
        <source>Phone numbers in the text: %1</source>
        <translation>文字中的電話號碼：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Verify an evidence bundle…</source>
        <translation>核驗證據包…</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Evidence Vault — %1</source>
        <translation>證據保險箱 — %1</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>證據保險箱</translation>
    </message>
    <message>
        <source>Choose the vault folder</source>
        <translation>選擇保險箱資料夾</translation>
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
        <translation>聽不到聲音：這台電腦沒有連接喇叭或耳機。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <source>New passphrase</source>
        <translation>新的密碼短語</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再輸入一次密碼短語</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note about %1</source>
        <translation>關於 %1 的筆記</translation>
    </message>
    <message>
        <source>What happened, who said what, who was there.</source>
        <translation>發生了什麼，誰說了什麼，誰在場。</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>發生時間</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>經過</translation>
    </message>
    <message>
        <source>About the item shown: %1</source>
        <translation>關於目前顯示的證據：%1</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>12378 consumer hotline and web form (NFRA)</source>
        <translation>12378 消費者投訴熱線及網上投訴（國家金融監督管理總局）</translation>
    </message>
    <message>
        <source>NIFA online report (jubao.nifa.org.cn)</source>
        <translation>中國互聯網金融協會舉報平台（jubao.nifa.org.cn）</translation>
    </message>
    <message>
        <source>Heimao complaints (public)</source>
        <translation>黑貓投訴（公開）</translation>
    </message>
    <message>
        <source>Police (110 or the station)</source>
        <translation>公安機關（110 或派出所）</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Lawyer or legal aid</source>
        <translation>律師或法律援助</translation>
    </message>
    <message>
        <source>Complaint material for %1</source>
        <translation>%1 的投訴材料</translation>
    </message>
    <message>
        <source>As in the loan contract, e.g. …有限公司</source>
        <translation>與借款合約一致，例如 …有限公司</translation>
    </message>
    <message>
        <source>The channels ask for the company&apos;s full name (被投诉机构全称). It is saved with the lender.</source>
        <translation>投訴管道要求填寫被投訴機構全稱。它會儲存到這個平台的資料中。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Make the material</source>
        <translation>產生材料</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>投訴管道</translation>
    </message>
    <message>
        <source>Company (full name)</source>
        <translation>公司全稱</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>儲存到</translation>
    </message>
    <message>
        <source>Demands (诉求)</source>
        <translation>訴求（每行一條）</translation>
    </message>
    <message>
        <source>Where to save the material</source>
        <translation>選擇材料的儲存位置</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>請選擇資料夾</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Choose another one.</source>
        <translation>資料夾 %1 不存在。請另選一個。</translation>
    </message>
</context>
<context>
    <name>PackResultDialog</name>
    <message>
        <source>The complaint material is ready</source>
        <translation>投訴材料已產生</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>資料夾：%1</translation>
    </message>
    <message>
        <source>One ZIP file: %1</source>
        <translation>打包的 ZIP 檔案：%1</translation>
    </message>
    <message>
        <source>Text to paste: 投诉内容.txt. Attachments: %1 labelled image copies%2.</source>
        <translation>要貼上的文字：投诉内容.txt。附件：%1 張標注過的圖片副本%2。</translation>
    </message>
    <message>
        <source> and the violation table (PDF)</source>
        <translation>和違規情況表（PDF）</translation>
    </message>
    <message>
        <source>%1 more images are in the full evidence bundle only.</source>
        <translation>另有 %1 張圖片只在完整證據包中。</translation>
    </message>
    <message>
        <source>Where to file</source>
        <translation>在哪裡提交</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打開資料夾</translation>
    </message>
    <message>
        <source>Record the filing…</source>
        <translation>登記這次投訴…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>The folder cannot be shown</source>
        <translation>無法打開資料夾</translation>
    </message>
    <message>
        <source>This computer has no program to show folders. The material is here:
%1</source>
        <translation>這台電腦沒有可以打開資料夾的程式。材料在這裡：
%1</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>設定密碼短語</translation>
    </message>
    <message>
        <source>Several words you can remember. Nobody, not even us, can open the vault without it or the recovery key.</source>
        <translation>用幾個你記得住的詞。沒有它或復原金鑰，任何人（包括我們）都打不開保險箱。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密碼短語</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再輸入一次密碼短語</translation>
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
        <translation>普通</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>強</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>非常強</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>兩次輸入的密碼短語不一致。</translation>
    </message>
    <message>
        <source>Creating the vault… this takes a few seconds.</source>
        <translation>正在建立保險箱…需要幾秒鐘。</translation>
    </message>
</context>
<context>
    <name>PhoneImportDialog</name>
    <message>
        <source>Import from phone</source>
        <translation>從手機匯入</translation>
    </message>
    <message>
        <source>Connect the phone with its USB cable, unlock it and choose “File transfer” when it asks. The folders where phones keep call recordings, screenshots and WeChat and QQ images are listed below; the ticked ones are copied into the vault, nothing on the phone changes.</source>
        <translation>用 USB 傳輸線連接手機，解鎖手機，在手機詢問時選擇「傳輸檔案」。下面列出手機保存通話錄音、截圖以及微信和QQ圖片的資料夾；勾選的資料夾會複製到保險箱裡，手機上的內容不會有任何改動。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>檔案數</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新尋找</translation>
    </message>
    <message>
        <source>Import the ticked folders</source>
        <translation>匯入勾選的資料夾</translation>
    </message>
    <message>
        <source>Looking for phones…</source>
        <translation>正在尋找手機…</translation>
    </message>
    <message>
        <source>No folder with evidence found on it.</source>
        <translation>手機上沒有找到存放證據的資料夾。</translation>
    </message>
    <message>
        <source>No phone found. Check the cable, unlock the phone and choose “File transfer”, then look again.</source>
        <translation>沒有找到手機。請檢查傳輸線，解鎖手機並選擇「傳輸檔案」，然後重新尋找。</translation>
    </message>
    <message>
        <source>%1 files in the folders found.</source>
        <translation>找到的資料夾裡共有 %1 個檔案。</translation>
    </message>
    <message>
        <source>The phone could not be read. Look again.</source>
        <translation>無法讀取手機。請重新尋找。</translation>
    </message>
    <message>
        <source>over USB (MTP)</source>
        <translation>透過 USB（MTP）</translation>
    </message>
    <message>
        <source>as a USB drive</source>
        <translation>作為隨身碟</translation>
    </message>
    <message>
        <source>Call recordings</source>
        <translation>通話錄音</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <translation>截圖</translation>
    </message>
    <message>
        <source>Chat images</source>
        <translation>聊天圖片</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Select an item to see it here.</source>
        <translation>選擇一筆證據即可在此檢視。</translation>
    </message>
    <message>
        <source>Decrypting…</source>
        <translation>正在解密…</translation>
    </message>
    <message>
        <source>This PDF cannot be shown here. Export it to view it.</source>
        <translation>此 PDF 無法在這裡顯示。請匯出後檢視。</translation>
    </message>
    <message>
        <source>There is no preview for this kind of file. Export it to view it.</source>
        <translation>這類檔案沒有預覽。請匯出後檢視。</translation>
    </message>
    <message>
        <source>This item could not be read for preview.</source>
        <translation>無法讀取這筆證據進行預覽。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>Match OS X Finder</comment>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>檔案資料夾</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>磁碟機</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 檔案</translation>
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
        <translation>尋找於(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>檔案類型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive from phone — %1</source>
        <translation>從手機接收 — %1</translation>
    </message>
    <message>
        <source>On the phone, connect to the same Wi-Fi as this computer and scan this code with the camera, or type the address into the browser. The browser will warn that the certificate is unknown: it was made for this session; check that the fingerprint matches, then continue.</source>
        <translation>請讓手機連接與這台電腦相同的 Wi-Fi，用相機掃描這個 QR 碼，或在瀏覽器中輸入位址。瀏覽器會提示憑證未知：它是為本次接收產生的；請核對指紋一致後繼續。</translation>
    </message>
    <message>
        <source>Warning: %1 is not a private network address. Anyone who can reach it could try to connect; prefer your home Wi-Fi.</source>
        <translation>警告：%1 不是私有網路位址。能存取到它的任何人都可能嘗試連線；請盡量使用家裡的 Wi-Fi。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>形成時間</translation>
    </message>
    <message>
        <source>Time from</source>
        <translation>時間來源</translation>
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
        <translation>位址：</translation>
    </message>
    <message>
        <source>Pairing code:</source>
        <translation>配對碼：</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256):</source>
        <translation>憑證指紋（SHA-256）：</translation>
    </message>
    <message>
        <source>Waiting for the phone…</source>
        <translation>正在等待手機……</translation>
    </message>
    <message>
        <source>Accept this phone</source>
        <translation>接受這支手機</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒絕</translation>
    </message>
    <message>
        <source>A phone at %1 opened the page. Does it show the pairing code %2?</source>
        <translation>位址為 %1 的手機打開了頁面。它顯示的配對碼是 %2 嗎？</translation>
    </message>
    <message>
        <source>Receiving from the phone at %1.</source>
        <translation>正在接收來自 %1 的手機的檔案。</translation>
    </message>
    <message>
        <source>Refused. Waiting for the phone…</source>
        <translation>已拒絕。正在等待手機……</translation>
    </message>
    <message>
        <source>Stored (%1)</source>
        <translation>已存入（%1）</translation>
    </message>
    <message>
        <source>Already in the vault</source>
        <translation>保險箱裡已有</translation>
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
        <translation>檔案中繼資料</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>檔名</translation>
    </message>
    <message>
        <source>file date</source>
        <translation>檔案日期</translation>
    </message>
    <message>
        <source>arrival time</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <source>newest row</source>
        <translation>最新一筆記錄</translation>
    </message>
</context>
<context>
    <name>RecoveryDialogs</name>
    <message>
        <source>Working… this takes a few seconds.</source>
        <translation>正在處理…需要幾秒鐘。</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Your recovery key</source>
        <translation>你的復原金鑰</translation>
    </message>
    <message>
        <source>It is shown only now. Print it or save it as a PDF, and keep it away from this computer.</source>
        <translation>它只顯示這一次。請列印或儲存為 PDF，並存放在這台電腦以外的地方。</translation>
    </message>
    <message>
        <source>A PDF on this computer alone is not enough: if the computer is lost or broken, the key goes with it.</source>
        <translation>只把 PDF 存在這台電腦上是不夠的：電腦遺失或損壞，復原金鑰也就跟著沒了。</translation>
    </message>
    <message>
        <source>I have printed the recovery key or copied it off this computer.</source>
        <translation>我已列印復原金鑰，或已把它複製到這台電腦以外的地方。</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Without your passphrase or this recovery key, nobody can recover the evidence. Not even the makers of this app.</source>
        <translation>沒有你的密碼短語或這把復原金鑰，任何人都無法找回證據，包括本應用程式的開發者。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>列印…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>儲存為 PDF</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>另存到別處…</translation>
    </message>
    <message>
        <source>Choose where: a USB stick, for example.</source>
        <translation>自己選擇位置，例如隨身碟。</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>建立於 %1</translation>
    </message>
    <message>
        <source>If you forget the passphrase: open the vault, choose “Forgot the passphrase? Unlock with the recovery key”, type the key below, then choose a new passphrase.</source>
        <translation>如果忘記了密碼短語：打開保險箱，選擇「忘記密碼短語？用復原金鑰解鎖」，輸入下面的金鑰，然後設定新的密碼短語。</translation>
    </message>
    <message>
        <source>Vault number %1</source>
        <translation>保險箱編號 %1</translation>
    </message>
    <message>
        <source>Recovery key:</source>
        <translation>復原金鑰：</translation>
    </message>
    <message>
        <source>Public key (names the vault, not secret):</source>
        <translation>公鑰（用來識別保險箱，不是秘密）：</translation>
    </message>
    <message>
        <source>Keep this sheet away from this computer, where nobody else looks.</source>
        <translation>請把這張紙放在遠離這台電腦、別人看不到的地方。</translation>
    </message>
    <message>
        <source>Evidence Vault recovery key</source>
        <translation>證據保險箱復原金鑰</translation>
    </message>
    <message>
        <source>Evidence Vault</source>
        <translation>證據保險箱</translation>
    </message>
    <message>
        <source>The sheet could not be saved in %1. Choose another folder.</source>
        <translation>無法儲存到 %1。請選擇其他資料夾。</translation>
    </message>
    <message>
        <source>Saved: %1
Print it or copy it to a USB stick, then delete it from this computer.</source>
        <translation>已儲存：%1
請把它列印出來或複製到隨身碟，然後從這台電腦上刪除。</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>儲存復原金鑰</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已傳送到印表機。</translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockDialog</name>
    <message>
        <source>Unlock and set the new passphrase</source>
        <translation>解鎖並設定新的密碼短語</translation>
    </message>
    <message>
        <source>Unlock with the recovery key</source>
        <translation>用復原金鑰解鎖</translation>
    </message>
    <message>
        <source>Type or paste the recovery key from your recovery sheet (it starts with AGE-SECRET-KEY-1). Then choose a new passphrase: the old one stops working.</source>
        <translation>輸入或貼上復原金鑰紙上的復原金鑰（以 AGE-SECRET-KEY-1 開頭）。然後設定新的密碼短語：舊的密碼短語將不再有效。</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>密碼短語已變更</translation>
    </message>
    <message>
        <source>The vault is open. From now on, unlock it with the new passphrase.</source>
        <translation>保險箱已打開。今後請用新的密碼短語解鎖。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <source>Show a neutral window title (“Notes”)</source>
        <translation>使用不顯眼的視窗標題（「筆記」）</translation>
    </message>
    <message>
        <source> new items</source>
        <translation> 項新證據</translation>
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
        <translation>新的語言將在下次啟動應用程式時生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>閒置後自動鎖定</translation>
    </message>
    <message>
        <source>Remind to back up after</source>
        <translation>提醒備份：滿</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>變更密碼短語…</translation>
    </message>
    <message>
        <source>Show the recovery key again…</source>
        <translation>再次顯示復原金鑰…</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密碼短語</translation>
    </message>
    <message>
        <source>Time zone of the calls</source>
        <translation>來電所在的時區</translation>
    </message>
</context>
<context>
    <name>ShowRecoveryKeyDialog</name>
    <message>
        <source>Show the recovery key</source>
        <translation>顯示復原金鑰</translation>
    </message>
    <message>
        <source>Show the recovery key again</source>
        <translation>再次顯示復原金鑰</translation>
    </message>
    <message>
        <source>Type your passphrase to see the recovery key and make a new recovery sheet.</source>
        <translation>輸入密碼短語，即可查看復原金鑰並製作新的復原金鑰紙。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密碼短語</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Call not connected (0 s)</source>
        <translation>未接通的來電（0秒）</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>已接來電</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>未接來電</translation>
    </message>
    <message>
        <source>Rejected call</source>
        <translation>已拒接來電</translation>
    </message>
    <message>
        <source>Blocked call</source>
        <translation>已封鎖來電</translation>
    </message>
    <message>
        <source>Call to voicemail</source>
        <translation>轉入語音信箱的來電</translation>
    </message>
    <message>
        <source>Call you made</source>
        <translation>你撥出的電話</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通話</translation>
    </message>
    <message>
        <source>Message received</source>
        <translation>收到的簡訊</translation>
    </message>
    <message>
        <source>Message you sent</source>
        <translation>你傳送的簡訊</translation>
    </message>
    <message>
        <source>Unsent draft</source>
        <translation>未傳送的草稿</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>簡訊</translation>
    </message>
    <message>
        <source>Phone&apos;s own record</source>
        <translation>手機本身的紀錄</translation>
    </message>
    <message>
        <source>Newest row of the backup</source>
        <translation>備份中最新的一筆紀錄</translation>
    </message>
    <message>
        <source>Photo&apos;s EXIF data</source>
        <translation>照片的 EXIF 資訊</translation>
    </message>
    <message>
        <source>File&apos;s own metadata</source>
        <translation>檔案內建的中繼資料</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>檔名</translation>
    </message>
    <message>
        <source>File date (less reliable)</source>
        <translation>檔案日期（較不可靠）</translation>
    </message>
    <message>
        <source>Time of import</source>
        <translation>匯入時間</translation>
    </message>
    <message>
        <source>Entered by you</source>
        <translation>你填寫的</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>With %1 attachment(s), stored as evidence items.</source>
        <translation>附帶 %1 個附件，已作為證據單獨保存。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>號碼</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細資料</translation>
    </message>
    <message>
        <source>Time from</source>
        <translation>時間來源</translation>
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
        <translation>通話</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>簡訊</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>證據檔案</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Only this number</source>
        <translation>只看這個號碼</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期範圍</translation>
    </message>
    <message>
        <source>Reading the timeline…</source>
        <translation>正在讀取時間軸…</translation>
    </message>
    <message>
        <source>That does not look like a phone number.</source>
        <translation>這看起來不像電話號碼。</translation>
    </message>
    <message numerus="yes">
        <source>Entries: %n, oldest first.</source>
        <translation>
            <numerusform>共 %n 筆，依時間由早到晚。</numerusform>
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
        <translation>時間</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>說話人</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Add line here (F2)</source>
        <translation>在此處加一行 (F2)</translation>
    </message>
    <message>
        <source>Delete line</source>
        <translation>刪除這一行</translation>
    </message>
    <message>
        <source>Save transcript</source>
        <translation>儲存文字稿</translation>
    </message>
    <message>
        <source>F2 add a line · Ctrl+Space play/pause · Ctrl+← back 5 s · Ctrl+→ on 5 s</source>
        <translation>F2 加一行 · Ctrl+空白鍵 播放/暫停 · Ctrl+← 倒退 5 秒 · Ctrl+→ 前進 5 秒</translation>
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
        <translation>雙擊可更正時間（分:秒）</translation>
    </message>
    <message>
        <source>Not saved yet (Ctrl+S).</source>
        <translation>尚未儲存 (Ctrl+S)。</translation>
    </message>
    <message>
        <source>Version %1, saved %2.</source>
        <translation>第 %1 版，儲存於 %2。</translation>
    </message>
    <message>
        <source>No transcript.</source>
        <translation>沒有文字稿。</translation>
    </message>
    <message>
        <source>No transcript yet: press F2 while it plays to add a line.</source>
        <translation>還沒有文字稿：播放時按 F2 加一行。</translation>
    </message>
</context>
<context>
    <name>Trash</name>
    <message>
        <source>Delete “%1” for good?

Its contents are destroyed and cannot be recovered, not even with the recovery key. Its hashes stay in the custody log, so the log still verifies.</source>
        <translation>永久刪除「%1」？

它的內容會被銷毀，無法復原，用復原金鑰也不行。它的雜湊值會留在保管紀錄裡，所以紀錄仍然可以核驗。</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>永久刪除</translation>
    </message>
</context>
<context>
    <name>TrustedTimeDialog</name>
    <message>
        <source>Trusted time</source>
        <translation>可信時間</translation>
    </message>
    <message>
        <source>After every import the vault signs a checkpoint of all its evidence. A timestamp server on the internet can confirm that the checkpoint existed at a given time, which shows the files were not made later. Only a hash is sent, never the evidence.</source>
        <translation>每次匯入後，保險箱都會對全部證據簽署一個檢查點。網際網路上的時間戳伺服器可以證明這個檢查點在某個時間已經存在，從而說明這些檔案不是事後製作的。傳送的只是雜湊值，絕不傳送證據本身。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在讀取…</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>新增伺服器…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Timestamp now</source>
        <translation>立即加蓋時間戳</translation>
    </message>
    <message>
        <source>Timestamp servers, asked in this order:</source>
        <translation>時間戳伺服器（按此順序詢問）：</translation>
    </message>
    <message>
        <source>Last timestamp: %1, by %2.</source>
        <translation>最近一次時間戳：%1，由 %2 簽發。</translation>
    </message>
    <message>
        <source>No timestamp yet.</source>
        <translation>還沒有時間戳。</translation>
    </message>
    <message numerus="yes">
        <source>%n checkpoint(s) wait for a timestamp.</source>
        <translation>
            <numerusform>%n 個檢查點等待加蓋時間戳。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waits for a timestamp.</source>
        <translation>沒有等待加蓋時間戳的檢查點。</translation>
    </message>
    <message>
        <source>Add a timestamp server</source>
        <translation>新增時間戳伺服器</translation>
    </message>
    <message>
        <source>Address (http:// or https://):</source>
        <translation>位址（http:// 或 https://）：</translation>
    </message>
    <message>
        <source>Asking the timestamp servers…</source>
        <translation>正在詢問時間戳伺服器…</translation>
    </message>
    <message>
        <source>Timestamped by %1 at %2.</source>
        <translation>已由 %1 於 %2 加蓋時間戳。</translation>
    </message>
    <message>
        <source>Every checkpoint already has its timestamp.</source>
        <translation>所有檢查點都已經有時間戳。</translation>
    </message>
    <message>
        <source>No timestamp server answered. The checkpoint stays in the queue; try again when online.</source>
        <translation>沒有時間戳伺服器回應。檢查點會留在佇列裡，請在連網時再試。</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>This vault is locked.</source>
        <translation>保險箱已鎖定。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密碼短語</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解鎖</translation>
    </message>
    <message>
        <source>Open another vault…</source>
        <translation>開啟其他保險箱…</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>建立新保險箱</translation>
    </message>
    <message>
        <source>Forgot the passphrase? Unlock with the recovery key</source>
        <translation>忘記密碼短語？用復原金鑰解鎖</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解鎖…</translation>
    </message>
</context>
<context>
    <name>VaultView</name>
    <message>
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案情</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>匯入檔案…</translation>
    </message>
    <message>
        <source>Receive from phone…</source>
        <translation>從手機接收…</translation>
    </message>
    <message>
        <source>Import from phone…</source>
        <translation>從手機匯入…</translation>
    </message>
    <message>
        <source>Write a note…</source>
        <translation>寫筆記…</translation>
    </message>
    <message>
        <source>Record a complaint…</source>
        <translation>記錄投訴…</translation>
    </message>
    <message>
        <source>Export a bundle…</source>
        <translation>匯出證據包…</translation>
    </message>
    <message>
        <source>Trusted time…</source>
        <translation>可信時間…</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>備份…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>鎖定</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Stop reading text</source>
        <translation>停止識別</translation>
    </message>
    <message>
        <source>What was read is kept; the other images wait to be read later.</source>
        <translation>已識別的文字會保留，其餘圖片稍後再識別。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 筆證據</numerusform>
        </translation>
    </message>
    <message>
        <source>Text read from %1 of %2 images.</source>
        <translation>已識別 %1 / %2 張圖片的文字。</translation>
    </message>
    <message numerus="yes">
        <source>Stopped reading text: %n image(s) wait to be read.</source>
        <translation>
            <numerusform>已停止識別文字：%n 張圖片等待識別。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resume reading (%n)</source>
        <translation>
            <numerusform>繼續識別（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping: the images being read are finished first…</source>
        <translation>正在停止：先識別完正在處理的圖片…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到垃圾桶</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>從垃圾桶還原</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>永久刪除…</translation>
    </message>
    <message>
        <source>Moved to the trash. Tick “Show the trash” to see or restore it.</source>
        <translation>已移到垃圾桶。勾選「顯示垃圾桶」可以查看或還原。</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>已還原。</translation>
    </message>
    <message>
        <source>Deleted for good.</source>
        <translation>已永久刪除。</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>選擇證據檔案</translation>
    </message>
    <message numerus="yes">
        <source>The backup holds %n other number(s) that belong to no lender.</source>
        <translation>
            <numerusform>備份裡還有 %n 個號碼不屬於任何平台。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose collectors&apos; numbers…</source>
        <translation>選擇催收號碼…</translation>
    </message>
    <message>
        <source>Recorded for %1. Follow it up on the Case tab, under Complaints.</source>
        <translation>已為%1記錄。可在「案情」頁的「投訴」中跟進。</translation>
    </message>
    <message>
        <source>Reference %2, recorded for %1. Follow it up on the Case tab, under Complaints.</source>
        <translation>編號 %2，已為%1記錄。可在「案情」頁的「投訴」中跟進。</translation>
    </message>
    <message>
        <source>Complaint recorded</source>
        <translation>投訴已記錄</translation>
    </message>
    <message>
        <source>Backup analysed</source>
        <translation>備份已分析</translation>
    </message>
    <message>
        <source>Choose the lender the phone&apos;s files belong to first.</source>
        <translation>請先選擇這些手機檔案所屬的借貸平台。</translation>
    </message>
    <message>
        <source>There is no evidence to export yet.</source>
        <translation>還沒有可匯出的證據。</translation>
    </message>
</context>
<context>
    <name>VerifyBundleDialog</name>
    <message>
        <source>Verify an evidence bundle</source>
        <translation>核驗證據包</translation>
    </message>
    <message>
        <source>Choose the ZIP file of an evidence bundle. The check only reads it: it changes nothing and needs no vault.</source>
        <translation>請選擇證據包的 ZIP 檔案。核驗只讀取它，不做任何修改，也不需要保險箱。</translation>
    </message>
    <message>
        <source>The bundle&apos;s ZIP file</source>
        <translation>證據包的 ZIP 檔案</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核驗</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序號</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>File check</source>
        <translation>檔案核驗</translation>
    </message>
    <message>
        <source>Trusted time</source>
        <translation>可信時間</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>技術細節</translation>
    </message>
    <message>
        <source>Choose the bundle</source>
        <translation>選擇證據包</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 檔案 (*.zip)</translation>
    </message>
    <message>
        <source>Checking the bundle…</source>
        <translation>正在核驗證據包…</translation>
    </message>
    <message>
        <source>File %1 of %2</source>
        <translation>第 %1 個檔案，共 %2 個</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>The bundle is intact: all %1 files are exactly as they were when it was signed.</source>
        <translation>證據包完好：全部 %1 個檔案與簽名時完全一致。</translation>
    </message>
    <message>
        <source>The bundle is NOT intact: something in it was changed, removed or added after it was signed. Do not rely on the files marked below.</source>
        <translation>證據包不完好：簽名之後，其中有內容被修改、刪除或新增。請不要依賴下面標出的檔案。</translation>
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
        <translation>未核驗</translation>
    </message>
    <message>
        <source>Signed by the key with fingerprint %1. That key travels inside the bundle, so anyone could make a bundle with a key of their own: compare the fingerprint with one the sender gives you another way (in person, by phone).</source>
        <translation>簽名金鑰的指紋是 %1。這把金鑰就放在證據包裡，任何人都可以用自己的金鑰做出一個證據包：請把這個指紋與寄件人透過另一種方式（當面、電話）告訴您的指紋比對。</translation>
    </message>
    <message>
        <source>No trusted time is proven for any file: when they existed is not proven, only that they are unchanged since they were signed.</source>
        <translation>沒有任何檔案有可信時間證明：只能證明檔案自簽名後未被改動，不能證明它們何時已經存在。</translation>
    </message>
    <message>
        <source>The file holds bytes that are not part of the bundle.</source>
        <translation>這個檔案裡有不屬於證據包的資料。</translation>
    </message>
    <message>
        <source>The signature does not hold: the list of hashes (SHA256SUMS) was changed or not signed by the key in the bundle, so no file in it can be trusted.</source>
        <translation>簽名不成立：雜湊清單（SHA256SUMS）被改過，或者不是由證據包裡的金鑰簽名的，因此其中的檔案都不可信。</translation>
    </message>
    <message>
        <source>The description of the evidence (manifest.json) does not agree with the files.</source>
        <translation>證據說明（manifest.json）與檔案不一致。</translation>
    </message>
    <message>
        <source>Some files differ from the list of hashes (SHA256SUMS).</source>
        <translation>有些檔案與雜湊清單（SHA256SUMS）不一致。</translation>
    </message>
    <message>
        <source>The record of what happened to each file is broken.</source>
        <translation>每個檔案的保管紀錄已不完整。</translation>
    </message>
    <message>
        <source>A time proof in the bundle does not hold.</source>
        <translation>證據包中的某個時間證明不成立。</translation>
    </message>
    <message>
        <source>The bundle&apos;s own timestamp (SHA256SUMS.tsr) does not hold.</source>
        <translation>證據包自身的時間戳（SHA256SUMS.tsr）不成立。</translation>
    </message>
    <message>
        <source>The check “%1” failed.</source>
        <translation>核驗項「%1」未通過。</translation>
    </message>
    <message>
        <source>Existed by %1 (%2)</source>
        <translation>不晚於 %1 已存在（%2）</translation>
    </message>
    <message>
        <source>Timestamp of a server not trusted on this computer</source>
        <translation>時間戳來自本機不信任的伺服器</translation>
    </message>
    <message>
        <source>Time proof does not hold</source>
        <translation>時間證明不成立</translation>
    </message>
    <message>
        <source>No trusted time</source>
        <translation>無可信時間</translation>
    </message>
    <message>
        <source>The whole bundle was timestamped at %1 by %2.</source>
        <translation>整個證據包已於 %1 由 %2 加蓋時間戳。</translation>
    </message>
    <message>
        <source>The bundle has a timestamp from a server this computer does not trust.</source>
        <translation>證據包的時間戳來自本機不信任的伺服器。</translation>
    </message>
    <message>
        <source>The bundle&apos;s timestamp does not hold.</source>
        <translation>證據包的時間戳不成立。</translation>
    </message>
    <message>
        <source>The bundle has no timestamp of its own; it can be checked without one.</source>
        <translation>證據包沒有自己的時間戳；沒有時間戳也可以核驗。</translation>
    </message>
</context>
<context>
    <name>WayBack</name>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Show the window</source>
        <translation>顯示視窗</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Evidence Vault</source>
        <translation>證據保險箱</translation>
    </message>
    <message>
        <source>Evidence Vault keeps your recordings, screenshots and notes about debt collectors locked and unchanged on this computer. When you complain or go to court, it makes one package that anyone can check has not been altered.</source>
        <translation>證據保險箱把催收相關的錄音、截圖和筆記加密保存在這台電腦上，原樣不變。投訴或起訴時，它會產生一個任何人都能核驗未被竄改的證據包。</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>建立新保險箱</translation>
    </message>
    <message>
        <source>Open an existing vault…</source>
        <translation>開啟現有保險箱…</translation>
    </message>
    <message>
        <source>Verify an evidence bundle…</source>
        <translation>核驗證據包…</translation>
    </message>
</context>
<context>
    <name>ZoneSetting</name>
    <message>
        <source>Days, night-time calls and the by-hour chart are counted in this zone. Choose where the calls happen (for mainland China: China Standard Time), even if this computer is set to another zone.</source>
        <translation>日期、夜間來電和按小時分布圖都按這個時區計算。請選擇來電發生地的時區（中國大陸選「中國標準時間」），即使這台電腦設的是別的時區。</translation>
    </message>
</context>
</TS>
