/* Tooltip contents for the graph page: who or what, and the evidence (sentence, article,
 * date, rule), built from the page data with DOM text nodes only, so article text can never
 * become markup. window.kgTips(data, links) gives the builders to view.js.
 */
window.kgTips = function (data, links) {
  "use strict";
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function nameOf(n) { var it = data.info[n]; return it.en && it.en !== it.name ? it.name + " / " + it.en : it.name; }
  function evidence(box, items, total) {
    (items || []).forEach(function (item) {
      var art = data.articles[item[0]], sentence = data.texts[item[1]], quote = data.texts[item[2]], q = el("blockquote");
      var at = quote ? sentence.indexOf(quote) : -1;
      if (at >= 0) {
        q.appendChild(document.createTextNode(sentence.slice(0, at)));
        q.appendChild(el("mark", null, quote));
        q.appendChild(document.createTextNode(sentence.slice(at + quote.length)));
      } else q.textContent = sentence;
      box.appendChild(q);
      box.appendChild(el("div", "kg-tip-source", "—《" + art.title + "》" + (art.date ? " " + art.date : "") +
        (art.publisher ? " · " + art.publisher : "") + " · 规则 rule: " + data.texts[item[3]]));
    });
    var shown = (items || []).length;
    if (total > shown) box.appendChild(el("div", "kg-tip-more", "另有 " + (total - shown) + " 处 · " + (total - shown) + " more"));
  }
  function line(box, label, value) { if (value) box.appendChild(el("div", "kg-tip-line", label + value)); }
  function node(n) {
    var it = data.info[n], kind = data.kinds[it.kind], box = el("div"), head = el("div", "kg-tip-head", nameOf(n));
    head.appendChild(el("span", "kg-tip-kind", kind.zh + " " + kind.en));
    box.appendChild(head);
    line(box, "别名 aliases: ", (it.aliases || []).join("、"));
    line(box, "日期 date: ", it.date);
    line(box, "职务 posts: ", it.note);
    line(box, "ISO: ", it.iso);
    if (it.kind === "article") {
      var art = data.articles[(it.articles || [])[0]];
      line(box, "媒体 publisher: ", art && art.publisher);
      line(box, "网址 URL: ", it.url);
    }
    evidence(box, it.ev, it.evn);
    return box;
  }
  function edge(k) {
    var e = links[k], rel = e.rel, box = el("div");
    box.appendChild(el("div", "kg-tip-head", nameOf(e.from) + " → " + nameOf(e.to)));
    line(box, "关系 relation: ", e.label === rel.zh ? rel.zh + " / " + rel.en : e.label + " (" + rel.zh + " / " + rel.en + ")");
    evidence(box, e.ev, e.evn);
    return box;
  }
  return { node: node, edge: edge, name: nameOf, el: el };
};
