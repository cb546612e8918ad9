"""The one page the phone's browser is served: pick files, watch each one upload.

In Simplified Chinese, Traditional Chinese or English. The page posts each file on its
own (``multipart/form-data``, one ``file`` field, with the file's modification time in
the query) so that every file shows its own progress and its own done or failed line.
It asks for nothing else: no script, style or image is loaded from anywhere.
"""

from __future__ import annotations

import html
import json

LANGUAGES = ("zh_CN", "zh_TW", "en")

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Send evidence to Evidence Vault",
        "code": "Pairing code — check that the computer shows the same:",
        "hint": "Choose the recordings, screenshots, photos or backup XML. Where the phone "
        "asks, choose “original” (not compressed) so the times in the files are kept.",
        "pick": "Choose files",
        "waiting": "Waiting for the computer to accept this phone…",
        "refused": "The computer does not accept this phone. Only one phone per session.",
        "sending": "sending",
        "imported": "stored in the vault",
        "duplicate": "already in the vault",
        "failed": "failed",
        "closed": "The session on the computer has ended.",
    },
    "zh_CN": {
        "title": "发送证据到证据保险箱",
        "code": "配对码——请核对电脑上显示的是否相同：",
        "hint": "选择录音、截图、照片或备份 XML。手机询问时请选择“原图/原文件”，文件里的时间才会保留。",
        "pick": "选择文件",
        "waiting": "等待电脑确认这部手机……",
        "refused": "电脑未接受这部手机。每次只能连接一部手机。",
        "sending": "正在发送",
        "imported": "已存入保险箱",
        "duplicate": "保险箱里已有",
        "failed": "失败",
        "closed": "电脑上的接收已结束。",
    },
    "zh_TW": {
        "title": "傳送證據到證據保險箱",
        "code": "配對碼——請核對電腦上顯示的是否相同：",
        "hint": "選擇錄音、截圖、照片或備份 XML。手機詢問時請選擇「原圖/原檔案」，檔案裡的時間才會保留。",
        "pick": "選擇檔案",
        "waiting": "等待電腦確認這支手機……",
        "refused": "電腦未接受這支手機。每次只能連接一支手機。",
        "sending": "正在傳送",
        "imported": "已存入保險箱",
        "duplicate": "保險箱裡已有",
        "failed": "失敗",
        "closed": "電腦上的接收已結束。",
    },
}

_HTML_LANG = {"en": "en", "zh_CN": "zh-Hans", "zh_TW": "zh-Hant"}

_SCRIPT = """
const T = JSON.parse(document.getElementById('t').textContent);
const list = document.getElementById('list'), state = document.getElementById('state');
const input = document.getElementById('files');
async function paired() {
  for (;;) {
    let r;
    try { r = await fetch(location.pathname + '/state', {cache: 'no-store'}); }
    catch (e) { state.textContent = T.closed; return false; }
    if (r.status !== 200) { state.textContent = T.closed; return false; }
    const s = await r.json();
    if (s.state === 'paired') { state.textContent = ''; return true; }
    if (s.state === 'refused') { state.textContent = T.refused; return false; }
    state.textContent = T.waiting;
    await new Promise(ok => setTimeout(ok, 1500));
  }
}
function send(file) {
  const row = document.createElement('li'), bar = document.createElement('progress');
  const label = document.createElement('span');
  row.textContent = file.name + ' '; bar.max = 1; bar.value = 0;
  label.textContent = T.sending; row.append(bar, ' ', label); list.append(row);
  return new Promise(done => {
    const x = new XMLHttpRequest(), body = new FormData();
    body.append('file', file, file.name);
    x.open('POST', location.pathname + '?last_modified=' + file.lastModified);
    x.upload.onprogress = e => { if (e.lengthComputable) bar.value = e.loaded / e.total; };
    x.onload = () => {
      let r = null;
      try { r = JSON.parse(x.responseText).results[0]; } catch (e) {}
      const ok = x.status === 200 && r && (r.status === 'imported' || r.status === 'duplicate');
      label.textContent = ok ? T[r.status] : T.failed + (r && r.message ? ': ' + r.message : '');
      row.className = ok ? 'ok' : 'bad'; bar.value = 1; done();
    };
    x.onerror = () => { label.textContent = T.failed; row.className = 'bad'; done(); };
    x.send(body);
  });
}
input.addEventListener('change', async () => {
  const files = Array.from(input.files); input.value = '';
  if (!(await paired())) return;
  for (const f of files) await send(f);
});
paired();
"""

_STYLE = """
body{font:18px/1.5 system-ui,sans-serif;margin:1em;max-width:40em}
.code{font-size:2em;letter-spacing:.2em;font-weight:bold}
label.pick{display:inline-block;padding:.7em 1.4em;background:#1565c0;color:#fff;
border-radius:.4em;margin:.5em 0}
input[type=file]{display:none} li{margin:.4em 0;word-break:break-all}
li.ok span{color:#2e7d32} li.bad span{color:#c62828} progress{width:6em}
"""


def choose_language(accept_language: str | None, default: str | None) -> str:
    """The page's language: the session's, else the phone's first one we have, else en."""
    if default in LANGUAGES:
        return default
    for entry in (accept_language or "").split(","):
        tag = entry.split(";")[0].strip().lower().replace("_", "-")
        if tag.startswith("zh"):
            traditional = any(mark in tag for mark in ("hant", "-tw", "-hk", "-mo"))
            return "zh_TW" if traditional else "zh_CN"
        if tag.startswith("en"):
            return "en"
    return "en"


def render_page(language: str, pairing_code: str) -> bytes:
    """The upload page in ``language`` showing ``pairing_code``."""
    text = _TEXT.get(language, _TEXT["en"])
    strings = json.dumps(text, ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="{_HTML_LANG.get(language, "en")}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(text["title"])}</title><style>{_STYLE}</style></head>
<body><h1>{html.escape(text["title"])}</h1>
<p>{html.escape(text["code"])}</p><p class="code" id="code">{html.escape(pairing_code)}</p>
<p>{html.escape(text["hint"])}</p>
<label class="pick">{html.escape(text["pick"])}<input type="file" id="files" multiple></label>
<p id="state"></p><ul id="list"></ul>
<script type="application/json" id="t">{strings}</script>
<script>{_SCRIPT}</script></body></html>
""".encode()
