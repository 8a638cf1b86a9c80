// The landscape page's shell: the views by route, the header (language, who is signed in),
// and painting the current view. The page talks only to the public /graphql API; every view
// keeps its state in the URL (#/view?key=value), so a view can be shared, bookmarked and
// reloaded.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t, toggleLang, getLang } from "./words.js";
import { main, route, go, notify, onRerender, viewChanged } from "./core.js";
import { weekView } from "./week.js";
import { pricesView, dropCharts } from "./prices.js";
import { landscapeView } from "./landscape.js";
import { searchView } from "./search.js";
import { signinView } from "./signin.js";
import { inboxView, acceptView } from "./inbox.js";
import { editView } from "./edit.js";
import { modelPricesView } from "./pricing.js";
import { historyView, deletedView } from "./history.js";

const VIEWS = {
  week: weekView, prices: pricesView, landscape: landscapeView, search: searchView, signin: signinView,
  inbox: inboxView, accept: acceptView, edit: editView, "model-prices": modelPricesView, history: historyView, deleted: deletedView,
};

function paintSession() {
  const box = document.getElementById("session");
  box.innerHTML = "";
  const who = session.user();
  if (!who) {
    const a = document.createElement("a");
    a.href = "#/signin";
    a.id = "signin-link";
    a.textContent = t("signIn");
    box.appendChild(a);
  } else {
    const span = document.createElement("span");
    span.id = "who";
    span.textContent = t("signedInAs", { who: who.email, role: who.role });
    if (who.displayName) span.title = who.displayName;
    const out = document.createElement("button");
    out.type = "button";
    out.id = "signout";
    out.textContent = t("signOut");
    out.addEventListener("click", () => { session.signOut(t("signedOut")); go("week"); });
    box.append(span, " ", out);
  }
  // Edit views are drawn for the roles that may use them, and no one else.
  for (const a of document.querySelectorAll("nav [data-role]")) a.hidden = !session.can(a.dataset.role);
}

function paintShell() {
  document.documentElement.lang = getLang() === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.getElementById("lang").textContent = t("lang");
  const { view } = route();
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  paintSession();
  viewChanged();
  const message = session.takeNotice();
  if (message) notify(message);
}

async function render() {
  dropCharts();
  paintShell();
  const { view, params } = route();
  main.dataset.view = view;
  main.dataset.route = location.hash;
  await (VIEWS[view] || weekView)(params);
}
onRerender(render);
session.onChange((view) => (view ? render() : paintSession()));

document.getElementById("lang").addEventListener("click", () => { toggleLang(); render(); });
// A new view takes the focus (for keyboard and screen-reader users) unless it gives it to
// one of its own fields.
window.addEventListener("hashchange", () => { main.focus(); render(); });
render();
// A token kept from earlier in this tab may have expired or been revoked meanwhile, or its
// role changed: ask who it is (a refused token signs the tab out, with a message).
session.refresh(gql).then(paintSession).catch(() => {});
